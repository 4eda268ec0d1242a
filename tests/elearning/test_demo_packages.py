"""The example e-learning packages: each zips the same way every time, its manifest or h5p.json
names only files it holds, its pages run no inline script, and it links to nothing outside itself."""

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from elearning.demo_packages import NAMES, package_bytes

FOLDERS = Path(__file__).resolve().parents[2] / "elearning" / "demo_packages"

IMSCP_12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP_12 = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
IMSCP_2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
ADLCP_2004 = "{http://www.adlnet.org/xsd/adlcp_v1p3}"


def unpacked(name: str) -> dict[str, bytes]:
    _, data = package_bytes(name)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def manifest_files(files: dict[str, bytes], ns: str) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(files["imsmanifest.xml"])
    resources = {res.get("identifier"): res for res in root.iter(f"{ns}resource")}
    return root, resources


def assert_resources_complete(files: dict[str, bytes], resources: dict[str, ET.Element], ns: str):
    for resource in resources.values():
        listed = [file.get("href") for file in resource.findall(f"{ns}file")]
        assert listed, resource.get("identifier")
        for href in listed:
            assert href in files, f"{href} is listed in the manifest but not in the package"
        if resource.get("href"):
            assert resource.get("href") in listed
        for dependency in resource.findall(f"{ns}dependency"):
            assert dependency.get("identifierref") in resources


def test_the_names_are_the_package_folders():
    folders = {
        path.name for path in FOLDERS.iterdir() if path.is_dir() and path.name[0] not in "._"
    }
    assert set(NAMES) == folders
    assert len(NAMES) == 3


@pytest.mark.parametrize("name", NAMES)
def test_a_package_zips_every_file_of_its_folder_the_same_way_each_time(name):
    file_name, data = package_bytes(name)
    folder = FOLDERS / name
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == on_disk
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        for info in infos:
            assert archive.read(info) == (folder / info.filename).read_bytes()

    assert package_bytes(name) == (file_name, data)
    expected = "h5p" if (folder / "h5p.json").exists() else "zip"
    assert file_name == f"{name}.{expected}"


def test_the_file_names_tell_h5p_from_scorm():
    assert [package_bytes(name)[0] for name in NAMES] == [
        "scorm12-wijkanalyse.zip",
        "scorm2004-gesprek.zip",
        "h5p-vragen.h5p",
    ]


@pytest.mark.parametrize("name", ["../elearning", "scorm12-wijkanalyse/", "onbekend", ""])
def test_only_the_named_packages_can_be_zipped(name):
    with pytest.raises(ValueError):
        package_bytes(name)


def test_the_scorm_12_manifest_names_one_sco_whose_files_are_all_there():
    files = unpacked("scorm12-wijkanalyse")
    root, resources = manifest_files(files, IMSCP_12)

    assert root.findtext(f"{IMSCP_12}metadata/{IMSCP_12}schemaversion") == "1.2"
    organizations = root.find(f"{IMSCP_12}organizations")
    default = organizations.get("default")
    (organization,) = organizations.findall(f"{IMSCP_12}organization")
    assert organization.get("identifier") == default
    (item,) = organization.iter(f"{IMSCP_12}item")
    sco = resources[item.get("identifierref")]
    assert sco.get(f"{ADLCP_12}scormtype") == "sco"
    assert sco.get("href") == "index.html"
    assert_resources_complete(files, resources, IMSCP_12)


def test_the_scorm_2004_manifest_names_two_scos_in_one_organization():
    files = unpacked("scorm2004-gesprek")
    root, resources = manifest_files(files, IMSCP_2004)

    assert root.findtext(f"{IMSCP_2004}metadata/{IMSCP_2004}schemaversion") == "2004 4th Edition"
    organizations = root.find(f"{IMSCP_2004}organizations")
    (organization,) = organizations.findall(f"{IMSCP_2004}organization")
    assert organization.get("identifier") == organizations.get("default")
    items = organization.findall(f"{IMSCP_2004}item")
    launched = [resources[item.get("identifierref")] for item in items]
    assert [res.get("href") for res in launched] == ["uitleg.html", "oefenen.html"]
    assert {res.get(f"{ADLCP_2004}scormType") for res in launched} == {"sco"}
    assert_resources_complete(files, resources, IMSCP_2004)
    # The shared script and style sheet reach each SCO through its dependency.
    for sco in launched:
        (dependency,) = sco.findall(f"{IMSCP_2004}dependency")
        shared = resources[dependency.get("identifierref")]
        assert {f.get("href") for f in shared.findall(f"{IMSCP_2004}file")} == {
            "lms2004.js",
            "gesprek.css",
        }


