"""Inspection, validation and extraction of uploaded e-learning packages (SCORM 1.2, SCORM 2004, H5P).

A pure module: it reads a file-like zip and, for extraction, writes into a Django Storage. Nothing
here touches the database. Every refusal is a ValidationError with a Dutch message that tells the
author what to repair.

Sources for the rules: SCORM 1.2 CAM and SCORM 2004 CAM (3rd/4th edition) for the manifest, IMS
Content Packaging 1.1 for organizations and xml:base, the H5P file format (h5p.org) for .h5p.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MANIFEST = "imsmanifest.xml"
H5P_DESCRIPTOR = "h5p.json"
H5P_CONTENT = "content/content.json"
TITLE_MAX_LENGTH = 255
# imsmanifest.xml, h5p.json and content.json are read whole into memory; real ones are kilobytes.
DESCRIPTOR_MAX_BYTES = 16 * 1024**2
# A central directory entry is 46 bytes plus its name and extras: ~100 bytes in real packages.
# zipfile reads the whole directory into memory before we can count entries, so its size is
# bounded first, from the end record, at a generous 1 KiB per allowed entry.
DIRECTORY_BYTES_PER_ENTRY = 1024
# Items nested deeper than this are no course structure but an attempt to exhaust the stack.
MAX_ITEM_DEPTH = 50

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"

# schemaversion (whitespace collapsed, lower case) -> (kind, display version)
SCHEMA_VERSIONS = {
    "1.2": ("scorm12", "SCORM 1.2"),
    "2004 3rd edition": ("scorm2004", "SCORM 2004 (3e editie)"),
    "2004 4th edition": ("scorm2004", "SCORM 2004 (4e editie)"),
    # CAM 1.3 is what the 1st and 2nd editions of SCORM 2004 wrote; the edition is unknown.
    "cam 1.3": ("scorm2004", "SCORM 2004"),
    "2004 2nd edition": ("scorm2004", "SCORM 2004"),
}

# What reading a damaged zip raises (a negative seek from a bad offset is a ValueError).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)


@dataclass(frozen=True)
class Item:
    """One node of the organization's item tree; href is "" for a cluster without a resource."""

    identifier: str
    title: str
    href: str
    children: tuple[Item, ...] = ()


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


def leaves(items) -> list[Item]:
    """The launchable items depth-first: the order in which the learner moves through them."""
    found: list[Item] = []
    for item in items:
        if item.href:
            found.append(item)
        found.extend(leaves(item.children))
    return found


# --- the zip itself ------------------------------------------------------------------------------


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "Dit bestand is geen geldig zip-bestand, of het is beschadigd. "
            "Maak het pakket opnieuw en upload het nog eens."
        ),
        code="not_a_zip",
    )


def _unsupported_compression(info) -> ValidationError:
    return ValidationError(
        _(
            "Het bestand %(name)s in het pakket is ingepakt op een manier die we niet kunnen lezen. "
            "Maak het zip-bestand opnieuw met de gewone compressie (deflate)."
        )
        % {"name": _short(info.filename)},
        code="compression",
    )


def _too_many(count: int) -> ValidationError:
    return ValidationError(
        _(
            "Het pakket bevat %(count)s bestanden en mappen; er mogen er hoogstens %(max)s in zitten."
        )
        % {"count": count, "max": settings.ELEARNING_MAX_FILES},
        code="too_many_files",
    )


def _end_record(upload, size: int) -> tuple[int, int] | None:
    """(entries, central directory size) from the zip's end record, or None if there is none."""
    tail_length = min(size, 22 + 0xFFFF)
    upload.seek(size - tail_length)
    tail = upload.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    locator = at - 20
    is_zip64 = entries == 0xFFFF or directory_size == 0xFFFFFFFF
    if is_zip64 and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        upload.seek(offset)
        record = upload.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries, directory_size = struct.unpack("<QQ", record[32:48])
    return entries, directory_size


