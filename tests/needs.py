"""What a test needs from outside its own code: skip locally when it is missing, fail in CI.

``.ci/run`` sets ``CI=1``, under which nothing a test needs may be missing, so a gap can
never make a test silently stop running there.
"""

import os
from pathlib import Path

import pytest

# Files the tests read (official schemas, sample data), kept in the repository itself.
DATA = Path(__file__).resolve().parent / "data"


def unavailable(reason: str):
    """Skip where the test cannot run on this machine; in CI the same gap is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this does not skip)")
    pytest.skip(reason)


def data_file(*parts: str) -> Path:
    """A file under tests/data/, or a skip (a failure in CI) that names the missing file."""
    path = DATA.joinpath(*parts)
    if not path.is_file():
        unavailable(f"test data is missing: {path}")
    return path
