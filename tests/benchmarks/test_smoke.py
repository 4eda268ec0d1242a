"""The benchmark harness end to end at a tiny scale: data, servers, load, report."""

import json
import os
import shutil
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
    # A database of its own: the harness drops and refills it (and one beside it, with
    # "_bare" added, for the bare Wagtail site). BENCH_SMOKE_DATABASE_URL names another, so
    # that two checkouts on one server do not share it.
    if os.environ.get("BENCH_SMOKE_DATABASE_URL"):
        return os.environ["BENCH_SMOKE_DATABASE_URL"]
    return urllib.parse.urlsplit(url)._replace(path="/lms_bench_smoke").geturl()


def _installed(name: str, path: str) -> bool:
    return bool(shutil.which(name) or Path(path).exists())


def test_harness_writes_results_against_a_bare_wagtail_site(tmp_path):
    database = _smoke_database()
    out = tmp_path / "results.md"
    subprocess.run(
        [
            sys.executable, "-m", "benchmarks.run",
            "--scale", "tiny", "--duration", "1", "--rounds", "1", "--concurrency", "2",
            "--skip-timings", "--database-url", database, "--out", str(out),
        ],
        cwd=ROOT,
        check=True,
        timeout=600,
    )  # fmt: skip

    results = json.loads(out.with_suffix(".json").read_text())
    rows = {s["key"]: s for s in results["scenarios"]}
    bare = rows["bare"]
    assert bare["measured"]
    assert bare["rps"] > 0
    assert bare["errors"] == 0
    assert results["reference_rps"] == bare["rps"]
    assert bare["ratio"] == 1.0
    assert rows["shell"]["measured"] and rows["shell"]["ratio"] > 0
    assert results["shell_ratio"] == rows["shell"]["ratio"]
    for row in results["scenarios"]:
        assert row["measured"] or row["reason"], row["key"]
        if row["measured"]:
            assert "ratio" in row, row["key"]
    assert {t["target"] for t in results["targets"]} == set(range(1, 9))
    assert results["memory"]["samples"] > 0
    text = out.read_text()
    assert "| Reference: bare Wagtail home page |" in text
    assert "| Site shell: empty content page, uncached |" in text

    # The front cache and its yardstick: measured, or skipped with the reason. On CI a
    # missing program is a broken machine, not a reason.
    ci = bool(os.environ.get("CI"))
    if ci:
        assert _installed("wrk", "/usr/bin/wrk"), "wrk is not installed"
        assert results["wrk"]
    for key, program, path in (
        ("catalogue_varnish", "varnishd", "/usr/sbin/varnishd"),
        ("nginx_catalogue", "nginx", "/usr/sbin/nginx"),
    ):
        row = rows[key]
        if ci:
            assert _installed(program, path), f"{program} is not installed"
        if row["measured"]:
            assert row["rps"] > 0
            continue
        assert row["reason"]
        if key == "catalogue_varnish" and "VCL" in row["reason"]:
            # The project's VCL is not in this tree (or BENCH_VCL names none): a reason.
            continue
        assert not ci, f"{key} not measured on CI: {row['reason']}"
