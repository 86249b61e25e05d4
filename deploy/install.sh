#!/usr/bin/env bash
# Install or upgrade the portal on a Debian 12 server: the runbook's shell steps
# (docs/deployment.md). Idempotent: run it again after every `git pull`; it keeps the
# machine's own files (the environment file, nginx's site.conf, upstream.conf and
# certificate.conf, Varnish's backend.vcl and purgers.vcl) and replaces the shipped ones.
#
#   sudo SITE_DOMAIN=sote.example.fi deploy/install.sh
#
# Settings (environment variables, defaults in brackets):
#   SITE_DOMAIN      public host name, required on the first run       [-]
#   APP_DIR          the checkout                                       [this script's ../]
#   APP_USER         the user the services run as                       [pirsote]
#   ENV_FILE         the environment file                               [/etc/pirsote/pirsote.env]
#   DB_NAME DB_USER  PostgreSQL database and role (made if missing)     [pirsote pirsote]
#   DB_HOST DB_PORT  PostgreSQL server                                  [127.0.0.1 5432]
#   PG_ADMIN         a psql that may create roles and databases         [runuser -u postgres -- psql]
#   REDIS_URL        the shared cache                                   [redis://127.0.0.1:6379/1]
#   CACHE_KEY_PREFIX key prefix in Redis                                [pirsote]
#   MEDIA_ROOT STATIC_ROOT                                              [APP_DIR/media APP_DIR/staticfiles]
#   USE_VARNISH      1: nginx -> Varnish -> gunicorn; 0: nginx -> gunicorn  [1]
#   NGINX_DIR VARNISH_DIR SYSTEMD_DIR CERT_DIR ACME_DIR                 [/etc/nginx /etc/varnish
#                    /etc/systemd/system /etc/ssl/pirsote /var/www/pirsote-acme]
#   DJANGO_SUPERUSER_USERNAME, _PASSWORD, _EMAIL: create this admin user if missing.
# These values are used when ENV_FILE is written on the first run; later runs read ENV_FILE.
#
# Options:
#   --no-packages  do not apt-get install the system packages
#   --no-systemd   write the units into SYSTEMD_DIR, but do not call systemctl
#   --no-root      as an ordinary user, or in a test: no packages, no system user, no
#                  chown, no systemctl, no nginx reload (implies the two above); the
#                  services run as the current user
set -euo pipefail

packages=1 systemd=1 root=1
for arg in "$@"; do
    case $arg in
        --no-packages) packages=0 ;;
        --no-systemd) systemd=0 ;;
        --no-root) root=0 packages=0 systemd=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown option: $arg (see --help)" >&2; exit 2 ;;
    esac
done

APP_DIR=$(cd "${APP_DIR:-$(dirname "$0")/..}" && pwd)
if [ $root = 1 ]; then APP_USER=${APP_USER:-pirsote}; else APP_USER=$(id -un); fi
ENV_FILE=${ENV_FILE:-/etc/pirsote/pirsote.env}
SITE_DOMAIN=${SITE_DOMAIN:-}
DB_NAME=${DB_NAME:-pirsote}
DB_USER=${DB_USER:-pirsote}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
PG_ADMIN=${PG_ADMIN:-runuser -u postgres -- psql}
NEW_REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
NEW_CACHE_KEY_PREFIX=${CACHE_KEY_PREFIX:-}
NEW_MEDIA_ROOT=${MEDIA_ROOT:-$APP_DIR/media}
NEW_STATIC_ROOT=${STATIC_ROOT:-$APP_DIR/staticfiles}
USE_VARNISH=${USE_VARNISH:-1}
NGINX_DIR=${NGINX_DIR:-/etc/nginx}
VARNISH_DIR=${VARNISH_DIR:-/etc/varnish}
SYSTEMD_DIR=${SYSTEMD_DIR:-/etc/systemd/system}
CERT_DIR=${CERT_DIR:-/etc/ssl/pirsote}
ACME_DIR=${ACME_DIR:-/var/www/pirsote-acme}
# The environment file must not set these for this script: it is sourced below.
unset REDIS_URL CACHE_KEY_PREFIX MEDIA_ROOT STATIC_ROOT