def _open_archive(upload) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The opened zip and its members, after the checks that need no decompression."""
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    if size > settings.ELEARNING_MAX_PACKAGE_BYTES:
        raise ValidationError(
            _("Het pakket is %(size)s groot; het mag hoogstens %(max)s zijn.")
            % {
                "size": filesizeformat(size),
                "max": filesizeformat(settings.ELEARNING_MAX_PACKAGE_BYTES),
            },
            code="too_large",
        )
    end = _end_record(upload, size)
    if end is None:
        raise _damaged()
    entries, directory_size = end
    if entries > settings.ELEARNING_MAX_FILES:
        raise _too_many(entries)
    if directory_size > max(settings.ELEARNING_MAX_FILES, 1) * DIRECTORY_BYTES_PER_ENTRY:
        raise _damaged()
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (*_ZIP_ERRORS, NotImplementedError) as error:
        raise _damaged() from error
    try:
        members = archive.infolist()
        if len(members) > settings.ELEARNING_MAX_FILES:
            raise _too_many(len(members))
        seen: set[str] = set()
        for info in members:
            _check_member(info)
            if info.filename in seen:
                raise ValidationError(
                    _("Het bestand %(name)s staat twee keer in het pakket.")
                    % {"name": _short(info.filename)},
                    code="duplicate",
                )
            seen.add(info.filename)
        _check_file_folder_clash(members)
        declared = sum(info.file_size for info in members)
        # No separate rule on the compression ratio: deflate reaches ~1000:1 on honest data (empty
        # padding, blank images), so a ratio rule refuses real packages, while the work a bomb can
        # cause is already bounded by this sum and, during extraction, by counting real bytes.
        if declared > settings.ELEARNING_MAX_UNPACKED_BYTES:
            raise ValidationError(
                _("Uitgepakt is het pakket %(size)s groot; dat mag hoogstens %(max)s zijn.")
                % {
                    "size": filesizeformat(declared),
                    "max": filesizeformat(settings.ELEARNING_MAX_UNPACKED_BYTES),
                },
                code="unpacked_too_large",
            )
    except BaseException:
        archive.close()
        raise
    return archive, members


def _check_file_folder_clash(members) -> None:
    """A name cannot be both a file and a folder: no storage could hold both."""
    files = {info.filename for info in members if not info.is_dir()}
    for name in files:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                raise ValidationError(
                    _("In het pakket is %(name)s zowel een bestand als een map.")
                    % {"name": _short(folder)},
                    code="file_and_folder",
                )


def _check_member(info: zipfile.ZipInfo) -> None:
    """Refuse a member whose name or kind could reach outside the package's folder."""
    name = info.orig_filename
    shown = {"name": _short(name.replace("\x00", "\\0"))}
    if "\x00" in name:
        raise ValidationError(
            _("Een bestandsnaam in het pakket bevat een nul-teken: %(name)s.") % shown,
            code="nul_in_name",
        )
    if "\\" in name:
        raise ValidationError(
            _(
                "De bestandsnaam %(name)s bevat een backslash (\\). Een zip-bestand gebruikt "
                "alleen / tussen mappen; maak het pakket opnieuw."
            )
            % shown,
            code="backslash",
        )
    if name.startswith("/"):
        raise ValidationError(
            _(
                "Het bestand %(name)s in het pakket heeft een absoluut pad (het begint met /). "
                "Alle bestanden moeten binnen het pakket staan."
            )
            % shown,
            code="absolute_path",
        )
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        raise ValidationError(
            _(
                "De bestandsnaam %(name)s begint met een stationsletter (zoals C:). "
                "Alle bestanden moeten binnen het pakket staan."
            )
            % shown,
            code="drive_letter",
        )
    if ".." in name.split("/"):
        raise ValidationError(
            _("De bestandsnaam %(name)s bevat '..' en wijst daarmee buiten het pakket.") % shown,
            code="parent_segment",
        )
    if not name.strip("/"):
        raise _damaged()
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ValidationError(
            _(
                "Het pakket bevat een symbolische koppeling (%(name)s). Die is niet toegestaan; "
                "zet het bestand zelf in het pakket."
            )
            % shown,
            code="symlink",
        )
    if info.flag_bits & 0x1:
        raise ValidationError(
            _(
                "Het bestand %(name)s in het pakket is versleuteld met een wachtwoord. "
                "Maak het pakket opnieuw zonder wachtwoord."
            )
            % shown,
            code="encrypted",
        )


