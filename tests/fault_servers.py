"""Throwaway servers for the fault tests: Redis, a PostgreSQL cluster, an SMTP sink, a worker.

The machine's own PostgreSQL and Redis are shared with other test runs, so a test that stops,
kills or restarts a server only ever does that to one it started itself here.
"""

from __future__ import annotations

import glob
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from tests.needs import unavailable

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


# --- Redis ----------------------------------------------------------------------------------


class RedisServer:
    """A ``redis-server`` of our own on a free port, without persistence."""

    def __init__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server is not installed")
        self.binary = binary
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="lms-faults-redis-")
        self.proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what="own redis-server answering")
        return self

    def answers(self) -> bool:
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def client(self, db: int = 0):
        import redis

        return redis.Redis(port=self.port, db=db, socket_connect_timeout=2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_bin(name: str) -> str | None:
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
    )
    return versions[-1] if versions else shutil.which(name)


class PostgresCluster:
    """A PostgreSQL cluster of our own in a temporary directory, on a free port.

    initdb and pg_ctl refuse to run as root, so as root they run as the ``postgres`` user on a
    directory that user owns; anyone else runs them as themselves.
    """

    def __init__(self):
        self.initdb = _postgres_bin("initdb")
        self.pg_ctl = _postgres_bin("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            unavailable("PostgreSQL's initdb and pg_ctl are not installed")
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                unavailable("running as root without runuser to become postgres")
            self.as_owner = [runuser, "-u", "postgres", "--"]
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="lms-faults-pg-")
        if self.as_owner:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = os.path.join(self.dir, "data")

    def _run(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run(
            [*self.as_owner, *args], capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}\n{result.stderr}")

    def init_and_start(self) -> PostgresCluster:
        self._run(
            self.initdb,
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # fsync off: the cluster lives for a minute; a fast restart still shuts down cleanly.
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(self.pg_ctl, "-D", self.data, "-o", options, "-l", self.log, "-w", "start")
        return self

    @property
    def log(self) -> str:
        return os.path.join(self.dir, "server.log")

    def restart(self) -> None:
        """Stop at once (open sessions are ended, as in a failover) and start again."""
        self._run(self.pg_ctl, "-D", self.data, "-m", "fast", "-w", "restart", "-l", self.log)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, database: str, sql: str) -> str:
        result = subprocess.run(
            [
                _postgres_bin("psql") or "psql",
                "-X",
                "-q",
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                self.url(database),
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    def copy_schema_from(self, source: dict, *, into: str) -> None:
        """Copy the tables of an already migrated database (Django's ``settings_dict``) with
        the rows that say what they are (applied migrations, content types, permissions):
        what ``migrate`` would make, without its minute. Nothing else is copied."""
        pg_dump = _postgres_bin("pg_dump")
        if pg_dump is None:
            unavailable("pg_dump is not installed")
        source_url = (
            f"postgres://{source['USER'] or ''}@{source['HOST'] or '127.0.0.1'}:"
            f"{source['PORT'] or 5432}/{source['NAME']}"
        )
        env = dict(os.environ)
        if source.get("PASSWORD"):
            env["PGPASSWORD"] = source["PASSWORD"]
        tables = ["django_migrations", "django_content_type", "auth_permission"]
        for only in (["--schema-only"], ["--data-only", *(f"--table={t}" for t in tables)]):
            dump = subprocess.run(
                [pg_dump, "--no-owner", "--no-privileges", *only, source_url],
                capture_output=True,
                env=env,
                timeout=120,
                check=True,
            )
            subprocess.run(
                [
                    _postgres_bin("psql") or "psql",
                    "-X",
                    "-q",
                    "-v",
                    "ON_ERROR_STOP=1",
                    self.url(into),
                ],
                input=dump.stdout,
                capture_output=True,
                timeout=120,
                check=True,
            )

    def close(self) -> None:
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(
                [*self.as_owner, self.pg_ctl, "-D", self.data, "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


# --- SMTP -----------------------------------------------------------------------------------


class SmtpSink:
    """Just enough of an SMTP server to accept mail from Django's SMTP backend.

    A message counts as delivered only when the sink has answered 250 to the end of its DATA,
    as for a real mail server. With ``hold_next`` set, the sink keeps the next sender waiting
    for that answer until ``release()``; if the sender disappears meanwhile, the message is
    dropped, never delivered. An address in ``unknown`` is refused for good (550), as a
    mailbox that does not exist.
    """

    def __init__(self):
        self.port = free_port()
        self.delivered: list[bytes] = []
        self.abandoned: list[bytes] = []
        self.unknown: set[str] = set()
        self.hold_next = False
        self.holding = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._server.settimeout(0.2)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def release(self) -> None:
        self._release.set()

    def close(self) -> None:
        self._stopped.set()
        self._release.set()
        self._thread.join(timeout=5)
        self._server.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as reader:
            conn.sendall(b"220 sink ESMTP\r\n")
            while True:
                line = reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250-sink\r\n250 8BITMIME\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 end with <CRLF>.<CRLF>\r\n")
                    message = self._read_data(reader)
                    if message is None or not self._answer_data(conn, message):
                        return
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                elif verb == b"RCPT" and self._recipient(line) in self.unknown:
                    conn.sendall(b"550 5.1.1 no such mailbox\r\n")
                else:  # MAIL, RCPT, RSET, NOOP
                    conn.sendall(b"250 ok\r\n")

    @staticmethod
    def _recipient(line: bytes) -> str:
        """The address of ``RCPT TO:<address>``."""
        return line.partition(b"<")[2].partition(b">")[0].decode().lower()

    @staticmethod
    def _read_data(reader) -> bytes | None:
        lines = []
        while True:
            line = reader.readline()
            if not line:
                return None
            if line == b".\r\n":
                return b"".join(lines)
            lines.append(line)

    def _answer_data(self, conn: socket.socket, message: bytes) -> bool:
        with self._lock:
            hold, self.hold_next = self.hold_next, False
        if hold:
            self.holding.set()
            while not self._release.is_set():
                readable, _, _ = select.select([conn], [], [], 0.05)
                if readable and not conn.recv(1, socket.MSG_PEEK):
                    with self._lock:  # the sender went away before hearing "250"
                        self.abandoned.append(message)
                    return False
        conn.sendall(b"250 queued\r\n")
        with self._lock:
            self.delivered.append(message)
        return True


# --- Celery worker --------------------------------------------------------------------------

# The worker runs the project's own settings, with the few changes a fault test needs applied
# before Django and Celery read them (a JSON object of setting names and values).
_WORKER_LAUNCHER = """
import json, os, sys
import django
django.setup()
from django.conf import settings
for name, value in json.loads(os.environ["LMS_FAULT_SETTINGS"]).items():
    setattr(settings, name, value)
from lms.celery import app
app.worker_main(sys.argv[1:])
"""


class Worker:
    """A Celery worker in its own process (solo pool: killing it kills the one task)."""

    def __init__(self, *, database_url: str, redis_url: str, settings: dict | None = None):
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="lms.settings.test",
            CELERY_TASK_ALWAYS_EAGER="false",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            LMS_FAULT_SETTINGS=json.dumps(settings or {}),
        )
        self.proc: subprocess.Popen | None = None
        self.log = _log_file("worker")

    def start(self) -> Worker:
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _WORKER_LAUNCHER,
                    "worker",
                    "--pool=solo",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, no rollback message to anyone."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        _stop(self.proc, signal.SIGQUIT)  # Celery's cold shutdown: no waiting for a task
        self.log.unlink(missing_ok=True)


@contextmanager
def celery_publishing_to(broker_url: str):
    """Let this process's Celery app publish to ``broker_url`` for real (not eagerly)."""
    from lms.celery import app

    def drop_pools():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, app.conf.task_always_eager
    drop_pools()
    app.conf.broker_url, app.conf.task_always_eager = broker_url, False
    try:
        yield app
    finally:
        drop_pools()
        app.conf.broker_url, app.conf.task_always_eager = saved


# --- The application, served ----------------------------------------------------------------


class AppServer:
    """The site under gunicorn (as in production), with the test settings and given services."""

    def __init__(self, *, database_url: str, redis_url: str = "", threads: int = 4):
        self.port = free_port()
        self.env = dict(os.environ)
        self.env.pop("REDIS_URL", None)
        self.env.update(
            DJANGO_SETTINGS_MODULE="lms.settings.test",
            DATABASE_URL=database_url,
            # The page cache would answer anonymous reads without touching what is broken.
            PAGE_CACHE_SECONDS="0",
        )
        if redis_url:
            self.env.update(REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="false")
        self.threads = threads
        self.proc: subprocess.Popen | None = None
        self.log = _log_file("app")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        return self.launch().wait_ready()

    def launch(self) -> AppServer:
        """Start gunicorn without waiting for it (other start-ups can run meanwhile)."""
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    os.path.join(os.path.dirname(sys.executable), "gunicorn"),
                    "lms.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--threads",
                    str(self.threads),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "3",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_ready(self) -> AppServer:
        def up():
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.output()}")
            try:
                return fetch("GET", self.url("/health/"), timeout=2).status in (200, 503)
            except OSError:
                return False

        wait_until(up, timeout=60, interval=0.3, what="the site answering")
        return self

    def url(self, path: str) -> str:
        return self.base + path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        _stop(self.proc, signal.SIGINT)  # gunicorn's quick shutdown
        self.log.unlink(missing_ok=True)


def _log_file(what: str) -> Path:
    fd, path = tempfile.mkstemp(prefix=f"lms-faults-{what}-", suffix=".log")
    os.close(fd)
    return Path(path)


def _stop(proc: subprocess.Popen | None, quick: signal.Signals) -> None:
    if proc is not None and proc.poll() is None:
        proc.send_signal(quick)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


class Answer:
    def __init__(self, status: int, headers: dict, body: str, seconds: float):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    def json(self):
        return json.loads(self.body)


# A logged-in browser needs a session cookie and, for a form, a CSRF secret in both the cookie
# and the header; outside HTTPS Django checks nothing else.
CSRF_SECRET = "f4ultsf4ultsf4ultsf4ultsf4ults12"


def fetch(
    method: str,
    url: str,
    *,
    session: str | None = None,
    form: dict | None = None,
    timeout: float = 15,
) -> Answer:
    """One request, no redirects followed, with an optional session and an urlencoded form."""
    from http.client import HTTPConnection
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(url)
    headers = {"Host": parts.netloc}
    cookies = {"csrftoken": CSRF_SECRET}
    if session:
        cookies["sessionid"] = session
    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = CSRF_SECRET
    started = time.monotonic()
    conn = HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            text,
            time.monotonic() - started,
        )
    finally:
        conn.close()
