#!/usr/bin/env bash
# What the packaging tests (tests/packaging, marker `packaging`) need on a fresh Debian 12
# machine. Run as root from the repository; idempotent (installs only what is missing).
#   - binutils: objdump/readelf/strip/as/ld (PyInstaller's dependency analysis, stripping,
#     and relinking the trimmed ICU data in installer/icu_trim.py)
#   - icu-devtools: icupkg, to trim ICU's data (installer/icu_trim.py)
#   - libpythonX.Y: the shared libpython PyInstaller bundles (Debian's python3 is static)
#   - desktop-file-utils: desktop-file-validate for the .deb's menu entries
#   - every library the .deb Depends on (installer/linux/build_deb.py), so `dpkg -i` works
#   - the `package` extra (PyInstaller) in .venv, the virtualenv ./dev.sh uses
# It writes .venv/.packaging-required: from then on a missing tool FAILS the packaging
# tests instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
    echo "ci_packaging.sh: run me as root (apt-get and dpkg -i are needed)" >&2
    exit 1
fi
PY="${PYTHON:-python3}"
pyver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')

# First alternatives of installer/linux/build_deb.py's Depends, plus the build tools.
# A build host whose release has no libpythonX.Y package (the python:3.11-bullseye image the
# ARM64 .deb job uses) must bring a shared libpython with its Python.
libpython="libpython${pyver}"
if ! apt-cache show "$libpython" >/dev/null 2>&1 \
        && [ "$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED") or 0)')" = 1 ]; then
    libpython=""
fi
wanted="binutils icu-devtools $libpython desktop-file-utils dpkg
 libstdc++6 libgcc-s1 libatomic1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
 libx11-6 libx11-xcb1 libxext6 libxrandr2 libxcb1 libxcb-glx0 libxcb-randr0 libxcb-render0
 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0
 libxkbcommon-x11-0 libegl1 libgl1 libdrm2 libpulse0 libgssapi-krb5-2 fonts-noto-cjk
 zlib1g libbz2-1.0 liblzma5 libzstd1 libbrotli1 libuuid1"
missing=""
for pkg in $wanted; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "ci_packaging.sh: installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# The same virtualenv ./dev.sh creates and uses; dev.sh adds the test extra on top.
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
stamp=".venv/.installed-package-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[package]'
    touch "$stamp"
fi
touch .venv/.packaging-required
echo "ci_packaging.sh: ready ($(.venv/bin/python -m PyInstaller --version 2>/dev/null | sed "s/^/PyInstaller /"))"