class _Budget:
    """The unpacked bytes still allowed, spent as they are really decompressed."""

    def __init__(self, limit: int):
        self.limit = limit
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ValidationError(
                _(
                    "Uitgepakt wordt het pakket groter dan de toegestane %(max)s; de groottes "
                    "die het zip-bestand opgeeft, kloppen niet."
                )
                % {"max": filesizeformat(self.limit)},
                code="unpacked_too_large",
            )


class _MemberFile(File):
    """A zip member streamed into a Storage, counting what it really decompresses."""

    def __init__(self, stream, *, info: zipfile.ZipInfo, budget: _Budget):
        super().__init__(stream, name=PurePosixPath(info.filename).name)
        self.size = info.file_size
        self._info = info
        self._budget = budget
        self._read = 0

    def _count(self, data: bytes) -> bytes:
        self._read += len(data)
        # zipfile stops at the declared size and then checks the CRC; should another reader
        # not, a member longer than it declares is still caught here.
        if self._read > self._info.file_size:
            raise _damaged()
        self._budget.spend(len(data))
        return data

    def read(self, size=-1):
        if size is None or size < 0:
            size = self._info.file_size - self._read + 1
        try:
            data = self.file.read(size)
        except NotImplementedError as error:
            raise _unsupported_compression(self._info) from error
        except _ZIP_ERRORS as error:
            raise _damaged() from error
        return self._count(data)

    def chunks(self, chunk_size=None):
        chunk_size = chunk_size or self.DEFAULT_CHUNK_SIZE
        while data := self.read(chunk_size):
            yield data

    def multiple_chunks(self, chunk_size=None):
        return True


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    try:
        return archive.open(info)
    except NotImplementedError as error:
        raise _unsupported_compression(info) from error
    except _ZIP_ERRORS as error:
        raise _damaged() from error


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    too_big = ValidationError(
        _("Het bestand %(name)s is te groot om te lezen (hoogstens %(max)s).")
        % {"name": info.filename, "max": filesizeformat(DESCRIPTOR_MAX_BYTES)},
        code="descriptor_too_large",
    )
    if info.file_size > DESCRIPTOR_MAX_BYTES:
        raise too_big
    try:
        with _open_member(archive, info) as stream:
            data = stream.read(DESCRIPTOR_MAX_BYTES + 1)
    except NotImplementedError as error:
        raise _unsupported_compression(info) from error
    except _ZIP_ERRORS as error:
        raise _damaged() from error
    if len(data) > DESCRIPTOR_MAX_BYTES:
        raise too_big
    return data


def _not_at_root(files, wanted: str) -> str | None:
    """The shallowest folder holding `wanted`, when it is not at the root."""
    folders = sorted(
        (str(PurePosixPath(path).parent) for path in files if PurePosixPath(path).name == wanted),
        key=lambda folder: (folder.count("/"), folder),
    )
    return folders[0] if folders else None


def _in_folder(wanted: str, folder: str) -> ValidationError:
    return ValidationError(
        _(
            "Het bestand %(file)s staat in de map %(folder)s; het moet in de hoofdmap van het "
            "zip-bestand staan. Zip de inhoud van die map, niet de map zelf."
        )
        % {"file": wanted, "folder": _short(folder)},
        code="nested_descriptor",
    )


