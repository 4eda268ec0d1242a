"""The register office reaches trajectories and matching from the Wagtail admin menu.

The matching weights are a site setting (``MatchingWeights``), edited under Settings.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.accounts.models import Role


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_role(Role.REGISTER_OFFICE) or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_trajectories_menu_item():
    return OfficeMenuItem(
        _("Buddytrajecten en koppelen"), reverse("mentoring:office"), icon_name="group", order=900
    )


# --- The register policy: versions are added, never edited (mentoring.register.policy) ----

from django.core.exceptions import ValidationError  # noqa: E402
from wagtail.admin.forms import WagtailAdminModelForm  # noqa: E402
from wagtail.admin.views.generic.models import CreateView  # noqa: E402
from wagtail.admin.viewsets.model import ModelViewSet  # noqa: E402

from .register.models import POLICY_NUMBER_FIELDS, RegisterPolicy  # noqa: E402
from .register.policy import policy_validate, register_policy_create  # noqa: E402


class RegisterPolicyForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            raise ValidationError(
                _("Een beleidsversie wordt niet gewijzigd; voeg een nieuwe versie toe.")
            )
        try:
            policy_validate(
                effective_from=cleaned.get("effective_from"),
                values={n: cleaned.get(n) for n in POLICY_NUMBER_FIELDS},
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned


class RegisterPolicyCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return register_policy_create(
            actor=self.request.user,
            effective_from=data["effective_from"],
            note=data.get("note", ""),
            **{n: data[n] for n in POLICY_NUMBER_FIELDS},
        )


class RegisterPolicyViewSet(ModelViewSet):
    model = RegisterPolicy
    form_fields = ["effective_from", *POLICY_NUMBER_FIELDS, "note"]
    list_display = ["version", "effective_from", "practice_hours", "points", "created_at"]
    icon = "doc-full"
    menu_label = _("Registerbeleid")
    menu_order = 910
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = RegisterPolicyCreateView

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(RegisterPolicy, form=RegisterPolicyForm, fields=self.form_fields)


@hooks.register("register_admin_viewset")
def register_policy_viewset():
    return RegisterPolicyViewSet("register_policy")


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return OfficeMenuItem(
        _("Registeraanvragen"), reverse("register:office"), icon_name="list-ul", order=905
    )


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_role(Role.BOARD_MEMBER)


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    return BoardMenuItem(
        _("Ballotage registeraanvragen"), reverse("register:reviews"), icon_name="tick", order=260
    )
