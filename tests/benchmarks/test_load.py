"""The load generator against a small server that records what it was asked."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.load import run_load


@pytest.fixture
def recording_server():
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            asked.append(self.path)
            body = b"ok"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], asked
    server.shutdown()
    server.server_close()


def test_unique_query_strings_stay_unique_over_rounds(recording_server):
    """Each round of a run loads the page again; a query string that an earlier round used
    would be answered from the page cache, so no two requests may share one."""
    port, asked = recording_server
    for _round in range(2):
        result = run_load(
            "127.0.0.1", port, "/pagina/", duration=0.2, concurrency=2, warmup=0.05,
            unique_query=True, max_requests=50,
        )  # fmt: skip
        assert result.errors == 0
    assert len(asked) > 4
    assert all(path.startswith("/pagina/?b=") for path in asked)
    assert len(set(asked)) == len(asked)
