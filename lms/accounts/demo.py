"""Demo people and organisations, made only by ``manage.py seed_demo``."""

from django.db import transaction

from .models import Organisation, Region, Role, User
from .services import role_set, roles_ensure, user_create

DEMO_PASSWORD = "demo-wachtwoord"

ORGANISATIONS = [
    {
        "name": "Welzijn Rivierenland",
        "kind": Organisation.Kind.WELFARE,
        "city": "Tiel",
        "allows_cross_organisation_pairs": True,
    },
    {"name": "Stichting Opbouw Utrecht", "kind": Organisation.Kind.WELFARE, "city": "Utrecht"},
]

# email, first name, last name, roles, organisation index, region
DEMO_PEOPLE = [
    ("junior@example.org", "Jamila", "de Vries", [Role.JUNIOR], 0, Region.GELDERLAND),
    ("senior@example.org", "Sander", "Bakker", [Role.SENIOR], 0, Region.GELDERLAND),
    ("aanbieder@example.org", "Anouk", "Jansen", [Role.PROVIDER_EDITOR], None, Region.UTRECHT),
    ("college@example.org", "Cor", "van Dijk", [Role.BOARD_MEMBER], None, Region.NOORD_HOLLAND),
    (
        "registerbureau@example.org",
        "Rachida",
        "El Amrani",
        [Role.REGISTER_OFFICE],
        None,
        Region.UTRECHT,
    ),
    ("manager@example.org", "Marco", "Visser", [Role.MANAGER], 0, Region.GELDERLAND),
]


@transaction.atomic
def seed() -> dict[str, User]:
    roles_ensure()
    organisations = [
        Organisation.objects.get_or_create(name=o["name"], defaults=o)[0] for o in ORGANISATIONS
    ]
    people: dict[str, User] = {}
    for email, first, last, roles, org_index, region in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                roles=roles,
                organisation=organisations[org_index] if org_index is not None else None,
                region=region,
                verified=True,
            )
        people[email] = user
    admin = User.objects.filter(email="admin@example.org").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin@example.org", DEMO_PASSWORD, first_name="Ada", last_name="Beheer"
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=admin, email=admin.email, primary=True, verified=True)
        role_set(user=admin, roles=[Role.REGISTER_OFFICE])
    people["admin@example.org"] = admin
    junior_profile = people["junior@example.org"].profile
    if junior_profile.line_manager_id is None:
        junior_profile.line_manager = people["manager@example.org"]
        junior_profile.save(update_fields=["line_manager"])
    return people
