#!/usr/bin/env bash
# The UI tests (tests/ui) once more on the OLDEST PySide6 we support, in a second venv
# (.venv-ui-floor/), while the main suite runs on the newest (issue 13, item 8).
# The floor is the lower bound of PySide6-Essentials in pyproject.toml: the newest release
# whose wheels install on every domestic Linux PC we target that has wheels at all (Kylin
# V10 on ARM64: glibc 2.31, manylinux_2_31_aarch64 → 6.8.0.2; installer/README.md).
# Needs what ./dev.sh needs (Qt's system libraries), which the main run installs first.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
VENV=.venv-ui-floor

floor=$("$PY" - <<'PYEOF'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["desktop"]
pin = next(d for d in deps if d.lower().startswith("pyside6-essentials"))
print(re.search(r">=\s*([0-9.]+)", pin).group(1))
PYEOF
)
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
stamp="$VENV/.installed-$floor-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    # Everything as in the main venv, except Qt held at the floor.
    printf 'PySide6-Essentials==%s\nPySide6-Addons==%s\nshiboken6==%s\n' "$floor" "$floor" "$floor" \
        > "$VENV/floor-constraints.txt"
    "$VENV/bin/python" -m pip install -q -e '.[test]' -c "$VENV/floor-constraints.txt"
    touch "$stamp"
fi
installed=$("$VENV/bin/python" -c 'import PySide6; print(PySide6.__version__)')
if [ "$installed" != "$floor" ]; then
    echo "ci_ui_floor.sh: PySide6 $installed installed, expected the floor $floor" >&2
    exit 1
fi
echo "ci_ui_floor.sh: tests/ui on PySide6 $installed (the floor)"
export QT_QPA_PLATFORM=offscreen
# All of tests/ui, the player's included: its freezes on 6.8.0 (issue #15) were Qt's media
# thread waiting for the GIL (eduteach_desktop/ui/player/audio_output.py), and
# tests/ui/test_player_stress.py turns a freeze into a failure instead of a hang.
exec "$VENV/bin/python" -m pytest tests/ui -q -p no:cacheprovider "$@"
