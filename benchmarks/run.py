"""``make bench``: build a data set, serve it with the production settings, measure, report.

    python -m benchmarks.run [--scale tiny|small|full|FACTOR] [--duration SECONDS]
                             [--rounds N] [--vcl PATH] [--out benchmarks/results.md]

Every HTTP figure is a ratio to the reference, the home page of a bare Wagtail site (the
project ``wagtail start`` makes, see servers.py) served by gunicorn with the same workers on
the same machine and measured in the same rounds, so that a slower or busier machine moves
both sides alike. The platform's own empty content page is measured beside it as the site
shell. Varnish with the project's VCL stands in front of the platform for the front-cache
scenarios, and nginx serving the catalogue as a file is their yardstick. The load is wrk's
(wrk.py) when wrk is installed, else the Python generator's (load.py).

The run owns one PostgreSQL database (``lms_bench`` on the server of DATABASE_URL, or
``--database-url``), the one beside it with ``_bare`` added, and one Redis database (number 9
on the server of REDIS_URL, or ``--redis-url``); it drops and refills them, and never touches
the database DATABASE_URL names. A migrated copy is kept as a template database and reused
while the migrations and installed packages stay the same.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.metadata
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from . import report
from .load import login, percentile, run_load, wait_until_serving
from .scale import scale_factor
from .servers import (
    Process,
    bare_database_url,
    binary,
    nginx_command,
    prepare_bare_site,
    varnish_command,
    wait_for_port,
)
from .wrk import run_wrk, wrk_binary

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/lms_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
HOST = "127.0.0.1"
WORKERS = 2
PROJECT_APPS = ("cms", "lms", "courses", "mentoring")
# Where collectstatic writes: STATIC_ROOT in lms/settings/base.py.
STATIC_ROOT = ROOT / "var" / "static"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


# --- Where the run writes ---------------------------------------------------------------------


def bench_database_url(explicit: str | None) -> str:
    """The run's own database: explicit, else the DATABASE_URL server with ``lms_bench``."""
    if explicit:
        return explicit
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    current = os.environ.get("DATABASE_URL", "")
    if current.startswith(("postgres://", "postgresql://")):
        return urllib.parse.urlsplit(current)._replace(path="/lms_bench").geturl()
    return DEFAULT_DATABASE


def bench_redis_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("BENCH_REDIS_URL"):
        return os.environ["BENCH_REDIS_URL"]
    current = os.environ.get("REDIS_URL", "")
    if current.startswith("redis://"):
        return urllib.parse.urlsplit(current)._replace(path="/9").geturl()
    return DEFAULT_REDIS


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        # A throwaway key for this run only.
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def _shown(command: list[str]) -> str:
    return shlex.join(Path(c).name if c == sys.executable else c for c in command)


def manage(env: dict[str, str], *args: str, commands: list[str]) -> None:
    command = [sys.executable, "manage.py", *args]
    commands.append(_shown(command))
    subprocess.run(command, cwd=ROOT, env=env, check=True)


# --- The database -----------------------------------------------------------------------------


def _admin_connect(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password) if parts.password else None,
        dbname="postgres",
        autocommit=True,
    )


