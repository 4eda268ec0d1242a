"""A small closed-loop HTTP load generator for loopback measurements.

Each of ``concurrency`` threads sends one GET at a time over a fresh connection (the server's
sync workers close every connection after the answer) and reads the answer to its end. The
client is raw sockets with a prebuilt request so that it costs as little CPU as it can: on a
small machine the load generator shares the processors with the server it measures.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: bytes


@dataclass
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    first_error: str = ""
    latencies: list[float] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        found = asdict(self)
        found.pop("latencies")
        return found


def _check_loopback(host: str) -> None:
    if host not in LOOPBACK:
        raise ValueError(f"the load generator only talks to loopback, not {host!r}")


def request_bytes(
    host: str,
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += ["User-Agent: lms-bench", "Accept: text/html"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _parse(raw: bytes) -> Answer:
    head, _sep, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        status = 0
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return Answer(status=status, headers=headers, body=body)


def exchange(host: str, port: int, payload: bytes, *, timeout: float = 30.0) -> Answer:
    """Send one prebuilt request and read the answer until the server closes."""
    _check_loopback(host)
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(payload)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return _parse(b"".join(chunks))


def _status_only(host: str, port: int, payload: bytes, timeout: float) -> int:
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(payload)
        first = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            if len(first) < 16:
                first += chunk[:16]
    try:
        return int(first.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def run_load(
    host: str,
    port: int,
    path: str,
    *,
    duration: float,
    concurrency: int = 8,
    headers: dict[str, str] | None = None,
    unique_query: bool = False,
    max_requests: int = 200_000,
    warmup: float = 1.0,
    expect: int = 200,
    timeout: float = 30.0,
) -> LoadResult:
    """Load ``path`` for ``duration`` seconds after ``warmup`` seconds, at most ``max_requests``.

    ``unique_query`` adds a different query string to every request, so that no cache keyed
    on the address can answer: the figure is then what rendering the page costs.
    """
    _check_loopback(host)
    prebuilt = request_bytes(host, port, path, headers=headers)
    separator = "&" if "?" in path else "?"
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = [0]
    first_error = [""]
    counter = [0]
    # Unique within the whole run, not only within this call: a later round that asked for
    # ?b=1 again would be answered by the page cache that the first round filled.
    run_mark = uuid.uuid4().hex[:8]
    phase = {"measuring": False, "stop": False}

    def payload() -> bytes:
        if not unique_query:
            return prebuilt
        with lock:
            counter[0] += 1
            n = counter[0]
        return request_bytes(host, port, f"{path}{separator}b={run_mark}-{n}", headers=headers)

    def worker() -> None:
        while not phase["stop"]:
            started = time.perf_counter()
            try:
                status = _status_only(host, port, payload(), timeout)
                problem = "" if status == expect else f"HTTP {status}"
            except OSError as exc:
                status, problem = 0, f"{type(exc).__name__}: {exc}"
            elapsed = time.perf_counter() - started
            if not phase["measuring"]:
                continue
            with lock:
                if phase["stop"]:
                    return
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if problem:
                    errors[0] += 1
                    first_error[0] = first_error[0] or problem
                else:
                    latencies.append(elapsed)
                if len(latencies) + errors[0] >= max_requests:
                    phase["stop"] = True

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    time.sleep(warmup)
    with lock:
        phase["measuring"] = True
        began = time.perf_counter()
    deadline = began + duration
    while time.perf_counter() < deadline and not phase["stop"]:
        time.sleep(0.05)
    with lock:
        phase["stop"] = True
        seconds = time.perf_counter() - began
    for thread in threads:
        thread.join(timeout + 5)
    ordered = sorted(latencies)
    return LoadResult(
        path=path + (f"{separator}b=<n>" if unique_query else ""),
        requests=len(ordered),
        errors=errors[0],
        seconds=round(seconds, 3),
        rps=round(len(ordered) / seconds, 1) if seconds else 0.0,
        p50_ms=round(percentile(ordered, 0.50) * 1000, 2),
        p95_ms=round(percentile(ordered, 0.95) * 1000, 2),
        statuses=statuses,
        first_error=first_error[0],
        latencies=ordered,
    )


# --- Logging in -------------------------------------------------------------------------------

_CSRF_INPUT = re.compile(
    rb'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"'
)


def _cookies(answer: Answer) -> dict[str, str]:
    found = {}
    for line in answer.headers.get("set-cookie", []):
        pair = line.split(";", 1)[0]
        name, _eq, value = pair.partition("=")
        found[name.strip()] = value.strip()
    return found


def login(host: str, port: int, email: str, password: str, path: str = "/accounts/login/") -> str:
    """Log in through the site's login form; returns the Cookie header of the session."""
    page = exchange(host, port, request_bytes(host, port, path))
    if page.status != 200:
        raise RuntimeError(f"login form answered HTTP {page.status}")
    match = _CSRF_INPUT.search(page.body)
    cookies = _cookies(page)
    if not match or "csrftoken" not in cookies:
        raise RuntimeError("login form carries no CSRF token")
    token = (match.group(1) or match.group(2)).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": password}
    ).encode()
    cookie = f"csrftoken={cookies['csrftoken']}"
    answer = exchange(
        host,
        port,
        request_bytes(
            host,
            port,
            path,
            method="POST",
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{host}:{port}{path}",
            },
            body=form,
        ),
    )
    session = _cookies(answer).get("sessionid")
    if answer.status not in (301, 302, 303) or not session:
        raise RuntimeError(f"login did not succeed (HTTP {answer.status}, no session cookie)")
    return f"{cookie}; sessionid={session}"


def wait_until_serving(
    host: str, port: int, path: str, *, timeout: float = 60.0, alive: Callable[[], bool]
) -> Answer:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("the server stopped while starting")
        try:
            answer = exchange(host, port, request_bytes(host, port, path), timeout=5)
            if answer.status == 200:
                return answer
            last = f"HTTP {answer.status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.25)
    raise RuntimeError(f"the server did not answer {path} within {timeout:.0f} s ({last})")
