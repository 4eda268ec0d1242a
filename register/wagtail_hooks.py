"""The register in the Wagtail admin: policy versions (added, never edited), and the menu
items to the office's applications and to the College's reviews."""

from django.forms import modelform_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import CreateView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.accounts.selectors import is_board_member, is_register_office

from .forms import RegisterPolicyForm
from .models import POLICY_NUMBER_FIELDS, RegisterPolicy
from .services import register_policy_create


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_register_office(request.user)


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return is_board_member(request.user)


class RegisterPolicyCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return register_policy_create(
            actor=self.request.user,
            effective_from=data["effective_from"],
            note=data.get("note", ""),
            **{n: data[n] for n in POLICY_NUMBER_FIELDS},
        )


class RegisterPolicyInspectView(InspectView):
    def get_created_by_display_value(self):
        # The first version comes with the platform itself, not from a person.
        return self.object.created_by or _("het platform")


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
    inspect_view_class = RegisterPolicyInspectView

    def get_form_class(self, for_update=False):
        return modelform_factory(RegisterPolicy, form=RegisterPolicyForm, fields=self.form_fields)


@hooks.register("register_admin_viewset")
def register_policy_viewset():
    return RegisterPolicyViewSet("register_policy")


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return OfficeMenuItem(
        _("Registeraanvragen"), reverse("register:office"), icon_name="list-ul", order=905
    )


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    return BoardMenuItem(
        _("Ballotage registeraanvragen"), reverse("register:reviews"), icon_name="tick", order=260
    )
