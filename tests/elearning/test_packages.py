"""Inspection, validation and extraction of uploaded e-learning packages."""

import io
import json
import stat
import struct
import warnings
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import translation

from elearning.packages import Item, extract_package, inspect_package, leaves
from tests.elearning.scorm_samples import sample


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


# --- building packages in memory -----------------------------------------------------------------


def zip_of(files: dict, *, compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    """A zip in memory; a value is bytes/str, or a (ZipInfo, data) pair for tricks."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names on purpose
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in files.items():
                if isinstance(data, tuple):
                    info, data = data
                    archive.writestr(info, data)
                else:
                    archive.writestr(name.split("#dup")[0], data)
    buffer.seek(0)
    return buffer


def patch_central(buffer: io.BytesIO, name: str, **fields) -> io.BytesIO:
    """The zip with fields of one member's central directory entry overwritten (what lies)."""
    offsets = {"flags": (8, "<H"), "crc": (16, "<I"), "size": (24, "<I"), "external": (38, "<I")}
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack("<H", data[at + 28 : at + 30])
        if data[at + 46 : at + 46 + length] == name.encode():
            for field, value in fields.items():
                offset, fmt = offsets[field]
                struct.pack_into(fmt, data, at + offset, value)
            return io.BytesIO(bytes(data))
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} not in the zip")


V12 = 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
V2004 = 'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"'


def manifest(
    *,
    namespaces=V12,
    schemaversion="1.2",
    organizations=None,
    resources=None,
    attributes="",
) -> str:
    metadata = (
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>"
        if schemaversion is not None
        else ""
    )
    if organizations is None:
        organizations = (
            '<organizations default="org"><organization identifier="org">'
            "<title>Gesprekstechniek</title>"
            '<item identifier="i1" identifierref="r1"><title>Les 1</title></item>'
            "</organization></organizations>"
        )
    if resources is None:
        resources = (
            '<resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" '
            'href="les1/index.html"><file href="les1/index.html"/></resource></resources>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="m" {namespaces} {attributes}>'
        f"{metadata}{organizations}{resources}</manifest>"
    )


def scorm(xml: str | None = None, **extra_files) -> io.BytesIO:
    files = {
        "imsmanifest.xml": xml if xml is not None else manifest(),
        "les1/index.html": "<p>1</p>",
    }
    files.update({name.replace("__", "/"): data for name, data in extra_files.items()})
    return zip_of(files)


def refusal(upload, *, name="pakket.zip") -> str:
    with pytest.raises(ValidationError) as caught:
        inspect_package(upload, name=name)
    return " ".join(caught.value.messages)


# --- the zip itself ------------------------------------------------------------------------------


def test_a_scorm_package_is_inspected():
    inspected = inspect_package(scorm(), name="Gesprekken.zip")

    assert inspected.kind == "scorm12"
    assert inspected.version == "SCORM 1.2"
    assert inspected.title == "Gesprekstechniek"
    assert inspected.items == (Item("i1", "Les 1", "les1/index.html"),)
    assert inspected.file_count == 2
    assert inspected.unpacked_size == len(manifest().encode()) + len(b"<p>1</p>")
    assert inspected.h5p_main_library == ""


@pytest.mark.parametrize("name", ["pakket.rar", "pakket.pdf", "pakket"])
def test_other_file_types_are_refused(name):
    assert refusal(scorm(), name=name) == (
        f"Upload een SCORM-pakket (.zip) of een H5P-pakket (.h5p); {name} is geen van beide."
    )


def test_the_extension_is_read_without_regard_to_case():
    assert inspect_package(scorm(), name="PAKKET.ZIP").kind == "scorm12"


@pytest.mark.parametrize(
    "upload",
    [
        io.BytesIO(b"%PDF-1.4 not a zip at all" * 10),
        io.BytesIO(b""),
        io.BytesIO(scorm().getvalue()[:-30]),  # the end record cut off
        io.BytesIO(scorm().getvalue()[200:]),  # the start cut off
    ],
    ids=["pdf", "empty", "truncated-end", "truncated-start"],
)
def test_what_is_not_a_zip_or_is_damaged_is_refused(upload):
    assert refusal(upload).startswith(
        "Dit bestand is geen geldig zip-bestand, of het is beschadigd."
    )


