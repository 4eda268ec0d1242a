from contextlib import suppress

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from conference.selectors import conferences_for_start
from courses.selectors import practitioner_dashboard, provider_dashboard
from lms.accounts.models import Role
from lms.accounts.selectors import organisation_of, role_labels
from mentoring.selectors import coaching_summary_for
from register.models import RegisterPolicy
from register.selectors import register_summary

from .selectors import manager_overview, next_steps_for


@login_required
def home(request):
    user = request.user
    context = {
        "steps": next_steps_for(user=user),
        "role_labels": role_labels(user=user),
        "organisation": organisation_of(user=user),
        "learning": practitioner_dashboard(user=user),
        "conferences": conferences_for_start(user=user),
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
