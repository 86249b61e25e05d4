# The application server Varnish fetches from (gunicorn, or nginx in front of it).
# Tests put a backend.vcl of their own first on `-p vcl_path=`, pointing at their live server.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}
