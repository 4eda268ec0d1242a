from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms.accounts.selectors import role_labels

from .selectors import next_steps_for


@login_required
def home(request):
    return render(
        request,
        "dashboard/home.html",
        {
            "steps": next_steps_for(user=request.user),
            "role_labels": role_labels(user=request.user),
        },
    )