def _short(text: str, limit: int = 200) -> str:
    """A name from the package, cut to a length that fits in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean_title(text: str | None) -> str:
    return " ".join((text or "").split())[:TITLE_MAX_LENGTH]


# --- SCORM ---------------------------------------------------------------------------------------


def _local(name) -> str:
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    return next(iter(_children(element, name)), None)


def _attribute(element, name: str) -> str:
    """An attribute by its local name, whatever namespace prefix the package gave it."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if key != XML_BASE and _local(key).lower() == wanted:
            return value.strip()
    return ""


class _Outside(Exception):
    """A path in the manifest that points outside the package."""

    def __init__(self, is_url: bool):
        self.is_url = is_url


def _split_href(href: str) -> tuple[str, str]:
    """(path, "?query#fragment") of an href."""
    cut = min((at for at in (href.find("?"), href.find("#")) if at >= 0), default=len(href))
    return href[:cut], href[cut:]


def _launch_path(base: str, href: str) -> str:
    """href resolved against the folder base; its query and fragment kept as they are."""
    path, rest = _split_href(href)
    return _resolve(base, path) + rest


def _file_path(base: str, href: str) -> str:
    """The path inside the package of href, without query or fragment."""
    return _resolve(base, _split_href(href)[0])


def _resolve(current: str, reference: str) -> str:
    """reference resolved against the package path current (RFC 3986 style), inside the package."""
    reference = reference.replace("\\", "/")
    split = urlsplit(reference)
    if split.scheme or split.netloc or reference.startswith("//"):
        raise _Outside(is_url=True)
    if reference.startswith("/"):
        raise _Outside(is_url=False)
    directory = current[: current.rfind("/") + 1]
    segments = (directory + reference).split("/")
    resolved: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if not resolved:
                raise _Outside(is_url=False)
            resolved.pop()
            if last:
                resolved.append("")
        elif segment in ("", "."):
            if last:
                resolved.append("")
        else:
            resolved.append(segment)
    return "/".join(resolved)


def _with_base(current: str, element) -> str:
    """The folder an element's xml:base makes of current. The base is taken as a folder even
    without its closing "/", as authors mean it (the CAM's examples always name folders)."""
    value = (element.get(XML_BASE) or "").strip()
    if not value:
        return current
    if not value.endswith("/"):
        value += "/"
    try:
        return _resolve(current, value)
    except _Outside:
        raise _manifest_path_error(value, is_url=False) from None


def _with_parameters(href: str, parameters: str) -> str:
    """An item's parameters joined to its resource's href, after the SCORM 2004 CAM rules:
    leading "?" and "&" dropped; a "#fragment" is added only when the href has none; otherwise
    joined with "&" when the href already has a query, else with "?". The query is placed before
    the href's own fragment, so that a browser still sees it as the query.
    """
    parameters = parameters.strip().lstrip("?&")
    if not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    address, hash_sign, fragment = href.partition("#")
    query, _sign, parameter_fragment = parameters.partition("#")
    joined = address + ("&" if "?" in address else "?") + query
    fragment = fragment if hash_sign else parameter_fragment
    return joined + ("#" + fragment if fragment else "")


def _manifest_path_error(href: str, *, is_url: bool, item: str = "") -> ValidationError:
    if is_url:
        return ValidationError(
            _(
                "Het onderdeel %(item)s start een adres buiten het pakket (%(href)s). "
                "Alles wat een onderdeel start, moet in het pakket zelf staan."
            )
            % {"item": _short(item) or "-", "href": _short(href)},
            code="external_href",
        )
    return ValidationError(
        _("Het pad %(href)s in imsmanifest.xml wijst buiten het pakket.") % {"href": _short(href)},
        code="href_outside",
    )


def _exists(path: str, files) -> bool:
    return path in files or unquote(path) in files


