#!/usr/bin/env bash
# The unit tests under a Chinese legacy locale (issue 13, item 6): zh_CN.GB18030 with
# Python's UTF-8 mode off, so every open(), read_text(), text-mode subprocess ... that
# forgets its encoding= gets GB18030 instead of UTF-8 and fails (mojibake, UnicodeError).
# That is what a Chinese Windows (code page 936) or an old UOS/Kylin setup does to such
# code. tests/unit/test_static_encodings.py finds most misses statically; this finds the
# rest by running them. Generates the locale if it is missing (root; Debian: `locales`).
# Runtime: tests/unit only (about 2 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCALE=zh_CN.GB18030
if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.gb18030'; then
    if [ "$(id -u)" != 0 ]; then
        echo "ci_gb18030.sh: the $LOCALE locale is missing; run me as root to generate it" >&2
        exit 1
    fi
    if ! command -v localedef >/dev/null 2>&1 || [ ! -e /usr/share/i18n/charmaps/GB18030.gz ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends locales
    fi
    localedef -i zh_CN -f GB18030 "$LOCALE"
fi

export LANG=$LOCALE LC_ALL=$LOCALE PYTHONUTF8=0
unset PYTHONIOENCODING
# dev.sh makes the venv if needed; prove the locale took before trusting a green run.
./dev.sh test --version >/dev/null
.venv/bin/python -c '
import locale, sys
enc = locale.getpreferredencoding(False).lower()
assert enc == "gb18030" and not sys.flags.utf8_mode, (enc, sys.flags.utf8_mode)
print(f"ci_gb18030.sh: Python default text encoding {enc}, UTF-8 mode off")'
exec ./dev.sh test tests/unit -q -p no:cacheprovider "$@"
