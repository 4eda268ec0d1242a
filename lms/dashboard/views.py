from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conference.selectors import conferences_for_start
from courses.models import Enrolment
from courses.selectors import practitioner_dashboard, provider_dashboard
from courses.services import enrolment_promotion_seen
from lms.accounts.forms import EmailPreferencesForm
from lms.accounts.models import NoticeKind, Role
from lms.accounts.selectors import email_preferences_of, organisation_of, role_labels
from lms.accounts.services import email_preferences_save
from mentoring.selectors import coaching_summary_for
from register.models import RegisterPolicy
from register.selectors import register_summary

from .selectors import inbox_by_role, inbox_for, manager_overview, next_steps_for


@login_required
def home(request):
    user = request.user
    context = {
        "steps": next_steps_for(user=user),
        "role_labels": role_labels(user=user),
        "organisation": organisation_of(user=user),
        "learning": practitioner_dashboard(user=user),
        "conferences": conferences_for_start(user=user),
        "todo": inbox_by_role(user=user),
    }
    if user.has_role(Role.JUNIOR) or user.has_role(Role.SENIOR):
        # No rules recorded yet: nothing to count toward, and the rest of the page stands.
        with suppress(RegisterPolicy.DoesNotExist):
            context["register"] = register_summary(person=user)
        context["coaching"] = coaching_summary_for(user=user)
    if user.has_role(Role.PROVIDER_EDITOR):
        context["provider_editions"] = provider_dashboard(user=user)
    if user.has_role(Role.MANAGER):
        context["manager"] = manager_overview(user=user)
    return render(request, "dashboard/home.html", context)


@login_required
def inbox(request):
    items = inbox_for(user=request.user)
    return render(
        request,
        "dashboard/inbox.html",
        {"items": items, "groups": inbox_by_role(user=request.user, items=items)},
    )


@login_required
@require_POST
def promotion_seen(request, pk: int):
    enrolment = get_object_or_404(Enrolment, pk=pk, person=request.user)
    enrolment_promotion_seen(enrolment=enrolment, actor=request.user)
    messages.success(request, _("Gezien: de plaats staat niet meer in je lijst."))
    return redirect("dashboard:inbox")


@login_required
def email_preferences(request):
    current = email_preferences_of(user=request.user)
    form = EmailPreferencesForm(request.POST or None, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        try:
            email_preferences_save(user=request.user, choices=form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Je e-mailvoorkeuren zijn bewaard."))
            return redirect("dashboard:email_preferences")
    always = [NoticeKind.SECURITY.label, NoticeKind.REGISTER_DECISION.label]
    return render(request, "dashboard/email_preferences.html", {"form": form, "always": always})