def schema_fingerprint() -> str:
    """Changes when a migration or an installed package changes."""
    digest = hashlib.sha256()
    for app in PROJECT_APPS:
        for path in sorted((ROOT / app).rglob("migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    for dist in sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    ):
        digest.update(dist.encode())
    return digest.hexdigest()[:32]


def database_prepare(url: str, env: dict[str, str], commands: list[str]) -> dict:
    """Drop and recreate the run's database from a migrated template (made when needed)."""
    from psycopg import sql

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not name or name == urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).path.lstrip(
        "/"
    ):
        raise SystemExit(f"refusing to use database {name!r}: give the run a database of its own")
    template = f"{name}_template"
    fingerprint = schema_fingerprint()
    started = time.perf_counter()
    with _admin_connect(url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [template],
        ).fetchone()
        fresh = row is None or row[0] != fingerprint
        if fresh:
            log(f"migrating a new template database {template}")
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    if fresh:
        template_env = dict(
            env, DATABASE_URL=urllib.parse.urlsplit(url)._replace(path=f"/{template}").geturl()
        )
        manage(template_env, "migrate", "--noinput", "-v0", commands=commands)
        command = [sys.executable, "-m", "benchmarks.generate", "--shell-only"]
        commands.append(_shown(command) + "   # into the template")
        subprocess.run(command, cwd=ROOT, env=template_env, check=True)
        with _admin_connect(url) as conn:
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(template), sql.Literal(fingerprint)
                )
            )
    with _admin_connect(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
        version = conn.execute("SHOW server_version").fetchone()[0]
    commands.append(
        f'psql -c "CREATE DATABASE {name} TEMPLATE {template}"   # migrated, site shell seeded'
    )
    return {
        "name": name,
        "template": template,
        "template_rebuilt": fresh,
        "seconds": round(time.perf_counter() - started, 1),
        "postgresql": version,
    }


def redis_flush(url: str) -> str:
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    return client.info("server").get("redis_version", "?")


def static_current() -> bool:
    """Whether the collected, hashed static files are newer than every source of them."""
    manifest = STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [
        path.stat().st_mtime
        for app in PROJECT_APPS
        for folder in (ROOT / app).rglob("static")
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    ]
    installed = Path(sysconfig.get_paths()["purelib"]).stat().st_mtime
    return manifest.stat().st_mtime >= max([installed, *sources])


# --- The server -------------------------------------------------------------------------------


def free_ports(*names: str) -> dict[str, int]:
    """A different free port for each name: the sockets stay open until all are chosen."""
    with contextlib.ExitStack() as stack:
        found = {}
        for name in names:
            sock = stack.enter_context(socket.socket())
            sock.bind((HOST, 0))
            found[name] = sock.getsockname()[1]
        return found


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(p) for p in text.split()]
    except OSError:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
        return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler:
    """Samples the resident memory of the platform's workers while a load runs."""

    def __init__(self, master_pids: list[int], interval: float = 0.2):
        self.master_pids = master_pids
        self.interval = interval
        self.max_worker_mb = 0.0
        self.max_master_mb = 0.0
        self.samples = 0
        self.window_max = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        for master_pid in self.master_pids:
            master = rss_mb(master_pid) or 0.0
            self.max_master_mb = max(self.max_master_mb, master)
            for pid in _children(master_pid):
                value = rss_mb(pid)
                if value is not None:
                    self.max_worker_mb = max(self.max_worker_mb, value)
                    self.window_max = max(self.window_max, value)
        self.samples += 1

    def window(self) -> float:
        """The largest worker RSS since the last call."""
        value, self.window_max = self.window_max, 0.0
        return round(value, 1)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(2)


class Gunicorn(Process):
    """The production server, started for this run and stopped whatever happens; it writes its
    own log (``--error-logfile``)."""

    def __init__(
        self,
        env: dict[str, str],
        port: int,
        log_path: Path,
        workers: int = WORKERS,
        *,
        app: str = "lms.wsgi:application",
        cwd: Path = ROOT,
    ):
        command = [
            sys.executable, "-m", "gunicorn", app,
            "--workers", str(workers), "--worker-class", "sync",
            "--bind", f"{HOST}:{port}", "--timeout", "60",
            "--error-logfile", str(log_path), "--log-level", "warning",
        ]  # fmt: skip
        super().__init__(command, cwd=cwd, env=env)
        self.port = port


# --- Scenarios --------------------------------------------------------------------------------


