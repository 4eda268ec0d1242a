"""Where the third-party SCORM sample packages are, without copying them into the repository.

The packages (Rustici's "golf examples", CC BY 3.0) live beside the checkout in
shared/data/scorm. Looked for, in order: the folder in $LMS_SCORM_SAMPLES; ../shared/data/scorm
next to this repository; and, when this repository is a clone of a local folder, next to that
folder. Missing everywhere: skip locally, fail under CI=1.
"""

import functools
import os
import re
import subprocess
from pathlib import Path

from tests.needs import unavailable

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED_SAMPLES = Path("shared", "data", "scorm")


@functools.cache
def _local_origin() -> Path | None:
    """The folder this repository was cloned from, when its origin is a local path."""
    try:
        url = subprocess.run(
            ["git", "config", "--get", "remote.origin.url"],
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not url:
        return None
    if url.startswith("file://"):
        url = url.removeprefix("file://")
    elif "://" in url or re.match(r"^[^/]+:", url):  # a URL or scp-style host:path
        return None
    origin = Path(url)
    return origin if origin.is_absolute() else (REPOSITORY / origin).resolve()


def _folders():
    if folder := os.environ.get("LMS_SCORM_SAMPLES"):
        yield Path(folder)
    yield REPOSITORY.parent / SHARED_SAMPLES
    if (origin := _local_origin()) is not None:
        yield origin.parent / SHARED_SAMPLES


def sample(name: str) -> Path:
    """The path of a third-party sample package, or a skip (a failure under CI=1)."""
    looked = []
    for folder in _folders():
        path = folder / name
        if path.is_file():
            return path
        looked.append(str(folder))
    unavailable(
        f"SCORM sample {name} not found in {', '.join(looked)}; "
        "set LMS_SCORM_SAMPLES to the folder that holds it"
    )
