"""The learner's side of e-learning: the content origin's launcher and files, the one JSON
endpoint the lesson page posts the package's results to, and starting again."""

import json
import mimetypes
import posixpath

from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_POST

from . import services
from .content import file_url, guard, site_origin, token_read
from .models import Package
from .selectors import H5P_ITEM, package_for_token, package_leaves


def _package_of(token: str) -> Package:
    found = token_read(token)
    if found is None:
        raise Http404
    package = package_for_token(package_id=found[0], user_id=found[1])
    if package is None:
        raise Http404
    return package


@require_GET
@csp_exempt()
@xframe_options_exempt
def launcher(request, token: str):
    """The launcher page on the content origin: it holds the SCORM API (or plays the H5P
    item) and loads the chosen item of the package."""
    package = _package_of(token)
    if package.kind == Package.Kind.H5P:
        item = {"identifier": H5P_ITEM, "title": package.title, "href": ""}
    else:
        leaves = package_leaves(package)
        wanted = request.GET.get("item") or leaves[0]["identifier"]
        item = next((leaf for leaf in leaves if leaf["identifier"] == wanted), None)
        if item is None:
            raise Http404
    context = {
        "kind": package.kind,
        "title": item["title"],
        "item": item["identifier"],
        "launch_url": file_url(token, item["href"]) if item["href"] else "",
        "h5p_root": file_url(token).rstrip("/"),
        "site_origin": site_origin(),
    }
    response = render(request, "elearning/launcher.html", context)
    response["Cache-Control"] = "private, no-store"
    return guard(response)


@require_GET
@csp_exempt()
@xframe_options_exempt
def package_file(request, token: str, path: str):
    """One file of the package, on the content origin, behind its signed address."""
    package = _package_of(token)
    clean = posixpath.normpath(path)
    if clean.startswith(("/", "..")) or "\\" in path or "\x00" in path or clean == ".":
        raise Http404
    storage = services.package_storage()
    name = f"{package.storage_prefix}/{clean}"
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, OSError) as error:
        raise Http404 from error
    content_type, encoding = mimetypes.guess_type(clean)
    if encoding or not content_type:  # a packed file is served as it is, never unpacked
        content_type = "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return guard(response)


@require_POST
@login_required
def progress(request, pk: int):
    """The one endpoint of the player: the lesson page posts, with the learner's session and
    CSRF token, what the package committed (``services.attempt_record``)."""
    package = get_object_or_404(Package, pk=pk)
    try:
        services.learner_enrolment(person=request.user, package=package)
    except PermissionDenied as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=403)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"ok": False, "error": _("Dit verzoek is onleesbaar.")}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"ok": False, "error": _("Dit verzoek is onleesbaar.")}, status=400)
    event = str(body.get("event") or "")
    data = body.get("statement") if event == "xapi" else body.get("cmi")
    try:
        recorded = services.attempt_record(
            person=request.user,
            package=package,
            item=str(body.get("item") or ""),
            event=event,
            data=data,
        )
    except PermissionDenied as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=403)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": error.messages[0]}, status=400)
    return JsonResponse(
        {"ok": True, "lesson_done": recorded.lesson_done, "message": recorded.message}
    )


@require_POST
@login_required
def restart(request, pk: int):
    package = get_object_or_404(Package, pk=pk, replaced_at__isnull=True)
    services.attempt_restart(person=request.user, package=package)
    messages.success(request, _("Je begint opnieuw. Je eerdere poging blijft bewaard."))
    return redirect(package.lesson.get_url(request=request) or "/")
