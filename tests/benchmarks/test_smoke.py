"""The benchmark harness end to end at a tiny scale: data, server, load, report."""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]


def _smoke_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")) or not os.environ.get("REDIS_URL"):
        pytest.skip("the harness needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    # A database of its own: the harness drops and refills it.
    return urllib.parse.urlsplit(url)._replace(path="/lms_bench_smoke").geturl()


def test_harness_writes_results_with_a_measured_reference(tmp_path):
    database = _smoke_database()
    out = tmp_path / "results.md"
    subprocess.run(
        [
            sys.executable, "-m", "benchmarks.run",
            "--scale", "tiny", "--duration", "1", "--concurrency", "2",
            "--skip-timings", "--database-url", database, "--out", str(out),
        ],
        cwd=ROOT,
        check=True,
        timeout=600,
    )  # fmt: skip

    results = json.loads(out.with_suffix(".json").read_text())
    reference = next(s for s in results["scenarios"] if s["key"] == "reference")
    assert reference["measured"]
    assert reference["rps"] > 0
    assert reference["errors"] == 0
    assert {t["target"] for t in results["targets"]} == set(range(1, 8))
    assert results["memory"]["samples"] > 0
    assert "| Reference: empty content page |" in out.read_text()