def test_the_h5p_package_holds_its_content_and_the_library_it_names():
    files = unpacked("h5p-vragen")
    h5p = json.loads(files["h5p.json"])

    assert h5p["language"] == "nl"
    assert h5p["embedTypes"] == ["div"]
    (main,) = [d for d in h5p["preloadedDependencies"] if d["machineName"] == h5p["mainLibrary"]]
    folder = f"{main['machineName']}-{main['majorVersion']}.{main['minorVersion']}"
    library = json.loads(files[f"{folder}/library.json"])
    assert library["machineName"] == "H5P.OpbouwVragen"
    assert (library["majorVersion"], library["minorVersion"]) == (1, 0)
    assert library["runnable"] == 1
    for entry in library["preloadedJs"] + library["preloadedCss"]:
        assert f"{folder}/{entry['path']}" in files

    content = json.loads(files["content/content.json"])
    assert len(content["vragen"]) == 3
    for question in content["vragen"]:
        assert len(question["opties"]) >= 2
        assert 0 <= question["goed"] < len(question["opties"])
        assert question["feedbackGoed"] and question["feedbackFout"]


class PageAudit(HTMLParser):
    """Collects what a page's markup asks of the browser."""

    def __init__(self):
        super().__init__()
        self.inline_scripts = 0
        self.handlers = []
        self.local_refs = []
        self.lang = None
        self.buttons = []
        self.inputs = []
        self.label_targets = set()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += [name for name in attributes if name.startswith("on")]
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "script":
            if attributes.get("src"):
                self.local_refs.append(attributes["src"])
            else:
                self._in_script = True
                self.inline_scripts += 1
        if tag == "link" and attributes.get("href"):
            self.local_refs.append(attributes["href"])
        if tag == "button":
            self.buttons.append(attributes.get("type"))
        if tag == "input":
            self.inputs.append(attributes.get("id"))
        if tag == "label":
            self.label_targets.add(attributes.get("for"))
        if "href" in attributes and tag == "a":
            self.local_refs.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def html_pages():
    for name in NAMES:
        for path, data in unpacked(name).items():
            if path.endswith(".html"):
                yield pytest.param(name, path, data, id=f"{name}/{path}")


@pytest.mark.parametrize(("name", "path", "data"), list(html_pages()))
def test_a_page_runs_only_script_files_of_its_own_package(name, path, data):
    files = unpacked(name)
    audit = PageAudit()
    audit.feed(data.decode("utf-8"))

    assert audit.inline_scripts == 0
    assert audit.handlers == []
    assert audit.lang == "nl"
    assert any(ref.endswith(".js") for ref in audit.local_refs)
    for ref in audit.local_refs:
        target = (PurePosixPath(path).parent / ref).as_posix()
        assert target in files, f"{path} refers to {ref}, which the package does not hold"
    # Real buttons that submit nothing, and a label for every answer.
    assert audit.buttons and set(audit.buttons) == {"button"}
    assert set(audit.inputs) <= audit.label_targets


def test_the_audit_would_notice_inline_script_and_handlers():
    audit = PageAudit()
    audit.feed('<html lang="nl"><script>go()</script><button onclick="go()">Ga</button></html>')
    assert audit.inline_scripts == 1
    assert audit.handlers == ["onclick"]


NAMESPACE_DECLARATION = re.compile(rb'\sxmlns(?::[\w.-]+)?="[^"]*"')
WEB_ADDRESS = re.compile(rb"https?://", re.IGNORECASE)


@pytest.mark.parametrize("name", NAMES)
def test_a_package_links_to_nothing_outside_itself(name):
    """XML namespace names look like web addresses but are never fetched; nothing else may."""
    for path, data in unpacked(name).items():
        if path.endswith(".xml"):
            data = NAMESPACE_DECLARATION.sub(b"", data)
        assert not WEB_ADDRESS.search(data), f"{name}/{path} holds a web address"


def test_the_web_address_check_sees_through_everything_but_namespace_declarations():
    manifest = (
        b'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><file href="x"/></manifest>'
    )
    assert not WEB_ADDRESS.search(NAMESPACE_DECLARATION.sub(b"", manifest))
    linked = (
        b'<manifest xmlns="http://a.example/ns"><file href="https://b.example/x.js"/></manifest>'
    )
    assert WEB_ADDRESS.search(NAMESPACE_DECLARATION.sub(b"", linked))