step() { printf "\n== %s (%ss)\n" "$*" "$SECONDS"; }
die() { echo "install.sh: $*" >&2; exit 1; }
[[ $DB_NAME =~ ^[a-z_][a-z0-9_]*$ && $DB_USER =~ ^[a-z_][a-z0-9_]*$ ]] \
    || die "DB_NAME and DB_USER: lower-case letters, digits and _ only."
[ $root = 0 ] || [ "$(id -u)" = 0 ] || die "run as root (or with --no-root)."
read -ra pg_admin <<<"$PG_ADMIN"

if [ $packages = 1 ]; then
    step "system packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        python3 python3-venv make git curl openssl ca-certificates \
        postgresql redis-server nginx-light varnish libvoikko1 voikko-fi >/dev/null
fi

if [ $root = 1 ]; then
    step "system user $APP_USER"
    id -u "$APP_USER" >/dev/null 2>&1 \
        || useradd --system --user-group --home-dir "$APP_DIR" --no-create-home \
            --shell /usr/sbin/nologin "$APP_USER"
    # nginx reads static files and public uploads through the group.
    id -u www-data >/dev/null 2>&1 && usermod -a -G "$APP_USER" www-data
fi

step "Python packages: exactly uv.lock (make install)"
make --no-print-directory -C "$APP_DIR" install

step "environment file $ENV_FILE"
if [ ! -f "$ENV_FILE" ]; then
    [ -n "$SITE_DOMAIN" ] || die "set SITE_DOMAIN (the public host name) for the first run."
    mkdir -p "$(dirname "$ENV_FILE")"
    secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
    db_password=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    proxies=1 purge="#FRONTEND_CACHE_URLS=" tmp_env="$ENV_FILE.new"
    if [ "$USE_VARNISH" = 1 ]; then proxies=2 purge="FRONTEND_CACHE_URLS=http://127.0.0.1:6081"; fi
    sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
        -e "s|^SITE_BASE_URL=.*|SITE_BASE_URL=https://$SITE_DOMAIN|" \
        -e "s|^ALLOWED_HOSTS=.*|ALLOWED_HOSTS=$SITE_DOMAIN|" \
        -e "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=https://$SITE_DOMAIN|" \
        -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://$DB_USER:$db_password@$DB_HOST:$DB_PORT/$DB_NAME?connect_timeout=5|" \
        -e "s|^REDIS_URL=.*|REDIS_URL=$NEW_REDIS_URL|" \
        -e "s|^STATIC_ROOT=.*|STATIC_ROOT=$NEW_STATIC_ROOT|" \
        -e "s|^MEDIA_ROOT=.*|MEDIA_ROOT=$NEW_MEDIA_ROOT|" \
        -e "s|^TRUSTED_PROXY_COUNT=.*|TRUSTED_PROXY_COUNT=$proxies|" \
        -e "s|^FRONTEND_CACHE_URLS=.*|$purge|" \
        "$APP_DIR/deploy/pirsote.env.example" >"$tmp_env"
    [ -z "$NEW_CACHE_KEY_PREFIX" ] || sed -i "s|^#CACHE_KEY_PREFIX=.*|CACHE_KEY_PREFIX=$NEW_CACHE_KEY_PREFIX|" "$tmp_env"
    chmod 0640 "$tmp_env"
    [ $root = 0 ] || chown "root:$APP_USER" "$tmp_env"
    mv "$tmp_env" "$ENV_FILE"
    echo "written; review it (mail server, SECURITY_CONTACT) and run this script again if you change it"
else
    echo "kept (delete it to have it written again)"
