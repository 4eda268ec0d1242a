# The application server Varnish asks: gunicorn on this machine. A server with other
# application servers puts a backend.vcl of its own earlier on varnishd's vcl_path.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}