def test_a_member_whose_data_does_not_match_its_checksum_is_damaged():
    upload = patch_central(scorm(), "imsmanifest.xml", crc=12345)
    assert refusal(upload).startswith("Dit bestand is geen geldig zip-bestand")


def test_a_package_larger_than_allowed_is_refused(settings):
    upload = scorm()
    settings.ELEARNING_MAX_PACKAGE_BYTES = len(upload.getvalue()) - 1
    assert refusal(upload).startswith("Het pakket is ")
    assert "groot; het mag hoogstens" in refusal(upload)

    settings.ELEARNING_MAX_PACKAGE_BYTES = len(upload.getvalue())
    assert inspect_package(upload, name="pakket.zip").kind == "scorm12"


def test_a_package_with_too_many_files_is_refused(settings):
    settings.ELEARNING_MAX_FILES = 3
    upload = scorm(a__x="1", a__y="2")
    assert refusal(upload) == (
        "Het pakket bevat 4 bestanden en mappen; er mogen er hoogstens 3 in zitten."
    )
    assert inspect_package(scorm(a__x="1"), name="pakket.zip").file_count == 3


def test_a_zip_bomb_is_refused_by_its_declared_size_before_anything_is_unpacked(settings, tmp_path):
    settings.ELEARNING_MAX_UNPACKED_BYTES = 1_000_000
    upload = scorm(leeg__nullen_bin=b"\0" * 5_000_000)
    assert len(upload.getvalue()) < 20_000  # small on the way in, big unpacked

    assert refusal(upload).startswith("Uitgepakt is het pakket 4,8\xa0MB groot")
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(ValidationError):
        extract_package(upload, storage=storage, prefix="p")
    assert list(tmp_path.iterdir()) == []


def test_a_declared_size_that_is_too_big_is_refused_though_the_real_file_is_small(settings):
    settings.ELEARNING_MAX_UNPACKED_BYTES = 1_000_000
    upload = patch_central(scorm(), "les1/index.html", size=2_000_000_000)
    assert refusal(upload).startswith("Uitgepakt is het pakket ")


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (
            "/etc/cron.d/evil",
            "Het bestand /etc/cron.d/evil in het pakket heeft een absoluut pad (het begint met /).",
        ),
        (
            "les1/../../evil.html",
            "De bestandsnaam les1/../../evil.html bevat '..' en wijst daarmee buiten het pakket.",
        ),
        ("..", "De bestandsnaam .. bevat '..' en wijst daarmee buiten het pakket."),
        ("les1\\evil.html", "De bestandsnaam les1\\evil.html bevat een backslash (\\)."),
        (
            "C:/Windows/evil.html",
            "De bestandsnaam C:/Windows/evil.html begint met een stationsletter (zoals C:).",
        ),
    ],
)
def test_member_names_that_leave_the_package_are_refused(member, message):
    upload = zip_of({"imsmanifest.xml": manifest(), member: "x"})
    assert refusal(upload).startswith(message)


def test_a_member_name_with_a_nul_character_is_refused():
    data = zip_of({"imsmanifest.xml": manifest(), "lesXnul.html": "x"}).getvalue()
    upload = io.BytesIO(data.replace(b"lesXnul.html", b"les\0nul.html"))
    assert refusal(upload) == "Een bestandsnaam in het pakket bevat een nul-teken: les\\0nul.html."


def test_a_symbolic_link_is_refused():
    link = zipfile.ZipInfo("les1/wachtwoorden")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    upload = zip_of({"imsmanifest.xml": manifest(), "link": (link, "/etc/passwd")})
    assert refusal(upload).startswith(
        "Het pakket bevat een symbolische koppeling (les1/wachtwoorden)."
    )


