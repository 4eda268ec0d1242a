"""The SCORM manifest of an uploaded package: parsing imsmanifest.xml, the SCORM version, the
default organization, its items and the resources they launch.

Sources for the rules: SCORM 1.2 CAM and SCORM 2004 CAM (3rd/4th edition) for the manifest, IMS
Content Packaging 1.1 for organizations and xml:base.
"""

from __future__ import annotations

import io
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .archive import _clean_title, _in_folder, _not_at_root, _read_member, _short
from .items import Item, leaves

MANIFEST = "imsmanifest.xml"
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
