"""The H5P side of an uploaded package: h5p.json, the main library and content/content.json.

Source for the rules: the H5P file format (h5p.org/specification).
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .archive import _clean_title, _in_folder, _not_at_root, _read_member, _short

H5P_DESCRIPTOR = "h5p.json"
H5P_CONTENT = "content/content.json"


def _read_json(archive, info):
    try:
        return json.loads(_read_member(archive, info))
    except (ValueError, RecursionError) as error:
        raise ValidationError(
            _("%(name)s in het pakket is geen geldige JSON.") % {"name": _short(info.filename)},
            code="json_invalid",
        ) from error


def _inspect_h5p(archive, files) -> tuple[str, str]:
    """(title, "MachineName major.minor") of an .h5p package (format: h5p.org/specification)."""
    if H5P_DESCRIPTOR not in files:
        folder = _not_at_root(files, H5P_DESCRIPTOR)
        if folder is not None:
            raise _in_folder(H5P_DESCRIPTOR, folder)
        raise ValidationError(
            _("Dit is geen H5P-pakket: er staat geen h5p.json in het bestand."),
            code="no_h5p_json",
        )
    descriptor = _read_json(archive, files[H5P_DESCRIPTOR])
    if not isinstance(descriptor, dict):
        descriptor = {}
    main = descriptor.get("mainLibrary")
    dependencies = descriptor.get("preloadedDependencies")
    for field, present in (
        ("mainLibrary", isinstance(main, str) and main.strip()),
        ("preloadedDependencies", isinstance(dependencies, list) and dependencies),
    ):
        if not present:
            raise ValidationError(
                _("In h5p.json ontbreekt %(field)s.") % {"field": field},
                code="h5p_field_missing",
            )
    main = main.strip()
    dependency = next(
        (d for d in dependencies if isinstance(d, dict) and d.get("machineName") == main), None
    )
    version = None
    if dependency is not None:
        major, minor = dependency.get("majorVersion"), dependency.get("minorVersion")
        if all(isinstance(n, int) or (isinstance(n, str) and n.isdigit()) for n in (major, minor)):
            version = f"{int(major)}.{int(minor)}"
    if version is None:
        raise ValidationError(
            _(
                "De hoofdbibliotheek %(library)s staat niet (met versie) in de "
                "preloadedDependencies van h5p.json."
            )
            % {"library": _short(main)},
            code="h5p_main_not_listed",
        )
    folder = f"{main}-{version}"
    if f"{folder}/library.json" not in files:
        raise ValidationError(
            _(
                "De bibliotheek %(library)s ontbreekt in het pakket (de map %(folder)s met "
                "library.json)."
            )
            % {"library": _short(f"{main} {version}"), "folder": _short(folder)},
            code="h5p_library_missing",
        )
    if H5P_CONTENT not in files:
        raise ValidationError(
            _("In het H5P-pakket ontbreekt content/content.json."),
            code="h5p_content_missing",
        )
    _read_json(archive, files[H5P_CONTENT])
    title = descriptor.get("title")
    return _clean_title(title if isinstance(title, str) else ""), f"{main} {version}"