fi
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a
SITE_DOMAIN=${SITE_BASE_URL#https://}

step "PostgreSQL: role and database from DATABASE_URL"
read -r db_user db_password db_name < <(python3 -c '
import os, urllib.parse as u
url = u.urlsplit(os.environ["DATABASE_URL"])
print(u.unquote(url.username or ""), u.unquote(url.password or "-"), url.path.lstrip("/"))')
[[ $db_name =~ ^[a-z_][a-z0-9_]*$ && $db_user =~ ^[a-z_][a-z0-9_]*$ ]] \
    || die "DATABASE_URL: database and user must be lower-case letters, digits and _."
psql_admin() { "${pg_admin[@]}" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$db_user'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $db_user LOGIN PASSWORD '${db_password//\'/\'\'}'"
    echo "role $db_user created"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $db_name OWNER $db_user ENCODING 'UTF8' TEMPLATE template0"
    echo "database $db_name created"
fi

step "Redis answers at REDIS_URL"
python3 - <<'EOF'
import os, socket, urllib.parse as u
url = u.urlsplit(os.environ["REDIS_URL"])
with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=5) as s:
    if url.password:
        s.sendall(f"AUTH {u.unquote(url.password)}\r\n".encode())
        s.recv(64)
    s.sendall(b"PING\r\n")
    assert s.recv(64).startswith(b"+PONG"), "Redis did not answer PING"
EOF

step "folders for uploads and static files"
mkdir -p "$MEDIA_ROOT" "$STATIC_ROOT"
if [ $root = 1 ]; then
    chown "$APP_USER:$APP_USER" "$MEDIA_ROOT" "$STATIC_ROOT"
    chmod 0750 "$MEDIA_ROOT" "$STATIC_ROOT"
fi

as_app() {
    if [ $root = 1 ]; then runuser -u "$APP_USER" -- "$@"; else "$@"; fi
}
step "database, static files, roles, site address (manage.py)"
# The runbook's management commands, in one process: each alone spends seconds starting up.
# The same as: manage.py migrate --noinput; collectstatic --noinput; setup_roles;
# sync_site_url; refresh_media_privacy; createsuperuser --noinput (DJANGO_SUPERUSER_*, when
# set and missing); check --deploy.
(cd "$APP_DIR" && as_app .venv/bin/python - <<'EOF'
import os

import django
from django.core.management import call_command

django.setup()
from django.contrib.auth import get_user_model  # noqa: E402

for name, options in [
    ("migrate", {"interactive": False}),
    ("collectstatic", {"interactive": False, "verbosity": 0}),
    ("setup_roles", {}),
    ("sync_site_url", {}),
    ("refresh_media_privacy", {}),
]:
    print(f"-- manage.py {name}", flush=True)
    call_command(name, **options)
username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
if username and os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
    if not get_user_model().objects.filter(username=username).exists():
        print(f"-- manage.py createsuperuser {username}", flush=True)
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL") or "admin@example.fi"
        call_command("createsuperuser", interactive=False, email=email)
print("-- manage.py check --deploy", flush=True)
call_command("check", deploy=True)
EOF
)

step "nginx site in $NGINX_DIR/pirsote"
mkdir -p "$NGINX_DIR/pirsote/snippets" "$NGINX_DIR/sites-enabled" "$CERT_DIR" "$ACME_DIR"
cp "$APP_DIR/deploy/nginx/pirsote.conf" "$NGINX_DIR/pirsote/"
cp "$APP_DIR/deploy/nginx/snippets/"*.conf "$NGINX_DIR/pirsote/snippets/"
log_dir=/var/log/nginx
if [ $root = 0 ]; then log_dir=$NGINX_DIR/logs; fi
mkdir -p "$log_dir"
if [ ! -f "$NGINX_DIR/pirsote/site.conf" ]; then
    sed -e "s|^server_name .*|server_name $SITE_DOMAIN;|" \
        -e "s|/srv/pirsote/staticfiles|${STATIC_ROOT%/}|" \
        -e "s|/srv/pirsote/media|${MEDIA_ROOT%/}|" \
        -e "s|/var/log/nginx|$log_dir|" \
        "$APP_DIR/deploy/nginx/site.conf" >"$NGINX_DIR/pirsote/site.conf"
fi
if [ ! -f "$NGINX_DIR/pirsote/upstream.conf" ]; then
    if [ "$USE_VARNISH" = 1 ]; then
        cp "$APP_DIR/deploy/nginx/upstream.conf" "$NGINX_DIR/pirsote/"
    else
        sed "s|server 127.0.0.1:6081;|server ${GUNICORN_BIND:-127.0.0.1:8000};|" \
            "$APP_DIR/deploy/nginx/upstream.conf" >"$NGINX_DIR/pirsote/upstream.conf"
    fi
fi
if [ ! -f "$NGINX_DIR/pirsote/certificate.conf" ]; then
    sed "s|/etc/ssl/pirsote|$CERT_DIR|" "$APP_DIR/deploy/nginx/certificate.conf" \
        >"$NGINX_DIR/pirsote/certificate.conf"
fi
if [ ! -f "$CERT_DIR/fullchain.pem" ]; then
    # A placeholder so that nginx starts: replace it (docs/deployment.md, "TLS").
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$SITE_DOMAIN" \
        -keyout "$CERT_DIR/privkey.pem" -out "$CERT_DIR/fullchain.pem" 2>/dev/null
    chmod 0600 "$CERT_DIR/privkey.pem"
    echo "self-signed placeholder certificate made in $CERT_DIR"
fi
ln -sfn "$NGINX_DIR/pirsote/pirsote.conf" "$NGINX_DIR/sites-enabled/pirsote.conf"
# Debian's welcome page would answer on port 80 for every other name.
[ ! -L "$NGINX_DIR/sites-enabled/default" ] || rm "$NGINX_DIR/sites-enabled/default"

step "Varnish VCL in $VARNISH_DIR/pirsote"
mkdir -p "$VARNISH_DIR/pirsote"
cp "$APP_DIR/deploy/varnish/default.vcl" "$VARNISH_DIR/pirsote/"
for vcl in backend.vcl purgers.vcl; do
    [ -f "$VARNISH_DIR/pirsote/$vcl" ] || cp "$APP_DIR/deploy/varnish/$vcl" "$VARNISH_DIR/pirsote/"
done
if command -v varnishd >/dev/null; then
    vcl_work=$(mktemp -d)
    # -C prints the compiled C on success, the error on failure.
    varnishd -C -j none -n "$vcl_work" -p vcl_path="$VARNISH_DIR/pirsote:/usr/share/varnish/vcl" \
        -f "$VARNISH_DIR/pirsote/default.vcl" >"$vcl_work/out" 2>&1 \
        || { cat "$vcl_work/out" >&2; die "the VCL does not compile"; }
    rm -rf "$vcl_work"
fi

step "systemd units in $SYSTEMD_DIR"
mkdir -p "$SYSTEMD_DIR/varnish.service.d"
for unit in pirsote-web.service pirsote-mail.service pirsote-publish-scheduled.service \
    pirsote-publish-scheduled.timer; do
    sed -e "s|^ReadWritePaths=/srv/pirsote/media|ReadWritePaths=$MEDIA_ROOT|" \
        -e "s|/srv/pirsote|$APP_DIR|g" \
        -e "s|^EnvironmentFile=.*|EnvironmentFile=$ENV_FILE|" \
        -e "s|^User=.*|User=$APP_USER|" -e "s|^Group=.*|Group=$(id -gn "$APP_USER")|" \
        "$APP_DIR/deploy/systemd/$unit" >"$SYSTEMD_DIR/$unit"
done
sed "s|/etc/varnish/pirsote|$VARNISH_DIR/pirsote|g" \
    "$APP_DIR/deploy/systemd/varnish.service.d/pirsote.conf" \
    >"$SYSTEMD_DIR/varnish.service.d/pirsote.conf"

if [ $systemd = 1 ]; then
    step "services"
    systemctl daemon-reload
    systemctl enable --now postgresql redis-server
    systemctl enable pirsote-web.service pirsote-mail.service pirsote-publish-scheduled.timer
    # New code: gunicorn replaces its workers gracefully; the mail worker finishes its mail.
    systemctl reload-or-restart pirsote-web.service
    systemctl restart pirsote-mail.service
    systemctl start pirsote-publish-scheduled.timer
    if [ "$USE_VARNISH" = 1 ]; then
        systemctl enable varnish.service
        systemctl restart varnish.service
    fi
    nginx -t
    systemctl enable nginx.service
    systemctl reload-or-restart nginx.service
fi

step "done"
echo "Site: https://$SITE_DOMAIN/ (a self-signed certificate until you install the real one:"
echo "docs/deployment.md, \"TLS\")."
