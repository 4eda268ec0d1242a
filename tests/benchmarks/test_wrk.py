"""wrk with the run's script against a small server that records what it was asked."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.wrk import parse, run_wrk, wrk_binary


@pytest.fixture
def recording_server():
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (the name http.server calls)
            asked.append(self.path)
            body = b"ok"
            self.send_response(404 if self.path.startswith("/missing") else 200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # wrk drops its connections when the time is up

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], asked
    server.shutdown()
    server.server_close()


def test_parse_reads_the_scripts_summary_line():
    output = 'Running 1s test\n  Latency ...\nBENCH {"requests": 5, "p95_us": 1200}\n'
    assert parse(output) == {"requests": 5, "p95_us": 1200}
    with pytest.raises(RuntimeError):
        parse("Running 1s test\n")


@pytest.mark.slow
def test_unique_query_strings_and_errors(recording_server):
    binary = wrk_binary()
    if not binary:
        pytest.skip("wrk is not installed")
    port, asked = recording_server
    for _round in range(2):
        result = run_wrk(
            binary, "127.0.0.1", port, "/pagina/?x=1", duration=1, connections=2,
            unique_query=True,
        )  # fmt: skip
        assert result.errors == 0
        assert result.requests > 0
        assert result.p95_ms >= result.p50_ms > 0
    assert all(path.startswith("/pagina/?x=1&b=") for path in asked)
    assert len(set(asked)) == len(asked)

    missing = run_wrk(binary, "127.0.0.1", port, "/missing/", duration=1, connections=2)
    assert missing.requests == 0
    assert missing.errors > 0
    assert "4xx or 5xx" in missing.first_error