def test_an_encrypted_member_is_refused():
    upload = patch_central(scorm(), "les1/index.html", flags=0x1)
    assert refusal(upload) == (
        "Het bestand les1/index.html in het pakket is versleuteld met een wachtwoord. "
        "Maak het pakket opnieuw zonder wachtwoord."
    )


def test_a_member_that_is_in_the_zip_twice_is_refused():
    upload = zip_of(
        {"imsmanifest.xml": manifest(), "les1/index.html": "a", "les1/index.html#dup": "b"}
    )
    assert refusal(upload) == "Het bestand les1/index.html staat twee keer in het pakket."


# --- the manifest --------------------------------------------------------------------------------


def test_a_manifest_in_a_folder_is_refused_naming_the_folder():
    upload = zip_of({"mijncursus/imsmanifest.xml": manifest(), "mijncursus/les1/index.html": "x"})
    assert refusal(upload) == (
        "Het bestand imsmanifest.xml staat in de map mijncursus; het moet in de hoofdmap van het "
        "zip-bestand staan. Zip de inhoud van die map, niet de map zelf."
    )


def test_a_zip_without_a_manifest_is_not_a_scorm_package():
    assert refusal(zip_of({"index.html": "x"})) == (
        "Dit is geen SCORM-pakket: er staat geen imsmanifest.xml in het zip-bestand."
    )


def test_a_manifest_with_entities_is_refused():
    xml = '<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY lol "lol">]>' + manifest().split(
        "?>", 1
    )[1].replace("Gesprekstechniek", "&lol;")
    assert refusal(scorm(xml)).startswith("imsmanifest.xml gebruikt entiteiten of een externe DTD.")


def test_a_manifest_with_an_external_entity_is_refused():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + manifest().split("?>", 1)[1].replace("Gesprekstechniek", "&x;")
    )
    assert refusal(scorm(xml)).startswith("imsmanifest.xml gebruikt entiteiten of een externe DTD.")


def test_a_manifest_that_is_not_xml_is_refused():
    assert refusal(scorm("<manifest><organizations></manifest>")).startswith(
        "imsmanifest.xml is geen geldige XML ("
    )
    assert refusal(scorm("<html/>")).startswith("imsmanifest.xml begint niet met een <manifest>")


@pytest.mark.parametrize(
    ("namespaces", "schemaversion", "kind", "version"),
    [
        (V12, "1.2", "scorm12", "SCORM 1.2"),
        (V2004, "2004 3rd Edition", "scorm2004", "SCORM 2004 (3e editie)"),
        (V2004, "2004 4th Edition", "scorm2004", "SCORM 2004 (4e editie)"),
        (V2004, " 2004   4th  edition ", "scorm2004", "SCORM 2004 (4e editie)"),
        (V2004, "CAM 1.3", "scorm2004", "SCORM 2004"),
        # without a schemaversion the adlcp namespace tells
        (V12, None, "scorm12", "SCORM 1.2"),
        (V2004, None, "scorm2004", "SCORM 2004"),
        (V2004, "1.3", "scorm2004", "SCORM 2004"),
        # a written schemaversion wins over the namespace
        (V12, "2004 3rd Edition", "scorm2004", "SCORM 2004 (3e editie)"),
    ],
)
def test_the_scorm_version_is_recognised(namespaces, schemaversion, kind, version):
    xml = manifest(namespaces=namespaces, schemaversion=schemaversion)
    inspected = inspect_package(scorm(xml), name="pakket.zip")
    assert (inspected.kind, inspected.version) == (kind, version)


def test_an_unknown_scorm_version_is_refused():
    xml = manifest(namespaces='xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"', schemaversion="9")
    assert refusal(scorm(xml.replace("adlcp:", ""))) == (
        "We herkennen de SCORM-versie van dit pakket niet (schemaversion: 9). "
        "We ondersteunen SCORM 1.2 en SCORM 2004."
    )


def test_a_default_organization_that_does_not_exist_is_refused():
    xml = manifest().replace('default="org"', 'default="elders"')
    assert refusal(scorm(xml)) == (
        "imsmanifest.xml noemt elders als standaardorganisatie, maar die organisatie bestaat "
        "niet in het pakket."
    )


