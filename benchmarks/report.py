"""Turn one run's measurements into ``results.md`` and ``results.json`` beside it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

TARGETS = {
    1: "Anonymous catalogue through the front cache (Varnish) >= 0.5x nginx serving the same "
    "HTML as a static file",
    2: "Course page with the page cache and the front cache off >= 0.7x the bare Wagtail home page",
    3: "Logged-in pages (the dashboard of a practitioner with 5,000 coaching sessions and 100 "
    "enrolments, the senior's coaching page, the register status page) >= 0.5x the bare "
    "Wagtail home page each, with a p95 latency <= 250 ms",
    4: "Eligibility of all 20,000 practitioners <= 3x a raw SQL sum of the same rows",
    5: "Matching 2,000 juniors to 500 seniors, exact optimum, <= 5 s",
    6: "200 concurrent enrolments into one edition of 20 seats: 20 seats, each given once, "
    "the rest on the waitlist, every request answered",
    7: "A web worker stays under 250 MB resident during the load runs; the ledger export and "
    "the eligibility report of all practitioners stay under 1 GB",
    8: "Empty content page (the site shell) with the page cache off >= 0.8x the bare Wagtail "
    "home page",
}
# Against the bare Wagtail home page.
RATIO_TARGETS = {
    "shell": 0.8,
    "course_uncached": 0.7,
    "dashboard": 0.5,
    "senior": 0.5,
    "register_status": 0.5,
}
# Against nginx serving the catalogue as a file.
NGINX_TARGETS = {"catalogue_varnish": 0.5}
LOGGED_IN = ("dashboard", "senior", "register_status")
P95_LIMIT_MS = 250.0
MEMORY_LIMIT_MB = 250.0
BATCH_MEMORY_LIMIT_MB = 1024.0
MATCHING_LIMIT_S = 5.0
ELIGIBILITY_LIMIT = 3.0


def _row(measured: list[dict], key: str) -> dict:
    return next((m for m in measured if m["key"] == key and m.get("measured")), {})


def _short(ratio: float, wanted: float) -> str:
    if ratio <= 0:
        return "no successful requests"
    return f"reaches {ratio:.3f}x of the {wanted:g}x asked (a factor {wanted / ratio:.2f} short)"


def _costs(timings: dict, key: str) -> str:
    cost = timings.get("pages", {}).get(key)
    if not cost or "queries" not in cost:
        return ""
    return f"{cost['queries']} queries, {cost['ms']} ms in-process"


def _both(verdicts: list) -> bool | None:
    """All met; not decided when one is not decided and none failed."""
    if any(v is False for v in verdicts):
        return False
    return None if any(v is None for v in verdicts) else True


def evaluate(
    measured: list[dict], memory: dict, timings: dict, manifest: dict, reference: float
) -> list[dict]:
    rows = {m["key"]: m for m in measured}
    counts = manifest.get("counts", {})
    skipped = manifest.get("skipped", {})
    verdicts = []

    def ratio_of(key: str) -> float | None:
        row = rows.get(key)
        if not row or not row.get("measured") or not reference:
            return None
        return row["rps"] / reference

    def reason(key: str) -> str:
        return rows.get(key, {}).get("reason", "?")

    # 1. The front cache against a static file.
    varnish, nginx = rows.get("catalogue_varnish", {}), rows.get("nginx_catalogue", {})
    if varnish.get("measured") and nginx.get("measured") and nginx["rps"]:
        ratio = varnish["rps"] / nginx["rps"]
        headers = varnish.get("headers", {})
        result = f"Varnish {varnish['rps']} req/s, nginx {nginx['rps']} req/s: {ratio:.3f}x" + (
            f"; course page through Varnish {rows['course_varnish']['rps']} req/s"
            if rows.get("course_varnish", {}).get("measured")
            else ""
        )
        met = ratio >= 0.5 and not varnish["errors"]
        limit_text = ""
        if not met:
            limit_text = (
                f"{_short(ratio, 0.5)}"
                + (
                    f"; {varnish['errors']} errors ({varnish['first_error']})"
                    if varnish["errors"]
                    else ""
                )  # fmt: skip
                + ". Varnish's answer carried "
                + (
                    ", ".join(f"{k}: {v}" for k, v in headers.items() if k != "status")
                    or "no cache headers"
                )  # fmt: skip
                + "."
            )
    else:
        ratio, met, limit_text = None, None, ""
        missing = [
            f"{name}: not measured ({reason(key)})"
            for key, name in (("catalogue_varnish", "Varnish"), ("nginx_catalogue", "nginx"))
            if not rows.get(key, {}).get("measured")
        ]
        result = "; ".join(missing) or "not measured"
    verdicts.append(
        {"target": 1, "text": TARGETS[1], "result": result, "met": met, "limits": limit_text}
    )

    # 2. Uncached course page.
    ratio = ratio_of("course_uncached")
    limit_text = ""
    if ratio is not None and ratio < 0.7:
        limit_text = (
            f"{_short(ratio, 0.7)}. Course page: {_costs(timings, 'course') or '?'}; "
            f"empty content page: {_costs(timings, 'reference') or '?'}."
        )
    verdicts.append(
        {
            "target": 2,
            "text": TARGETS[2],
            "result": f"{ratio:.3f}x"
            if ratio is not None
            else f"not measured ({reason('course_uncached')})",
            "met": None if ratio is None else ratio >= 0.7,
            "limits": limit_text,
        }
    )

    # 3. Logged-in pages.
    sessions = counts.get("dashboard_sessions", 0)
    enrolled = counts.get("dashboard_enrolments", 0)
    full = sessions >= 5000 and enrolled >= 100
    detail = f"the practitioner has {sessions} coaching sessions and {enrolled} enrolments"
    parts, limits, each = [], [], []
    for key in LOGGED_IN:
        ratio = ratio_of(key)
        if ratio is None:
            parts.append(f"{key}: not measured ({reason(key)})")
            each.append(None)
            continue
        p95 = rows[key]["p95_ms"]
        parts.append(f"{key} {ratio:.3f}x, p95 {p95:g} ms")
        ok = ratio >= 0.5 and p95 <= P95_LIMIT_MS
        each.append(ok)
        if ratio < 0.5:
            limits.append(f"{key} {_short(ratio, 0.5)} ({_costs(timings, key) or '?'})")
        if p95 > P95_LIMIT_MS:
            limits.append(f"{key} p95 {p95:g} ms, {p95 - P95_LIMIT_MS:.0f} ms over")
    met = _both(each)
    limit_text = "; ".join(limits) + ("." if limits else "")
    if not full:
        limit_text = (limit_text + " " if limit_text else "") + (
            f"Measured with less data than the target names ({detail}); only a full-scale "
            "run decides this target."
        )
        if met:
            met = None
    verdicts.append(
        {
            "target": 3,
            "text": TARGETS[3],
            "result": "; ".join(parts) + f"; {detail}",
            "met": met,
            "limits": limit_text,
        }
    )

    # 4. Eligibility.
    eligibility = timings.get("eligibility", {})
    if eligibility.get("measured"):
        ratio = eligibility["ratio"]
        how = (
            f"{eligibility['platform_s']} s"
            if eligibility.get("complete", True)
            else f"about {eligibility['platform_s']} s (stopped after "
            f"{eligibility['measured_s']} s at {eligibility['evaluated']} people, extrapolated)"
        )
        met = ratio is not None and ratio <= ELIGIBILITY_LIMIT
        verdicts.append(
            {
                "target": 4,
                "text": TARGETS[4],
                "result": f"{how} vs raw SQL {eligibility['raw_sql_s']} s for "
                f"{eligibility['people']} people, each the best of three runs: {ratio}x",
                "met": met,
                "limits": ""
                if met
                else f"{ratio}x the raw SQL sum, a factor {ratio / ELIGIBILITY_LIMIT:.2f} over "
                f"the {ELIGIBILITY_LIMIT:g}x allowed.",
            }
        )
    else:
        baseline = (
            f"raw SQL baseline: {eligibility['raw_sql_s']} s for {eligibility['people']} people; "
            if "raw_sql_s" in eligibility
            else ""
        )
        verdicts.append(
            {
                "target": 4,
                "text": TARGETS[4],
                "result": f"not measured ({baseline}{eligibility.get('reason', 'not run')})",
                "met": None,
                "limits": "",
            }
        )

    # 5. Matching.
    matching = timings.get("matching", {})
    if matching.get("measured"):
        seconds = matching["seconds"]
        size = f"{matching['juniors']} juniors x {matching['seniors']} seniors"
        result = (
            f"{seconds} s for {size} (building the pool {matching['pool_build_s']} s, "
            f"the optimal assignment and its reasons {matching['suggest_s']} s)"
        )
        met = seconds <= MATCHING_LIMIT_S
        limit_text = "" if met else f"{seconds - MATCHING_LIMIT_S:.1f} s over the limit"
        if not matching.get("full_size"):
            limit_text = (
                "Fewer people than the target names at this scale; a full-scale run decides it."
            )
            met = None if met else False
        verdicts.append(
            {"target": 5, "text": TARGETS[5], "result": result, "met": met, "limits": limit_text}
        )
    else:
        verdicts.append(
            {
                "target": 5,
                "text": TARGETS[5],
                "result": f"not measured ({matching.get('reason', 'not run')})",
                "met": None,
                "limits": "",
            }
        )

    # 6. Concurrent enrolments.
    race = timings.get("concurrent_enrolment", {})
    if race.get("measured"):
        result = (
            f"{race['people']} enrolments from {race['connections']} connections at once in "
            f"{race['seconds']} s: {race['enrolled']} seats given"
            f"{' (each once)' if race['seats_distinct'] else ' (a seat given twice!)'}, "
            f"{race['waitlisted']} on the waitlist, {race['errors']} refused or failed"
        )
        met = race["correct"]
        limit_text = ""
        if not met:
            limit_text = (
                "Not every enrolment got a seat or a waitlist place exactly once"
                + (f"; first failure: {race['first_error']}" if race["first_error"] else "")
                + "."
            )
        elif not race.get("full_size"):
            met = None
            limit_text = "Fewer people than the target names at this scale."
        verdicts.append(
            {"target": 6, "text": TARGETS[6], "result": result, "met": met, "limits": limit_text}
        )
    else:
        reason = race.get("reason") or skipped.get("enrolments") or "not run"
        verdicts.append(
            {
                "target": 6,
                "text": TARGETS[6],
                "result": f"not measured ({reason})",
                "met": None,
                "limits": "",
            }
        )

    # 7. Memory: the web workers under load, and the two jobs over all practitioners.
    worst = memory.get("worker_rss_max_mb", 0.0)
    web_met = worst < MEMORY_LIMIT_MB if memory.get("samples") else None
    result = f"largest worker: {worst} MB resident ({memory.get('samples', 0)} samples)"
    limits = [] if web_met is not False else [f"worker {worst - MEMORY_LIMIT_MB:.0f} MB over"]
    jobs = timings.get("batch_memory", {})
    jobs_met = None
    if jobs.get("measured"):
        peaks = {
            name: jobs[name]["peak_rss_mb"] for name in ("export_ledger", "eligibility_report")
        }
        jobs_met = all(peak < BATCH_MEMORY_LIMIT_MB for peak in peaks.values())
        result += (
            "; peak of the ledger export {} MB ({} rows), of the eligibility report {} MB".format(
                peaks["export_ledger"], jobs["export_ledger"]["rows"], peaks["eligibility_report"]
            )
        )
        limits += [
            f"{name} {peak - BATCH_MEMORY_LIMIT_MB:.0f} MB over 1 GB"
            for name, peak in peaks.items()
            if peak >= BATCH_MEMORY_LIMIT_MB
        ]
    else:
        result += f"; jobs not measured ({jobs.get('reason', 'not run')})"
    verdicts.append(
        {
            "target": 7,
            "text": TARGETS[7],
            "result": result,
            "met": None if None in (web_met, jobs_met) else web_met and jobs_met,
            "limits": ", ".join(limits),
        }
    )

    # 8. The site shell.
    ratio = ratio_of("shell")
    verdicts.append(
        {
            "target": 8,
            "text": TARGETS[8],
            "result": f"{ratio:.3f}x" if ratio is not None else f"not measured ({reason('shell')})",
            "met": None if ratio is None else ratio >= 0.8,
            "limits": ""
            if ratio is None or ratio >= 0.8
            else f"{_short(ratio, 0.8)}. Empty content page: "
            f"{_costs(timings, 'reference') or '?'}.",
        }
    )
    return verdicts


def assemble(
    *,
    scale: str,
    factor: float,
    duration: float,
    concurrency: int,
    rounds: int,
    workers: int,
    manifest: dict,
    measured: list[dict],
    memory: dict,
    timings: dict,
    machine: dict,
    database: dict,
    commands: list[str],
    seconds: float,
    server_log_tail: str,
    load_generator: str = "",
    wrk: bool = False,
) -> dict:
    reference_row = _row(measured, "bare")
    reference = reference_row.get("rps", 0.0)
    nginx = _row(measured, "nginx_catalogue").get("rps", 0.0)
    shell = _row(measured, "shell")
    for row in measured:
        if row.get("measured") and reference:
            row["ratio"] = round(row["rps"] / reference, 3)
        wanted = RATIO_TARGETS.get(row["key"])
        if wanted is not None:
            row["target_ratio"] = wanted
            row["met"] = row["ratio"] >= wanted if "ratio" in row else None
            if row["key"] in LOGGED_IN and row["met"] is not None:
                row["met"] = row["met"] and row["p95_ms"] <= P95_LIMIT_MS
        wanted = NGINX_TARGETS.get(row["key"])
        if wanted is not None:
            row["target_nginx_ratio"] = wanted
            if row.get("measured") and nginx:
                row["nginx_ratio"] = round(row["rps"] / nginx, 3)
            row["met"] = row["nginx_ratio"] >= wanted if "nginx_ratio" in row else None
    return {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "scale": scale,
        "factor": factor,
        "duration_s": duration,
        "concurrency": concurrency,
        "rounds": rounds,
        "workers": workers,
        "load_generator": load_generator,
        "wrk": wrk,
        "reference": "bare Wagtail home page",
        "reference_rps": round(reference, 1),
        "reference_rps_rounds": reference_row.get("rps_rounds", []),
        "shell_rps": shell.get("rps", 0.0),
        "shell_ratio": shell.get("ratio"),
        "nginx_rps": nginx,
        "scenarios": measured,
        "memory": memory,
        "timings": timings,
        "targets": evaluate(measured, memory, timings, manifest, reference),
        "data": {
            "plan": manifest.get("plan", {}),
            "counts": manifest.get("counts", {}),
            "skipped": manifest.get("skipped", {}),
            "seconds": manifest.get("seconds", {}),
        },
        "machine": machine,
        "database": database,
        "commands": commands,
        "seconds": seconds,
        "server_errors": [
            line for line in server_log_tail.splitlines() if "Error" in line or "Traceback" in line
        ][-10:],
    }


def _met(value) -> str:
    return {True: "yes", False: "**no**", None: "not decided"}[value]


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run of {results['when']} at scale `{results['scale']}` (factor {results['factor']}): "
        f"{results['duration_s']:g} s of load per scenario, split over {results['rounds']} "
        "rounds that each pass over every scenario in turn, "
        f"{results['concurrency']} connections, load by {results.get('load_generator') or '?'}. "
        f"Every server has gunicorn's {results['workers']} sync workers; the platform runs its "
        "production settings on PostgreSQL and Redis.",
        "",
        "**Reference: a bare Wagtail site**, the project `wagtail start` makes from the "
        "installed Wagtail, on its own PostgreSQL database with DEBUG off and persistent "
        "connections, its home page loaded with a new query string on every request: "
        f"{results['reference_rps']} req/s (per round: "
        + ", ".join(f"{v:g}" for v in results["reference_rps_rounds"])
        + "). Every ratio below is against it. The platform's own empty content page with the "
        f"page cache off (the site shell) answered {results.get('shell_rps', 0)} req/s"
        + (
            f", {results['shell_ratio']:.2f}x the bare page"
            if results.get("shell_ratio") is not None
            else ""
        )
        + '. "Uncached" pages come from a second gunicorn of the platform with '
        "PAGE_CACHE_SECONDS=0 and no front cache; the others from one with the page cache on "
        "and FRONT_CACHE_URLS naming the run's Varnish. p50 and p95 are latencies as the "
        "clients saw them, queueing included"
        + (
            " (with wrk: the median of the rounds' p50 and the worst round's p95)."
            if results.get("wrk")
            else "."
        ),
        "",
        "## HTTP scenarios",
        "",
        "| scenario | path | req/s | req/s per round | p50 ms | p95 ms | ratio | target | met? |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results["scenarios"]:
        target = f">= {row['target_ratio']:g}x" if "target_ratio" in row else ""
        if "target_nginx_ratio" in row:
            target = f">= {row['target_nginx_ratio']:g}x nginx"
            if "nginx_ratio" in row:
                target += f" (is {row['nginx_ratio']:.2f}x)"
        if not row.get("measured"):
            lines.append(
                f"| {row['label']} | {row.get('path') or ''} | not measured: {row['reason']} "
                f"| | | | | {target} | not decided |"
            )
            continue
        errors = f" ({row['errors']} errors: {row['first_error']})" if row["errors"] else ""
        met = _met(row["met"]) if "met" in row else ""
        lines.append(
            f"| {row['label']}{errors} | `{row.get('shown_path') or row['path']}` | {row['rps']} "
            f"| {' / '.join(f'{v:g}' for v in row.get('rps_rounds', []))} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row.get('ratio', 0):.2f} | {target} | {met} |"
        )
    lines += ["", "## Targets", "", "| # | target | result | met? |", "| --- | --- | --- | --- |"]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | {t['text']} | {t['result']} | {_met(t['met'])} |")
    limits = [t for t in results["targets"] if t["limits"]]
    if limits:
        lines += ["", "### By how much, and what limits it", ""]
        lines += [f"- **{t['target']}.** {t['limits']}" for t in limits]
    pages = results["timings"].get("pages", {})
    if pages:
        lines += [
            "",
            "### Cost of one request, in-process",
            "",
            "Warm requests through Django's test client against the same data, in one "
            "process: queries per request and the median time of five, without the server "
            "and the network, each with a new query string so that the page cache does not "
            "answer.",
            "",
            "| page | path | queries | ms |",
            "| --- | --- | ---: | ---: |",
        ]
        for key, cost in pages.items():
            if "queries" in cost:
                lines.append(f"| {key} | `{cost['path']}` | {cost['queries']} | {cost['ms']} |")
            else:
                lines.append(f"| {key} | `{cost.get('path', '')}` | {cost.get('error', '?')} | |")
    memory = results["memory"]
    lines += [
        "",
        f"Memory: largest worker of the platform's two servers {memory['worker_rss_max_mb']} MB "
        f"resident, gunicorn master {memory['master_rss_max_mb']} MB (VmRSS sampled "
        f"{memory['samples']} times, every 0.2 s, during all load runs).",
        "",
        "## Data set",
        "",
        "| rows | count |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {count:,} |" for name, count in results["data"]["counts"].items()]
    for name, reason in results["data"]["skipped"].items():
        lines.append(f"| {name} | not generated: {reason} |")
    seconds = results["data"]["seconds"]
    lines += [
        "",
        "Generation took "
        + ", ".join(f"{name} {value} s" for name, value in seconds.items())
        + f". The whole run took {results['seconds']} s.",
        "",
        "## Machine",
        "",
        f"- {m['nproc']} processors ({m['cpu']}), {m['memory_gb']} GB memory, load average "
        f"{' '.join(m['load_average'])} when the run began",
        f"- Python {m['python']}, PostgreSQL {m['postgresql']}, Redis {m['redis']}, "
        f"Django {m['django']}, Wagtail {m['wagtail']}, gunicorn {m['gunicorn']}",
        f"- commit {m['commit']}",
        "- the load generator runs on the same machine and shares its processors with the server",
        "",
        "## Commands",
        "",
        "```sh",
        *results["commands"],
        "```",
        "",
        "Reproduce with `make bench BENCH_ARGS='--scale "
        f"{results['scale']} --duration {results['duration_s']:g}'` (the targets' scale: "
        "`make bench BENCH_ARGS='--scale full --duration 10'`).",
    ]
    if results["server_errors"]:
        lines += [
            "",
            "## Server errors during the run",
            "",
            "```",
            *results["server_errors"],
            "```",
        ]
    return "\n".join(lines) + "\n"


def write(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(results))
    out.with_suffix(".json").write_text(json.dumps(results, indent=2, default=str) + "\n")