def _parse_manifest(data: bytes):
    """The manifest's root element and the namespaces it declares."""
    namespaces: set[str] = set()
    try:
        parser = SafeET.iterparse(io.BytesIO(data), events=("start-ns",))
        for _event, (_prefix, uri) in parser:
            namespaces.add(uri.strip().rstrip("/").lower())
        root = parser.root
    except DefusedXmlException as error:
        raise ValidationError(
            _(
                "imsmanifest.xml gebruikt entiteiten of een externe DTD. Die staan we om "
                "veiligheidsredenen niet toe; haal ze uit het manifest."
            ),
            code="xml_entities",
        ) from error
    except (SafeET.ParseError, ValueError) as error:
        raise ValidationError(
            _("imsmanifest.xml is geen geldige XML (%(error)s).") % {"error": error},
            code="xml_invalid",
        ) from error
    if root is None or _local(root.tag) != "manifest":
        raise ValidationError(
            _(
                "imsmanifest.xml begint niet met een <manifest>-element; het is geen SCORM-manifest."
            ),
            code="not_a_manifest",
        )
    return root, namespaces


def _scorm_version(root, namespaces: set[str]) -> tuple[str, str]:
    metadata = _child(root, "metadata")
    schema_version = _child(metadata, "schemaversion") if metadata is not None else None
    written = " ".join((schema_version.text or "").split()) if schema_version is not None else ""
    if written.lower() in SCHEMA_VERSIONS:
        return SCHEMA_VERSIONS[written.lower()]
    if ADLCP_12 in namespaces:
        return SCHEMA_VERSIONS["1.2"]
    if ADLCP_2004 in namespaces:
        return ("scorm2004", "SCORM 2004")
    raise ValidationError(
        _(
            "We herkennen de SCORM-versie van dit pakket niet (schemaversion: %(version)s). "
            "We ondersteunen SCORM 1.2 en SCORM 2004."
        )
        % {"version": _short(written) or "-"},
        code="unknown_version",
    )


def _default_organization(root):
    """The organization the learner gets.

    A package whose <organizations> holds no organization is what IMS Content Packaging calls a
    resource package: a collection of files without a structure to deliver. We refuse it rather
    than guess one (which resource to launch, in which order, under which title). When the
    manifest names no default but has organizations (SCORM 1.2 allows this), the first one in
    the manifest is taken: an unambiguous choice for the usual single-organization package. A
    default that names no existing organization is an error in the manifest and refused.
    """
    organizations = _child(root, "organizations")
    candidates = _children(organizations, "organization") if organizations is not None else []
    if not candidates:
        raise ValidationError(
            _(
                "Het pakket heeft geen organisatie (inhoudsopgave): <organizations> in "
                "imsmanifest.xml is leeg. Zo'n pakket bevat alleen losse bestanden en kan niet "
                "worden afgespeeld."
            ),
            code="no_organization",
        )
    default = _attribute(organizations, "default")
    if not default:
        return candidates[0]
    for organization in candidates:
        if _attribute(organization, "identifier") == default:
            return organization
    raise ValidationError(
        _(
            "imsmanifest.xml noemt %(default)s als standaardorganisatie, maar die organisatie "
            "bestaat niet in het pakket."
        )
        % {"default": _short(default)},
        code="default_organization_missing",
    )