def test_the_default_organization_is_the_one_named():
    organizations = (
        '<organizations default="tweede">'
        '<organization identifier="eerste"><title>Eerste</title>'
        '<item identifier="a" identifierref="r1"><title>A</title></item></organization>'
        '<organization identifier="tweede"><title>Tweede</title>'
        '<item identifier="b" identifierref="r1"><title>B</title></item></organization>'
        "</organizations>"
    )
    inspected = inspect_package(scorm(manifest(organizations=organizations)), name="p.zip")
    assert (inspected.title, inspected.items[0].identifier) == ("Tweede", "b")

    without_default = organizations.replace(' default="tweede"', "")
    inspected = inspect_package(scorm(manifest(organizations=without_default)), name="p.zip")
    assert (inspected.title, inspected.items[0].identifier) == ("Eerste", "a")


def test_a_package_without_organizations_is_refused():
    for organizations in ("<organizations/>", ""):
        assert refusal(scorm(manifest(organizations=organizations))).startswith(
            "Het pakket heeft geen organisatie (inhoudsopgave)"
        )


def test_an_item_referring_to_a_missing_resource_is_refused():
    xml = manifest().replace('identifierref="r1"', 'identifierref="r9"')
    assert refusal(scorm(xml)) == (
        "Het onderdeel i1 verwijst naar de bron r9, maar die bron staat niet in imsmanifest.xml."
    )


def test_a_launched_resource_without_href_is_refused():
    resources = '<resources><resource identifier="r1" type="webcontent"/></resources>'
    assert refusal(scorm(manifest(resources=resources))) == (
        "De bron r1 van onderdeel i1 heeft geen startbestand (href)."
    )


def test_a_launch_file_that_is_not_in_the_zip_is_refused():
    resources = '<resources><resource identifier="r1" type="webcontent" href="les1/start.html?x=1#a"/></resources>'
    assert refusal(scorm(manifest(resources=resources))) == (
        "Het startbestand les1/start.html van onderdeel i1 ontbreekt in het zip-bestand."
    )


@pytest.mark.parametrize(
    "href", ["http://voorbeeld.nl/les.html", "https://voorbeeld.nl/les.html", "//voorbeeld.nl/les"]
)
def test_a_launch_address_outside_the_package_is_refused(href):
    resources = (
        f'<resources><resource identifier="r1" type="webcontent" href="{href}"/></resources>'
    )
    assert refusal(scorm(manifest(resources=resources))).startswith(
        f"Het onderdeel i1 start een adres buiten het pakket ({href})."
    )


@pytest.mark.parametrize(
    ("base", "href"),
    [("", "/les1/index.html"), ("", "../les1/index.html"), ("les1/", "../../index.html")],
)
def test_a_launch_path_that_leaves_the_package_is_refused(base, href):
    resources = (
        f'<resources><resource identifier="r1" type="webcontent" xml:base="{base}" '
        f'href="{href}"/></resources>'
    )
    assert refusal(scorm(manifest(resources=resources))) == (
        f"Het pad {href} in imsmanifest.xml wijst buiten het pakket."
    )


def test_listed_files_missing_from_the_zip_are_named_at_most_five():
    listed = "".join(f'<file href="les1/plaatje{n}.png"/>' for n in range(1, 8))
    resources = (
        '<resources><resource identifier="r1" type="webcontent" href="les1/index.html">'
        f'<file href="les1/index.html"/>{listed}<file href="https://cdn.voorbeeld.nl/x.js"/>'
        "</resource></resources>"
    )
    assert refusal(scorm(manifest(resources=resources))) == (
        "Deze bestanden staan in imsmanifest.xml, maar ontbreken in het zip-bestand: "
        "les1/plaatje1.png, les1/plaatje2.png, les1/plaatje3.png, les1/plaatje4.png, "
        "les1/plaatje5.png en nog 2."
    )
    one = resources.replace(listed, '<file href="les1/weg.css"/>')
    assert refusal(scorm(manifest(resources=one))) == (
        "Dit bestand staat in imsmanifest.xml, maar ontbreekt in het zip-bestand: les1/weg.css."
    )


