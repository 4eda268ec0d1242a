"""Inspection, validation and extraction of uploaded e-learning packages (SCORM 1.2, SCORM 2004, H5P).

A pure package: it reads a file-like zip and, for extraction, writes into a Django Storage. Nothing
here touches the database. Every refusal is a ValidationError with a Dutch message that tells the
author what to repair.

``archive``: the zip itself (opening, member checks, the size budget, reading members).
``scorm``: the manifest (version, organization, items, resources). ``h5p``: h5p.json and the
main library. ``items``: the item tree. The whole inspection and the extraction live here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .archive import (
    DESCRIPTOR_MAX_BYTES,
    DIRECTORY_BYTES_PER_ENTRY,
    TITLE_MAX_LENGTH,
    _Budget,
    _clean_title,
    _MemberFile,
    _open_archive,
    _open_member,
    _short,
)
from .h5p import H5P_CONTENT, H5P_DESCRIPTOR, _inspect_h5p
from .items import Item, leaves
from .scorm import (
    ADLCP_12,
    ADLCP_2004,
    MANIFEST,
    MAX_ITEM_DEPTH,
    SCHEMA_VERSIONS,
    XML_BASE,
    _inspect_scorm,
)

__all__ = [
    "ADLCP_12",
    "ADLCP_2004",
    "DESCRIPTOR_MAX_BYTES",
    "DIRECTORY_BYTES_PER_ENTRY",
    "H5P_CONTENT",
    "H5P_DESCRIPTOR",
    "MANIFEST",
    "MAX_ITEM_DEPTH",
    "SCHEMA_VERSIONS",
    "TITLE_MAX_LENGTH",
    "XML_BASE",
    "Inspected",
    "Item",
    "extract_package",
    "inspect_package",
    "leaves",
]


@dataclass(frozen=True)
class Inspected:
    kind: str
    version: str
    title: str
    items: tuple[Item, ...]
    file_count: int
    unpacked_size: int
    h5p_main_library: str = ""


def inspect_package(upload, *, name: str) -> Inspected:
    """What an uploaded package holds, or a ValidationError saying what is wrong with it.

    Reads the zip's directory and its manifest only; extracts nothing.
    """
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix not in (".zip", ".h5p"):
        raise ValidationError(
            _(
                "Upload een SCORM-pakket (.zip) of een H5P-pakket (.h5p); %(name)s is geen van beide."
            )
            % {"name": _short(name)},
            code="extension",
        )
    fallback_title = _clean_title(PurePosixPath(name.replace("\\", "/")).stem)
    try:
        return _inspect(upload, suffix=suffix, fallback_title=fallback_title)
    finally:
        upload.seek(0)


def _inspect(upload, *, suffix: str, fallback_title: str) -> Inspected:
    archive, members = _open_archive(upload)
    with archive:
        files = {info.filename: info for info in members if not info.is_dir()}
        file_count = len(files)
        unpacked_size = sum(info.file_size for info in files.values())
        if suffix == ".h5p":
            title, main_library = _inspect_h5p(archive, files)
            return Inspected(
                kind="h5p",
                version="H5P",
                title=title or fallback_title,
                items=(Item("h5p", title or fallback_title, ""),),
                file_count=file_count,
                unpacked_size=unpacked_size,
                h5p_main_library=main_library,
            )
        kind, version, title, items = _inspect_scorm(archive, files)
        return Inspected(
            kind=kind,
            version=version,
            title=title or fallback_title,
            items=items,
            file_count=file_count,
            unpacked_size=unpacked_size,
        )


def extract_package(upload, *, storage, prefix: str) -> None:
    """Write every file of the package into storage at f"{prefix}/{member}".

    prefix must be a fresh folder. The limits are checked again, and the bytes actually
    decompressed are counted while streaming, since the sizes a zip declares can lie. On any
    failure the files already written are deleted before the error is raised.
    """
    archive, members = _open_archive(upload)
    budget = _Budget(settings.ELEARNING_MAX_UNPACKED_BYTES)
    written: list[str] = []
    partial = None
    try:
        with archive:
            for info in members:
                if info.is_dir():
                    continue
                target = f"{prefix}/{info.filename}"
                with _open_member(archive, info) as stream:
                    partial = target
                    saved = storage.save(target, _MemberFile(stream, info=info, budget=budget))
                    partial = None
                written.append(saved)
                if saved != target:
                    raise FileExistsError(f"{target} was already in the storage")
    except BaseException:
        for path in [*written, *([partial] if partial else [])]:
            # Cleaning up: the first error is the one to report.
            with contextlib.suppress(Exception):
                storage.delete(path)
        raise
