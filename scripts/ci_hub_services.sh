#!/usr/bin/env bash
# Services the hub's tests need, on a fresh Debian 12 machine (run as root; idempotent):
#   - PostgreSQL on 127.0.0.1:5432 with role "eduteach" (password "eduteach") owning the
#     database "eduteach_test" (tests read EDUTEACH_TEST_PG_URL, and default to exactly that);
#   - Debian's chromium at /usr/bin/chromium for the Playwright browser test;
#   - ffmpeg and headless LibreOffice for the importer's tests.
# Exports nothing. Safe to run again: it installs, starts and creates only what is missing.
set -euo pipefail

PG_ROLE=eduteach
PG_PASSWORD=eduteach
PG_DB=eduteach_test

if [ "$(id -u)" != 0 ]; then
    echo "ci_hub_services.sh: run me as root (apt-get and the postgres user are needed)" >&2
    exit 1
fi

missing=""
command -v pg_ctlcluster >/dev/null 2>&1 || missing="$missing postgresql"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
# Noto CJK so the dashboard's Chinese renders in the browser test and screenshots.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
# eduteach-hub import: FFmpeg (probe, transcode, loudness) and headless LibreOffice (PPT/DOC → PDF).
for p in ffmpeg libreoffice-impress-nogui libreoffice-writer-nogui; do dpkg -s $p >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "ci_hub_services.sh: installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# The newest installed cluster (Debian 12: 15/main, created by the postgresql package).
read -r version cluster port status _ < <(pg_lsclusters -h | sort -k1,1n | tail -n1) || true
if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n1)
    pg_createcluster "$version" main --port 5432
    read -r version cluster port status _ < <(pg_lsclusters -h | sort -k1,1n | tail -n1) || true
fi
if [ "$port" != 5432 ]; then
    echo "ci_hub_services.sh: cluster $version/$cluster uses port $port, expected 5432" >&2
    exit 1
fi
if [ "$status" != online ]; then
    pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

psql_root() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_root -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
    psql_root -c "CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD' CREATEDB"
fi
if [ "$(psql_root -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    psql_root -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE ENCODING 'UTF8' TEMPLATE template0"
fi
echo "ci_hub_services.sh: PostgreSQL $version on 127.0.0.1:5432 (db $PG_DB), chromium at /usr/bin/chromium"