def test_an_organization_without_anything_to_launch_is_refused():
    organizations = (
        '<organizations default="org"><organization identifier="org"><title>Leeg</title>'
        '<item identifier="m1"><title>Module</title><item identifier="m2"><title>Sub</title>'
        "</item></item></organization></organizations>"
    )
    assert refusal(scorm(manifest(organizations=organizations))) == (
        "De organisatie in imsmanifest.xml bevat geen onderdeel dat je kunt starten."
    )


TREE = """
<organizations default="org"><organization identifier="org">
  <title>  Werken in
     de wijk  </title>
  <item identifier="module1"><title>Module 1</title>
    <item identifier="les1" identifierref="r1" parameters="?a=1"><title>Les 1</title></item>
    <item identifier="les2" identifierref="r2" parameters="&amp;b=2"><title>Les 2</title></item>
  </item>
  <item identifier="module2"><title>Module 2</title>
    <item identifier="deel"><title>Deel</title>
      <item identifier="les3" identifierref="r3" parameters="c=3"><title>Les 3</title></item>
      <item identifier="les4" identifierref="r4" parameters="#p4"><title>Les 4</title></item>
      <item identifier="les5" identifierref="r3" parameters="#p5"><title>Les 5</title></item>
    </item>
  </item>
  <item identifier="toets" identifierref="r5"><title></title></item>
</organization></organizations>
<resources xml:base="inhoud/">
  <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="m1/les1.html"/>
  <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="m1/les2.html?taal=nl"/>
  <resource identifier="r3" type="webcontent" adlcp:scormType="sco" xml:base="m2"
            href="start.html#intro"><file href="start.html"/><file href="../gedeeld/stijl.css"/></resource>
  <resource identifier="r4" type="webcontent" adlcp:scormType="asset" href="m2/les%204.html"/>
  <resource identifier="r5" type="webcontent" adlcp:scormType="sco" href="toets.html"/>
</resources>
"""


def test_a_tree_of_items_keeps_its_levels_and_joins_parameters_to_the_launch_path():
    upload = zip_of(
        {
            "imsmanifest.xml": manifest(
                namespaces=V2004, schemaversion="2004 4th Edition", organizations=TREE, resources=""
            ),
            "inhoud/m1/les1.html": "1",
            "inhoud/m1/les2.html": "2",
            "inhoud/m2/start.html": "3",
            "inhoud/m2/les 4.html": "4",
            "inhoud/gedeeld/stijl.css": "",
            "inhoud/toets.html": "5",
        }
    )
    inspected = inspect_package(upload, name="wijk.zip")

    assert inspected.kind == "scorm2004"
    assert inspected.title == "Werken in de wijk"
    assert [item.identifier for item in inspected.items] == ["module1", "module2", "toets"]
    module2 = inspected.items[1]
    assert (module2.href, module2.children[0].identifier, module2.children[0].href) == (
        "",
        "deel",
        "",
    )
    assert [(item.identifier, item.title, item.href) for item in leaves(inspected.items)] == [
        ("les1", "Les 1", "inhoud/m1/les1.html?a=1"),
        ("les2", "Les 2", "inhoud/m1/les2.html?taal=nl&b=2"),
        ("les3", "Les 3", "inhoud/m2/start.html?c=3#intro"),
        ("les4", "Les 4", "inhoud/m2/les%204.html#p4"),
        ("les5", "Les 5", "inhoud/m2/start.html#intro"),  # the href's own fragment wins
        ("toets", "toets", "inhoud/toets.html"),  # no title: its identifier
    ]


def test_the_title_is_trimmed_and_at_most_255_characters():
    xml = manifest().replace("Gesprekstechniek", "  " + "x" * 300 + "  ")
    assert inspect_package(scorm(xml), name="p.zip").title == "x" * 255

    untitled = manifest().replace("<title>Gesprekstechniek</title>", "")
    assert inspect_package(scorm(untitled), name="Mijn pakket.zip").title == "Mijn pakket"