def scenarios(manifest: dict) -> list[dict]:
    """What is measured, in order, and by which server; a page that does not exist yet is
    listed with the reason.

    Servers: ``bare`` the bare Wagtail site (the reference), ``main`` the platform as in
    production (page cache on, Varnish's address given), ``uncached`` the platform with the
    page cache off and no front cache, ``varnish`` Varnish in front of ``main``, ``nginx`` a
    static copy of the catalogue.
    """
    course = manifest.get("course_url")
    catalogue = manifest.get("catalogue_url")
    no_courses = manifest.get("skipped", {}).get("courses", "the course pages do not exist")
    no_mentoring = manifest.get("skipped", {}).get("mentoring", "no mentoring pages")
    found = [
        {"key": "bare", "label": "Reference: bare Wagtail home page", "server": "bare",
         "path": "/", "unique_query": True},
        {"key": "shell", "label": "Site shell: empty content page, uncached", "server": "uncached",
         "path": manifest["reference_url"], "unique_query": True, "target": 8},
        {"key": "home", "label": "Home page, anonymous (page cache)", "server": "main",
         "path": "/"},
        {"key": "catalogue", "label": "Catalogue, anonymous (page cache)", "server": "main",
         "path": catalogue, "missing": None if catalogue else no_courses},
        {"key": "course", "label": "Course page, anonymous (page cache)", "server": "main",
         "path": course, "missing": None if course else no_courses},
        {"key": "course_uncached", "label": "Course page, uncached", "server": "uncached",
         "path": course, "unique_query": True, "target": 2,
         "missing": None if course else no_courses},
        {"key": "catalogue_varnish", "label": "Catalogue, anonymous, through Varnish",
         "server": "varnish", "path": catalogue, "target": 1,
         "missing": None if catalogue else no_courses},
        {"key": "course_varnish", "label": "Course page, anonymous, through Varnish",
         "server": "varnish", "path": course, "missing": None if course else no_courses},
        {"key": "nginx_catalogue", "label": "nginx: the catalogue's HTML as a static file",
         "server": "nginx", "path": catalogue, "missing": None if catalogue else no_courses},
        {"key": "dashboard", "label": "Dashboard /mijn/, logged in", "server": "main",
         "path": "/mijn/", "login": True, "target": 3},
        {"key": "senior", "label": "Senior's coaching page, logged in", "server": "main",
         "path": manifest.get("senior_url"), "login": True, "target": 3,
         "missing": None if manifest.get("senior_url") else no_mentoring},
        {"key": "register_status", "label": "Register status /register/mijn-status/, logged in",
         "server": "main", "path": "/register/mijn-status/", "login": True, "target": 3},
    ]  # fmt: skip
    return found