def _inspect_scorm(archive, files) -> tuple[str, str, str, tuple[Item, ...]]:
    if MANIFEST not in files:
        folder = _not_at_root(files, MANIFEST)
        if folder is not None:
            raise _in_folder(MANIFEST, folder)
        raise ValidationError(
            _("Dit is geen SCORM-pakket: er staat geen imsmanifest.xml in het zip-bestand."),
            code="no_manifest",
        )
    root, namespaces = _parse_manifest(_read_member(archive, files[MANIFEST]))
    kind, version = _scorm_version(root, namespaces)
    organization = _default_organization(root)

    manifest_base = _with_base("", root)
    resources_element = _child(root, "resources")
    resources: dict[str, tuple[str, object]] = {}
    if resources_element is not None:
        resources_base = _with_base(manifest_base, resources_element)
        for resource in _children(resources_element, "resource"):
            base = _with_base(resources_base, resource)
            resources[_attribute(resource, "identifier")] = (base, resource)
    _check_resource_files(resources.values(), files)

    launches: dict[str, str] = {}

    def launch(item_id: str, reference: str) -> str:
        if reference not in resources:
            raise ValidationError(
                _(
                    "Het onderdeel %(item)s verwijst naar de bron %(ref)s, maar die bron staat "
                    "niet in imsmanifest.xml."
                )
                % {"item": _short(item_id), "ref": _short(reference)},
                code="unknown_resource",
            )
        if reference not in launches:
            base, resource = resources[reference]
            href = _attribute(resource, "href")
            if not href:
                raise ValidationError(
                    _("De bron %(ref)s van onderdeel %(item)s heeft geen startbestand (href).")
                    % {"item": _short(item_id), "ref": _short(reference)},
                    code="resource_without_href",
                )
            try:
                resolved = _launch_path(base, href)
            except _Outside as outside:
                raise _manifest_path_error(href, is_url=outside.is_url, item=item_id) from None
            path = _file_path(base, href)
            if not _exists(path, files):
                raise ValidationError(
                    _(
                        "Het startbestand %(href)s van onderdeel %(item)s ontbreekt in het "
                        "zip-bestand."
                    )
                    % {"href": _short(path), "item": _short(item_id)},
                    code="launch_file_missing",
                )
            launches[reference] = resolved
        return launches[reference]

    def items_of(element, depth: int) -> tuple[Item, ...]:
        if depth > MAX_ITEM_DEPTH:
            raise ValidationError(
                _("De onderdelen in imsmanifest.xml zijn dieper genest dan %(max)s niveaus.")
                % {"max": MAX_ITEM_DEPTH},
                code="too_deep",
            )
        found = []
        for node in _children(element, "item"):
            identifier = _attribute(node, "identifier")
            title = _clean_title(_text_of(_child(node, "title"))) or identifier
            reference = _attribute(node, "identifierref")
            href = ""
            if reference:
                href = _with_parameters(launch(identifier, reference), node.get("parameters", ""))
            found.append(Item(identifier, title, href, items_of(node, depth + 1)))
        return tuple(found)

    items = items_of(organization, 1)
    if not leaves(items):
        raise ValidationError(
            _("De organisatie in imsmanifest.xml bevat geen onderdeel dat je kunt starten."),
            code="nothing_to_launch",
        )
    return kind, version, _clean_title(_text_of(_child(organization, "title"))), items


def _text_of(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _check_resource_files(resources, files) -> None:
    """Every <file href> a resource lists must be in the zip; external addresses are skipped."""
    missing: list[str] = []
    for base, resource in resources:
        for entry in _children(resource, "file"):
            href = _attribute(entry, "href")
            if not href:
                continue
            try:
                path = _file_path(base, href)
            except _Outside as outside:
                if outside.is_url:
                    continue
                raise _manifest_path_error(href, is_url=False) from None
            if not _exists(path, files) and path not in missing:
                missing.append(path)
    if not missing:
        return
    shown = ", ".join(_short(path) for path in missing[:5])
    if len(missing) > 5:
        shown = _("%(files)s en nog %(count)s") % {"files": shown, "count": len(missing) - 5}
    raise ValidationError(
        ngettext(
            "Dit bestand staat in imsmanifest.xml, maar ontbreekt in het zip-bestand: %(files)s.",
            "Deze bestanden staan in imsmanifest.xml, maar ontbreken in het zip-bestand: %(files)s.",
            len(missing),
        )
        % {"files": shown},
        code="files_missing",
    )


# --- H5P -----------------------------------------------------------------------------------------


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