# --- H5P -----------------------------------------------------------------------------------------


H5P_JSON = {
    "title": " Vragen over de wijk ",
    "language": "nl",
    "mainLibrary": "H5P.OpbouwVragen",
    "embedTypes": ["iframe"],
    "preloadedDependencies": [
        {"machineName": "H5P.Vraag", "majorVersion": 2, "minorVersion": 3},
        {"machineName": "H5P.OpbouwVragen", "majorVersion": 1, "minorVersion": 0},
    ],
}


def h5p(descriptor=H5P_JSON, **overrides) -> io.BytesIO:
    files = {
        "h5p.json": json.dumps(descriptor),
        "content/content.json": '{"vragen": []}',
        "H5P.OpbouwVragen-1.0/library.json": "{}",
        "H5P.Vraag-2.3/library.json": "{}",
    }
    for name, data in overrides.items():
        name = name.replace("__", "/").replace("_json", ".json")
        if data is None:
            files.pop(name)
        else:
            files[name] = data
    return zip_of(files)


def test_an_h5p_package_is_inspected():
    inspected = inspect_package(h5p(), name="vragen.h5p")

    assert (inspected.kind, inspected.version) == ("h5p", "H5P")
    assert inspected.title == "Vragen over de wijk"
    assert inspected.items == (Item("h5p", "Vragen over de wijk", ""),)
    assert inspected.h5p_main_library == "H5P.OpbouwVragen 1.0"
    assert inspected.file_count == 4


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            h5p(h5p_json=None),
            "Dit is geen H5P-pakket: er staat geen h5p.json in het bestand.",
        ),
        (h5p(h5p_json="{niet"), "h5p.json in het pakket is geen geldige JSON."),
        (
            h5p({**H5P_JSON, "mainLibrary": ""}),
            "In h5p.json ontbreekt mainLibrary.",
        ),
        (
            h5p({k: v for k, v in H5P_JSON.items() if k != "preloadedDependencies"}),
            "In h5p.json ontbreekt preloadedDependencies.",
        ),
        (
            h5p({**H5P_JSON, "mainLibrary": "H5P.Anders"}),
            "De hoofdbibliotheek H5P.Anders staat niet (met versie) in de preloadedDependencies "
            "van h5p.json.",
        ),
        (
            h5p(**{"H5P.OpbouwVragen-1.0__library_json": None}),
            "De bibliotheek H5P.OpbouwVragen 1.0 ontbreekt in het pakket (de map "
            "H5P.OpbouwVragen-1.0 met library.json).",
        ),
        (
            h5p(content__content_json=None),
            "In het H5P-pakket ontbreekt content/content.json.",
        ),
        (
            h5p(content__content_json='{"vragen": ['),
            "content/content.json in het pakket is geen geldige JSON.",
        ),
    ],
    ids=[
        "no-h5p-json",
        "h5p-json-invalid",
        "no-main-library",
        "no-dependencies",
        "main-not-listed",
        "library-folder-missing",
        "no-content",
        "content-invalid",
    ],
)
def test_a_broken_h5p_package_is_refused(upload, message):
    assert refusal(upload, name="vragen.h5p") == message


def test_an_h5p_package_in_a_folder_is_refused_naming_the_folder():
    upload = zip_of({"vragen/h5p.json": json.dumps(H5P_JSON)})
    assert refusal(upload, name="vragen.h5p").startswith(
        "Het bestand h5p.json staat in de map vragen; het moet in de hoofdmap"
    )


# --- the third-party sample packages -------------------------------------------------------------


def inspect_sample(name):
    with sample(name).open("rb") as upload:
        return inspect_package(upload, name=name)


def refuse_sample(name):
    with sample(name).open("rb") as upload:
        return refusal(upload, name=name)


def test_the_scorm_12_sample_is_inspected():
    inspected = inspect_sample("singlescobasic.zip")

    assert (inspected.kind, inspected.version) == ("scorm12", "SCORM 1.2")
    assert inspected.title == "Golf Explained - Run-time Basic Calls"
    assert inspected.items == (Item("item_1", "Golf Explained", "shared/launchpage.html"),)
    assert (inspected.file_count, inspected.unpacked_size) == (46, 494822)


