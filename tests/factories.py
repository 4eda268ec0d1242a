"""Factories for people and organisations, shared by the tests of every app."""

import factory
from allauth.account.models import EmailAddress

from lms.accounts.models import Organisation, Profile, Region, Role, User
from lms.accounts.services import role_set

PASSWORD = "een-goed-wachtwoord-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Welzijnsorganisatie {n}")
    kind = Organisation.Kind.WELFARE
    city = factory.Iterator(["Utrecht", "Tiel", "Zwolle", "Leiden"])


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address, a profile and the given ``roles``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def finish(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"primary": True, "verified": True}
        )

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        Profile.objects.get_or_create(
            user=self,
            defaults={
                "organisation": kwargs.get("organisation"),
                "region": kwargs.get("region", Region.UTRECHT),
                "line_manager": kwargs.get("line_manager"),
            },
        )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            role_set(user=self, roles=extracted)


def person(role: Role | None = None, **kwargs) -> User:
    """A person holding ``role``; keyword arguments go to ``UserFactory``."""
    return UserFactory(roles=[role] if role else [], **kwargs)
