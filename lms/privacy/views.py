"""The privacy pages under /mijn/privacy/: HTTP only; services and selectors do the work."""

import tempfile

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .forms import ErasureConfirmForm
from .registry import REGISTRY
from .selectors import erasure_blockers, personal_data_sections
from .services import personal_data_archive, personal_data_erase, personal_data_export


def _what_erasure_does() -> list[tuple[list[str], str]]:
    """The registry as the page explains it: kinds of data that share a reason, together."""
    grouped: dict[str, list[str]] = {}
    for entry in REGISTRY:
        title = entry.title_text
        grouped.setdefault(str(entry.reason), []).append(title[:1].upper() + title[1:])
    return [(titles, reason) for reason, titles in grouped.items()]


@never_cache
@login_required
def overview(request):
    return render(
        request,
        "privacy/overview.html",
        {
            "what_erasure_does": _what_erasure_does(),
            "blockers": erasure_blockers(user=request.user),
        },
    )


@never_cache
@login_required
def export_json(request):
    response = JsonResponse(
        personal_data_export(user=request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{day}.json"'
    return response


@never_cache
@login_required
def export_zip(request):
    """The JSON with the person's own files beside it; kept in memory up to 10 MB, beyond that
    in a temporary file."""
    # FileResponse closes the file once it has been sent.
    out = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115
    personal_data_archive(user=request.user, out=out)
    out.seek(0)
    day = timezone.localdate().isoformat()
    return FileResponse(
        out, as_attachment=True, filename=f"mijn-gegevens-{day}.zip", content_type="application/zip"
    )


@never_cache
@login_required
def export_html(request):
    return render(
        request,
        "privacy/data.html",
        {"sections": personal_data_sections(user=request.user), "made_at": timezone.now()},
    )


@never_cache
@login_required
def erase(request):
    blockers = erasure_blockers(user=request.user)
    form = ErasureConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        return _erase_confirmed(request)
    return render(request, "privacy/erase.html", {"form": form, "blockers": blockers})


# allauth asks for the password again (unless it was given in the last few minutes) and then
# replays this same request, so the confirmed form arrives here a second time.
@reauthentication_required
def _erase_confirmed(request):
    try:
        personal_data_erase(user=request.user, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("privacy:erase")
    logout(request)
    return redirect("privacy:erased")


def erased(request):
    return render(request, "privacy/erased.html")