def test_the_scorm_2004_sample_is_inspected():
    inspected = inspect_sample("RuntimeBasicCalls_SCORM20043rdEdition.zip")

    assert (inspected.kind, inspected.version) == ("scorm2004", "SCORM 2004 (3e editie)")
    assert inspected.title == "Golf Explained - Run-time Basic Calls"
    # This package is one SCO that moves between its pages itself: a single launchable item.
    assert leaves(inspected.items) == [Item("item_1", "Golf Explained", "shared/launchpage.html")]
    assert inspected.file_count == 69


def test_the_sample_with_its_manifest_in_a_folder_is_refused():
    assert refuse_sample("badscorm.zip") == (
        "Het bestand imsmanifest.xml staat in de map badscorm; het moet in de hoofdmap van het "
        "zip-bestand staan. Zip de inhoud van die map, niet de map zelf."
    )


def test_the_sample_without_a_manifest_is_refused():
    assert refuse_sample("invalid.zip") == (
        "Dit is geen SCORM-pakket: er staat geen imsmanifest.xml in het zip-bestand."
    )


def test_the_sample_without_an_organization_is_refused():
    assert refuse_sample("singlescobasic_missingorg.zip") == (
        "Het pakket heeft geen organisatie (inhoudsopgave): <organizations> in imsmanifest.xml "
        "is leeg. Zo'n pakket bevat alleen losse bestanden en kan niet worden afgespeeld."
    )


# --- extraction ----------------------------------------------------------------------------------


