"""The other servers a run starts beside the platform's own gunicorn.

- **A bare Wagtail site**, the reference: the project ``wagtail start`` makes from the
  installed Wagtail, on a PostgreSQL database of its own next to the run's, served by gunicorn
  with the same workers as the platform. Its home page is what Wagtail alone costs on this
  machine; every ratio in the results is against it. The project lives in the run's temporary
  folder and is made again on every run, so nothing of it is kept.
- **Varnish** in front of the platform's gunicorn with the project's VCL
  (``deploy/varnish/lms.vcl``), which includes ``backend.vcl``: the run writes that file, naming
  its own gunicorn, into the temporary folder and puts the folder first on ``vcl_path``.
- **nginx** serving one page's HTML as a static file: what answering from memory costs
  without any application, the yardstick of the front cache.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

BARE_NAME = "barewagtail"

# Written into the generated project at run time. Like the platform's production settings:
# DEBUG off, persistent connections (CONN_MAX_AGE 60 and health checks, lms/settings/base.py).
# Static files are left unhashed (no collectstatic): the home page names three of them, and
# looking a name up in a manifest is not what the reference is about.
BARE_SETTINGS = '''"""Settings of the run's bare Wagtail site (written by benchmarks/servers.py)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["BARE_DB_NAME"],
        "HOST": os.environ["BARE_DB_HOST"],
        "PORT": os.environ["BARE_DB_PORT"],
        "USER": os.environ["BARE_DB_USER"],
        "PASSWORD": os.environ.get("BARE_DB_PASSWORD", ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
'''


def wait_for_port(host: str, port: int, *, timeout: float, alive) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"the server for port {port} stopped while starting")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listened on {host}:{port} within {timeout:.0f} s")


class Process:
    """A server process of the run, stopped whatever happens."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict[str, str] | None = None,
                 log_path: Path | None = None):  # fmt: skip
        self.command = command
        self.cwd = cwd
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self._log = None

    def __enter__(self):
        if self.log_path:
            self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self._log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if self._log else None,
        )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log:
            self._log.close()
            self._log = None


# --- The bare Wagtail site ----------------------------------------------------------------------


def bare_database_url(run_database_url: str) -> str:
    name = urllib.parse.urlsplit(run_database_url).path.lstrip("/")
    return urllib.parse.urlsplit(run_database_url)._replace(path=f"/{name}_bare").geturl()


def prepare_bare_site(work: Path, database_url: str, env: dict[str, str], admin_connect,
                      commands: list[str]) -> tuple[Path, dict[str, str]]:  # fmt: skip
    """Make, configure and migrate a new Wagtail project; returns its folder and the
    environment to serve it with."""
    from psycopg import sql

    folder = work / "bare"
    folder.mkdir()
    wagtail = Path(sys.executable).with_name("wagtail")
    start = (
        [str(wagtail), "start", BARE_NAME, str(folder)]
        if wagtail.exists()
        else [sys.executable, "-m", "wagtail", "start", BARE_NAME, str(folder)]
    )
    subprocess.run(start, check=True, capture_output=True)
    commands.append(f"wagtail start {BARE_NAME} <tmp>/bare")
    (folder / BARE_NAME / "settings" / "bench.py").write_text(BARE_SETTINGS)
    commands.append(f"# <tmp>/bare/{BARE_NAME}/settings/bench.py: DEBUG off, PostgreSQL, "
                    "CONN_MAX_AGE 60")  # fmt: skip

    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    with admin_connect(database_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    bare_env = {
        key: value
        for key, value in env.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "PYTHONPATH", "FRONT_CACHE_URLS")
    }
    bare_env.update(
        DJANGO_SETTINGS_MODULE=f"{BARE_NAME}.settings.bench",
        BARE_DB_NAME=name,
        BARE_DB_HOST=parts.hostname or "127.0.0.1",
        BARE_DB_PORT=str(parts.port or 5432),
        BARE_DB_USER=urllib.parse.unquote(parts.username or "postgres"),
        BARE_DB_PASSWORD=urllib.parse.unquote(parts.password or ""),
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=folder,
        env=bare_env,
        check=True,
    )
    commands.append(f"psql -c 'CREATE DATABASE {name}'; python manage.py migrate   # in <tmp>/bare")
    return folder, bare_env


# --- Varnish and nginx ----------------------------------------------------------------------------


def varnish_command(binary: str, work: Path, vcl: Path, root: Path, port: int,
                    backend_port: int) -> list[str]:  # fmt: skip
    (work / "backend.vcl").write_text(
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
    )
    found = [
        binary, "-F", "-n", str(work / "varnish"), "-a", f"127.0.0.1:{port}",
        "-f", str(vcl), "-p", f"vcl_path={work}:{root / 'deploy' / 'varnish'}",
        "-s", "malloc,256m",
    ]  # fmt: skip
    if os.geteuid() == 0:
        # As root varnishd would hand the VCL compiler to its own unprivileged user, which
        # cannot read the run's temporary folder (mode 0700): keep it as the caller.
        found[2:2] = ["-j", "none"]
    return found


def nginx_command(binary: str, work: Path, port: int, path: str, html: bytes) -> list[str]:
    """Write ``html`` where nginx finds it for ``path`` and a minimal configuration."""
    prefix = work / "nginx"
    target = prefix / "www" / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html)
    conf = prefix / "nginx.conf"
    temp = prefix / "temp"
    temp.mkdir(exist_ok=True)
    conf.write_text(
        f"""daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/www;
    }}
}}
"""
    )
    if os.geteuid() == 0:
        # As root nginx reads the files as an unprivileged user, which the run's temporary
        # folder (mode 0700) keeps out: let it pass through, and read what lies under www.
        work.chmod(0o711)
        for folder in [prefix, *(p for p in (prefix / "www").rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
        (prefix / "www").chmod(0o755)
        target.chmod(0o644)
    return [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]


def binary(name: str, *fallbacks: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((path for path in fallbacks if Path(path).exists()), None)
