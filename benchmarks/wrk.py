"""Throughput with wrk, the load generator the run prefers.

The Python generator in ``load.py`` spends a whole processor at about 1,500 requests a second,
which is below what a front cache or a static file answers on loopback; wrk, written in C,
does not stop there. One wrk thread with eight connections (``wrk -t1 -c8``) holds eight
requests in flight as the Python generator's eight threads do. ``wrk.lua`` beside this file
adds the changing query string and prints the 95th percentile, which wrk's own summary lacks.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import uuid
from pathlib import Path

from .load import LoadResult

SCRIPT = Path(__file__).resolve().parent / "wrk.lua"
MARKER = "BENCH "


def wrk_binary() -> str | None:
    return shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)


def command(
    binary: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: dict[str, str] | None = None,
    mark: str | None = None,
) -> list[str]:
    found = [binary, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for name, value in (headers or {}).items():
        found += ["-H", f"{name}: {value}"]
    found += ["-s", str(SCRIPT), url]
    if mark:
        found += ["--", mark]
    return found


def parse(output: str) -> dict:
    """The line ``wrk.lua`` prints when the load ends."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise RuntimeError(f"wrk printed no summary: {output[-500:]!r}")


def run_wrk(
    binary: str,
    host: str,
    port: int,
    path: str,
    *,
    duration: float,
    connections: int = 8,
    headers: dict[str, str] | None = None,
    unique_query: bool = False,
    warmup: float = 0.0,
) -> LoadResult:
    """Load ``path`` for ``duration`` seconds (whole seconds, at least one: wrk counts no
    less), after an unmeasured warm-up of its own when ``warmup`` is given."""
    seconds = max(1, math.ceil(duration - 0.01))
    url = f"http://{host}:{port}{path}"
    if warmup > 0:
        subprocess.run(
            command(
                binary, url, seconds=max(1, round(warmup)), connections=connections,
                headers=headers, mark=uuid.uuid4().hex[:8] if unique_query else None,
            ),
            capture_output=True,
            check=False,
        )  # fmt: skip
    # Unique within the whole run: a later round that asked for ?b=...-1 again would be
    # answered by the page cache that the first round filled.
    mark = uuid.uuid4().hex[:8] if unique_query else None
    done = subprocess.run(
        command(binary, url, seconds=seconds, connections=connections, headers=headers, mark=mark),
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 60,
    )
    summary = parse(done.stdout + done.stderr)
    socket_errors = sum(summary[k] for k in ("connect", "read", "write", "timeout"))
    elapsed = summary["duration_us"] / 1_000_000
    requests = summary["requests"]
    good = max(0, requests - summary["status"])
    problems = []
    if summary["status"]:
        problems.append(f"{summary['status']} answers of HTTP 4xx or 5xx")
    for kind in ("connect", "read", "write", "timeout"):
        if summary[kind]:
            problems.append(f"{summary[kind]} socket {kind} errors")
    return LoadResult(
        path=path + (("&" if "?" in path else "?") + "b=<n>" if unique_query else ""),
        requests=good,
        errors=summary["status"] + socket_errors,
        seconds=round(elapsed, 3),
        rps=round(good / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(summary["p50_us"] / 1000, 2),
        p95_ms=round(summary["p95_us"] / 1000, 2),
        statuses={"2xx/3xx": good, "4xx/5xx": summary["status"]},
        first_error="; ".join(problems),
        latencies=[],
    )