def stored(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_extraction_writes_every_file_under_the_prefix(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    upload = zip_of(
        {
            "imsmanifest.xml": manifest(),
            "les1/": "",
            "les1/index.html": "<p>Welkom</p>",
            "les1/plaatje.png": bytes(range(256)) * 40,
        }
    )
    extract_package(upload, storage=storage, prefix="pakketten/7")

    assert stored(tmp_path) == [
        "pakketten/7/imsmanifest.xml",
        "pakketten/7/les1/index.html",
        "pakketten/7/les1/plaatje.png",
    ]
    assert (tmp_path / "pakketten/7/les1/index.html").read_text() == "<p>Welkom</p>"
    assert (tmp_path / "pakketten/7/les1/plaatje.png").read_bytes() == bytes(range(256)) * 40


def test_extraction_of_a_sample_writes_all_its_files(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with sample("singlescobasic.zip").open("rb") as upload:
        extract_package(upload, storage=storage, prefix="p")
        upload.seek(0)
        expected = zipfile.ZipFile(upload).read("shared/launchpage.html")
    assert len(stored(tmp_path)) == 46
    assert (tmp_path / "p/shared/launchpage.html").read_bytes() == expected


def test_extraction_refuses_what_inspection_refuses(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(ValidationError, match="buiten het pakket"):
        extract_package(zip_of({"a.html": "a", "../b.html": "b"}), storage=storage, prefix="p")
    assert stored(tmp_path) == []


def test_a_lying_declared_size_stops_extraction_and_removes_what_was_written(tmp_path):
    payload = b"wijkwerk " * 200_000  # 1.8 MB real, declared as 100 bytes
    upload = zip_of({"a/eerst.html": "eerst", "b/groot.bin": payload, "c/daarna.html": "x"})
    upload = patch_central(upload, "b/groot.bin", size=100)
    storage = FileSystemStorage(location=tmp_path)

    with pytest.raises(ValidationError) as caught:
        extract_package(upload, storage=storage, prefix="p")

    assert caught.value.messages[0].startswith("Dit bestand is geen geldig zip-bestand")
    assert stored(tmp_path) == []  # also the file written before, and the partial one


def test_extraction_never_writes_more_than_a_member_declares(tmp_path, settings):
    """Even when the checksum is made to fit the lie, no more than the declared bytes come out,
    so the limit on the declared sum bounds what is written."""
    payload = b"wijkwerk " * 200_000
    upload = zip_of({"groot.bin": payload})
    upload = patch_central(upload, "groot.bin", size=100, crc=zlib.crc32(payload[:100]))
    settings.ELEARNING_MAX_UNPACKED_BYTES = 1000
    storage = FileSystemStorage(location=tmp_path)

    extract_package(upload, storage=storage, prefix="p")

    assert (tmp_path / "p/groot.bin").read_bytes() == payload[:100]


def test_a_storage_failure_removes_what_was_written(tmp_path):
    class FailingStorage(FileSystemStorage):
        def _save(self, name, content):
            if name.endswith("c.html"):
                raise OSError("schijf vol")
            return super()._save(name, content)

    storage = FailingStorage(location=tmp_path)
    with pytest.raises(OSError, match="schijf vol"):
        extract_package(
            zip_of({"a.html": "a", "b.html": "b", "c.html": "c"}), storage=storage, prefix="p"
        )
    assert stored(tmp_path) == []


def test_leaves_are_depth_first():
    tree = (
        Item("m", "M", "", (Item("a", "A", "a.html"), Item("b", "B", "", (Item("c", "C", "c"),)))),
        Item("d", "D", "d.html", (Item("e", "E", "e.html"),)),
    )
    assert [item.identifier for item in leaves(tree)] == ["a", "c", "d", "e"]


def test_the_sample_folder_in_the_environment_comes_first(tmp_path, monkeypatch):
    (tmp_path / "singlescobasic.zip").write_bytes(scorm().getvalue())
    monkeypatch.setenv("LMS_SCORM_SAMPLES", str(tmp_path))
    assert sample("singlescobasic.zip") == tmp_path / "singlescobasic.zip"


def test_a_name_that_is_both_a_file_and_a_folder_is_refused():
    upload = zip_of({"imsmanifest.xml": manifest(), "les1": "x", "les1/index.html": "y"})
    assert refusal(upload) == "In het pakket is les1 zowel een bestand als een map."


def test_a_swollen_central_directory_is_refused_before_it_is_read(settings):
    settings.ELEARNING_MAX_FILES = 5
    info = zipfile.ZipInfo("les1/index.html")
    info.comment = b"x" * 6000
    upload = zip_of({"imsmanifest.xml": manifest(), "les1": (info, "x")})
    assert refusal(upload).startswith("Dit bestand is geen geldig zip-bestand")


def test_a_query_in_the_launch_href_is_not_read_as_a_path():
    resources = (
        '<resources><resource identifier="r1" type="webcontent" '
        'href="les1/index.html?terug=../../start.html&amp;map=a/b"/></resources>'
    )
    inspected = inspect_package(scorm(manifest(resources=resources)), name="p.zip")
    assert inspected.items[0].href == "les1/index.html?terug=../../start.html&map=a/b"


def test_an_xml_base_outside_the_package_is_refused():
    for base in ("../", "https://cdn.voorbeeld.nl/"):
        xml = manifest().replace("<resources>", f'<resources xml:base="{base}">')
        assert refusal(scorm(xml)) == f"Het pad {base} in imsmanifest.xml wijst buiten het pakket."


def test_items_nested_beyond_reason_are_refused():
    nested = '<item identifier="x" identifierref="r1"><title>x</title>' * 60 + "</item>" * 60
    organizations = (
        f'<organizations default="org"><organization identifier="org">{nested}'
        "</organization></organizations>"
    )
    assert refusal(scorm(manifest(organizations=organizations))) == (
        "De onderdelen in imsmanifest.xml zijn dieper genest dan 50 niveaus."
    )


def test_inspection_leaves_the_upload_ready_to_be_read_again(tmp_path):
    upload = scorm()
    inspect_package(upload, name="p.zip")
    assert upload.tell() == 0
    refusal(zip_of({"index.html": "x"}))
    extract_package(upload, storage=FileSystemStorage(location=tmp_path), prefix="p")
    assert stored(tmp_path) == ["p/imsmanifest.xml", "p/les1/index.html"]
