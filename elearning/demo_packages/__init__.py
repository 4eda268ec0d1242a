"""Three small e-learning packages of our own, kept as source folders and zipped on demand.

``scorm12-wijkanalyse`` (SCORM 1.2, one SCO), ``scorm2004-gesprek`` (SCORM 2004 4th Edition,
two SCOs) and ``h5p-vragen`` (H5P with its own content type library). They serve as examples
for course editors and as fixtures for tests of the package upload and player.
"""

import io
import zipfile
from pathlib import Path

NAMES = ("scorm12-wijkanalyse", "scorm2004-gesprek", "h5p-vragen")

_ROOT = Path(__file__).resolve().parent
# The earliest moment a zip entry can record: fixed so that the same files give the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _package_files(folder: Path) -> list[Path]:
    return sorted(
        (
            path
            for path in folder.rglob("*")
            if path.is_file()
            and not any(
                part.startswith(".") or part == "__pycache__"
                for part in path.relative_to(folder).parts
            )
        ),
        key=lambda path: path.relative_to(folder).as_posix(),
    )


def package_bytes(name: str) -> tuple[str, bytes]:
    """The package ``name`` as (file name, zip bytes); the same files always give the same bytes.

    The file name ends in ``.h5p`` for an H5P package (a folder with ``h5p.json``) and in
    ``.zip`` for a SCORM package.
    """
    if name not in NAMES:
        raise ValueError(f"Unknown demo package: {name!r}")
    folder = _ROOT / name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in _package_files(folder):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    extension = "h5p" if (folder / "h5p.json").is_file() else "zip"
    return f"{name}.{extension}", buffer.getvalue()