def probe_headers(port: int, path: str, headers: dict[str, str] | None = None) -> dict:
    from .load import exchange, request_bytes

    answer = exchange(HOST, port, request_bytes(HOST, port, path, headers=headers))
    keep = ("cache-control", "age", "x-cache", "x-page-cache", "vary", "expires", "via")
    found = {
        "status": answer.status,
        **{k: ", ".join(answer.headers[k]) for k in keep if k in answer.headers},
    }
    cookies = [c.split("=", 1)[0].strip() for c in answer.headers.get("set-cookie", [])]
    if cookies:
        found["sets_cookies"] = ", ".join(cookies)
    return found


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def measure(
    manifest: dict,
    *,
    ports: dict[str, int],
    unavailable: dict[str, str],
    duration: float,
    concurrency: int,
    rounds: int,
    sampler: RssSampler,
    wrk: str | None,
) -> list[dict]:
    """Load every page in turn, ``rounds`` times over, so that a change in the machine's
    speed during the run touches the reference and the pages alike.

    ``unavailable`` names the servers that were not started, with the reason. With ``wrk``
    the load is wrk's; without it, the Python generator's."""
    cookie = None
    login_error = ""
    entries: list[dict] = []
    runnable: list[tuple[dict, dict, dict[str, str]]] = []
    for spec in scenarios(manifest):
        entry = {k: spec.get(k) for k in ("key", "label", "path", "target", "server")}
        entries.append(entry)
        reason = spec.get("missing") or unavailable.get(spec["server"])
        if reason or not spec.get("path"):
            entry.update(measured=False, reason=reason or "no page to measure")
            log(f"{spec['key']}: not measured ({entry['reason']})")
            continue
        port = ports[spec["server"]]
        headers = {}
        if spec.get("login"):
            if cookie is None and not login_error:
                try:
                    cookie = login(HOST, ports["main"], manifest["dashboard_email"],
                                   manifest["password"])  # fmt: skip
                except (OSError, RuntimeError) as exc:
                    login_error = str(exc)
            if login_error:
                entry.update(measured=False, reason=f"logging in failed: {login_error}")
                continue
            headers["Cookie"] = cookie
        probe = probe_headers(port, spec["path"], headers)
        if spec["server"] == "varnish" and probe["status"] == 200:
            # The first answer fills the front cache; the second shows whether it serves.
            probe = probe_headers(port, spec["path"], headers)
        if probe["status"] != 200:
            entry.update(measured=False, reason=f"the page answered HTTP {probe['status']}")
            log(f"{spec['key']}: not measured ({entry['reason']})")
            continue
        if not spec.get("login"):
            entry["headers"] = probe
        runnable.append((spec, entry, headers))

    per_round = duration / rounds
    warmup = min(1.0, max(0.3, per_round / 4))
    totals = {
        entry["key"]: {"requests": 0, "errors": 0, "seconds": 0.0, "latencies": [],
                       "statuses": {}, "first_error": "", "rps_rounds": [], "rss": 0.0,
                       "p50_rounds": [], "p95_rounds": []}
        for _spec, entry, _headers in runnable
    }  # fmt: skip
    for number in range(1, rounds + 1):
        for spec, entry, headers in runnable:
            sampler.window()
            port = ports[spec["server"]]
            if wrk:
                # wrk counts whole seconds; it warms each page up once, in the first round.
                result = run_wrk(
                    wrk, HOST, port, spec["path"], duration=per_round, connections=concurrency,
                    headers=headers, unique_query=spec.get("unique_query", False),
                    warmup=1.0 if number == 1 else 0.0,
                )  # fmt: skip
            else:
                result = run_load(
                    HOST, port, spec["path"], duration=per_round, concurrency=concurrency,
                    headers=headers, unique_query=spec.get("unique_query", False), warmup=warmup,
                )  # fmt: skip
            total = totals[entry["key"]]
            total["requests"] += result.requests
            total["errors"] += result.errors
            total["seconds"] += result.seconds
            total["latencies"] += result.latencies
            total["rps_rounds"].append(result.rps)
            total["p50_rounds"].append(result.p50_ms)
            total["p95_rounds"].append(result.p95_ms)
            total["first_error"] = total["first_error"] or result.first_error
            if spec["server"] in ("main", "uncached"):
                total["rss"] = max(total["rss"], sampler.window())
            for status, n in result.statuses.items():
                total["statuses"][status] = total["statuses"].get(status, 0) + n
            entry["shown_path"] = result.path
            log(
                f"round {number}/{rounds} {spec['key']}: {result.rps} req/s, "
                f"p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, {result.errors} errors"
            )
    for _spec, entry, _headers in runnable:
        total = totals[entry["key"]]
        seconds = total["seconds"]
        if total["latencies"]:
            ordered = sorted(total["latencies"])
            p50 = round(percentile(ordered, 0.50) * 1000, 2)
            p95 = round(percentile(ordered, 0.95) * 1000, 2)
        else:
            # wrk gives percentiles per load, not the latencies: the median of the rounds'
            # medians, and the worst round's 95th percentile.
            p50 = round(_median(total["p50_rounds"]), 2)
            p95 = round(max(total["p95_rounds"], default=0.0), 2)
        entry.update(
            measured=True,
            requests=total["requests"],
            errors=total["errors"],
            seconds=round(seconds, 3),
            rps=round(total["requests"] / seconds, 1) if seconds else 0.0,
            rps_rounds=total["rps_rounds"],
            p50_ms=p50,
            p95_ms=p95,
            statuses=total["statuses"],
            first_error=total["first_error"],
            worker_rss_max_mb=round(total["rss"], 1),
        )
    return entries


# --- The run ------------------------------------------------------------------------------------


def machine(database: dict, redis_version: str) -> dict:
    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip()
        )
    except OSError:
        commit, dirty = "?", False
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "load_average": read("/proc/loadavg").split()[:3],
        "python": sys.version.split()[0],
        "postgresql": database.get("postgresql", "?"),
        "redis": redis_version,
        "django": version("Django"),
        "wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure the platform against a bare Wagtail site's home page."
    )
    parser.add_argument("--scale", default="small", help="tiny, small, full or a factor")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="passes over all scenarios, each a share of --duration",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--database-url", help="the run's own database (dropped and refilled)")
    parser.add_argument("--redis-url", help="the run's own Redis database (flushed)")
    parser.add_argument(
        "--vcl",
        type=Path,
        default=Path(os.environ.get("BENCH_VCL") or "deploy/varnish/lms.vcl"),
        help="Varnish's VCL (default deploy/varnish/lms.vcl, or BENCH_VCL)",
    )
    parser.add_argument(
        "--python-load", action="store_true", help="the Python load generator, not wrk"
    )
    parser.add_argument("--skip-timings", action="store_true", help="only the HTTP scenarios")
    parser.add_argument(
        "--collectstatic", action="store_true", help="collect static files even if up to date"
    )
    args = parser.parse_args(argv)
    factor = scale_factor(args.scale)
    if args.duration <= 0 or args.duration > 600:
        parser.error("--duration must lie between 0 and 600 seconds")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must lie between 1 and 20")

    # A stop request still shuts the server down and keeps the database for a look.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    started = time.perf_counter()
    database_url = bench_database_url(args.database_url)
    redis_url = bench_redis_url(args.redis_url)
    env = server_env(database_url, redis_url)
    commands: list[str] = []
    argv_shown = " ".join(argv if argv is not None else sys.argv[1:])
    work = Path(tempfile.mkdtemp(prefix="lms-bench-"))
    log(f"scale {args.scale} ({factor}), database {urllib.parse.urlsplit(database_url).path[1:]}")

    database = database_prepare(database_url, env, commands)
    redis_version = redis_flush(redis_url)
    facts = machine(database, redis_version)

    manifest_path = work / "manifest.json"
    command = [
        sys.executable, "-m", "benchmarks.generate", "--scale", str(factor),
        "--manifest", str(manifest_path),
    ]  # fmt: skip
    commands.append(_shown(command))
    log("generating the data set")
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    manifest = json.loads(manifest_path.read_text())

    if args.collectstatic or not static_current():
        log("collecting static files")
        manage(env, "collectstatic", "--noinput", "-v0", commands=commands)
    else:
        commands.append("python manage.py collectstatic --noinput -v0   # skipped: up to date")

    timings: dict = {}
    if not args.skip_timings:
        timings_path = work / "timings.json"
        command = [
            sys.executable, "-m", "benchmarks.timings",
            "--out", str(timings_path), "--manifest", str(manifest_path),
        ]  # fmt: skip
        commands.append(_shown(command))
        log("in-process timings: matching, eligibility, concurrent enrolment, page costs")
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        timings = json.loads(timings_path.read_text())

    ports = free_ports("main", "uncached", "bare", "varnish", "nginx")
    unavailable: dict[str, str] = {}
    front = {}
    varnishd = binary("varnishd", "/usr/sbin/varnishd")
    vcl = args.vcl if args.vcl.is_absolute() else ROOT / args.vcl
    if not varnishd:
        unavailable["varnish"] = "varnishd is not installed"
    elif not vcl.exists():
        unavailable["varnish"] = (
            f"the VCL {vcl.relative_to(ROOT) if vcl.is_relative_to(ROOT) else vcl} does not exist"
        )
    nginx = binary("nginx", "/usr/sbin/nginx")
    if not nginx:
        unavailable["nginx"] = "nginx is not installed"
    wrk = None if args.python_load else wrk_binary()
    load_generator = (
        f"wrk -t1 -c{args.concurrency} --latency (benchmarks/wrk.lua)"
        if wrk
        else "the Python generator (benchmarks/load.py): "
        + ("asked for with --python-load" if args.python_load else "wrk is not installed")
    )
    log(f"load generator: {load_generator}")
    for name, reason in unavailable.items():
        log(f"{name}: not started ({reason})")

    # The platform as in production, told where its front cache is when Varnish runs; and
    # the same code with the page cache off and no front cache, for the uncached pages.
    main_env = dict(env)
    main_env.pop("FRONT_CACHE_URLS", None)  # not one of the caller's: only the run's Varnish
    if "varnish" not in unavailable:
        main_env["FRONT_CACHE_URLS"] = f"http://{HOST}:{ports['varnish']}"
    uncached_env = dict(env, PAGE_CACHE_SECONDS="0")
    uncached_env.pop("FRONT_CACHE_URLS", None)

    log("making the bare Wagtail site")
    bare_url = bare_database_url(database_url)
    bare_folder, bare_env = prepare_bare_site(work, bare_url, env, _admin_connect, commands)

    servers = {
        "main": Gunicorn(main_env, ports["main"], work / "gunicorn.log"),
        "uncached": Gunicorn(uncached_env, ports["uncached"], work / "gunicorn-uncached.log"),
        "bare": Gunicorn(bare_env, ports["bare"], work / "gunicorn-bare.log",
                         app="barewagtail.wsgi:application", cwd=bare_folder),
    }  # fmt: skip
    commands.append(_shown(servers["main"].command) + "   # FRONT_CACHE_URLS=<varnish>")
    commands.append("  the same with PAGE_CACHE_SECONDS=0 and no FRONT_CACHE_URLS   # uncached")
    commands.append(_shown(servers["bare"].command) + "   # in <tmp>/bare")
    with contextlib.ExitStack() as stack:
        for server in servers.values():
            stack.enter_context(server)
        log(f"serving: platform on {ports['main']}, uncached on {ports['uncached']}, "
            f"bare Wagtail on {ports['bare']}, {WORKERS} workers each")  # fmt: skip
        sampler = stack.enter_context(
            RssSampler([servers["main"].process.pid, servers["uncached"].process.pid])
        )
        for name, server in servers.items():
            path = "/" if name == "bare" else manifest["reference_url"]
            wait_until_serving(HOST, server.port, path, alive=server.alive)
        if "varnish" not in unavailable:
            command = varnish_command(varnishd, work, vcl, ROOT, ports["varnish"], ports["main"])
            commands.append(
                shlex.join(command).replace(str(work), "<tmp>").replace(str(ROOT) + "/", "")
            )
            front["varnish"] = stack.enter_context(
                Process(command, cwd=work, log_path=work / "varnish.log")
            )
            try:
                wait_for_port(HOST, ports["varnish"], timeout=30, alive=front["varnish"].alive)
            except RuntimeError as exc:
                tail = (work / "varnish.log").read_text(errors="replace")[-600:]
                unavailable["varnish"] = f"varnishd did not start: {exc}; {tail.strip()}"
        if "nginx" not in unavailable and manifest.get("catalogue_url"):
            from .load import exchange, request_bytes

            page = exchange(HOST, ports["main"], request_bytes(HOST, ports["main"],
                                                               manifest["catalogue_url"]))  # fmt: skip
            command = nginx_command(nginx, work, ports["nginx"], manifest["catalogue_url"],
                                    page.body)  # fmt: skip
            commands.append(shlex.join(command).replace(str(work), "<tmp>")
                            + "   # the catalogue's HTML, fetched once, as a file")  # fmt: skip
            front["nginx"] = stack.enter_context(
                Process(command, cwd=work, log_path=work / "nginx" / "stderr.log")
            )
            try:
                wait_for_port(HOST, ports["nginx"], timeout=30, alive=front["nginx"].alive)
            except RuntimeError as exc:
                unavailable["nginx"] = f"nginx did not start: {exc}"
        commands.append(
            f"wrk -t1 -c{args.concurrency} -d<s>s --latency --timeout 30s [-H 'Cookie: <session>'] "
            "-s benchmarks/wrk.lua http://127.0.0.1:<port><path> [-- <mark>]   # each load"
            if wrk
            else "benchmarks.load.run_load(...)   # each load: wrk is not installed"
        )
        measured = measure(
            manifest,
            ports=ports,
            unavailable=unavailable,
            duration=args.duration,
            concurrency=args.concurrency,
            rounds=args.rounds,
            sampler=sampler,
            wrk=wrk,
        )
        sampler.sample()
        memory = {
            "worker_rss_max_mb": round(sampler.max_worker_mb, 1),
            "master_rss_max_mb": round(sampler.max_master_mb, 1),
            "samples": sampler.samples,
        }
    server_log = "".join(
        (work / name).read_text(errors="replace")[-2000:]
        for name in ("gunicorn.log", "gunicorn-uncached.log")
        if (work / name).exists()
    )

    results = report.assemble(
        scale=args.scale,
        factor=factor,
        duration=args.duration,
        concurrency=args.concurrency,
        rounds=args.rounds,
        workers=WORKERS,
        manifest=manifest,
        measured=measured,
        memory=memory,
        timings=timings,
        machine=facts,
        database=database,
        commands=[f"python -m benchmarks.run {argv_shown}".strip(), *commands],
        seconds=round(time.perf_counter() - started, 1),
        server_log_tail=server_log,
        load_generator=load_generator,
        wrk=bool(wrk),
    )
    report.write(results, args.out)
    log(f"wrote {args.out} and {args.out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
