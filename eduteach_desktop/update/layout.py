"""The A/B layout an installed EduTeach lives in, and the small launcher that starts it.

    <root>/eduteach            the launcher: a start script (Linux), eduteach.exe (Windows)
    <root>/current             one line: the folder under slots/ that starts
    <root>/slots/<name>/       one complete version each (a|b on Linux, X.Y.Z on Windows)

The launcher never changes; an update only adds a slot, and `current` moves to it only
after the new version proved healthy (boot.py). So the previous version is always there to
start again. The installers and the .deb build write this layout themselves
(installer/build.py, installer/linux/build_deb.py, installer/windows/eduteach.iss).

Standard library only: the Windows launcher is frozen from this module alone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SLOTS = "slots"
CURRENT = "current"
VERSION_FILE = "eduteach-version.txt"
AB = ("a", "b")
# A slot is named a|b, or after its version (Windows: the installer puts each version in
# its own folder). Nothing else: `current` must never lead outside slots/.
_SLOT_NAME = re.compile(r"a|b|\d{1,5}\.\d{1,5}\.\d{1,5}")
# The .deb's own copy of the program (read-only, the package tool's) and the per-user
# slots that updates go to: see user_slots_root().
DEB_ROOT = "/opt/eduteach"
DEB_SYSTEM_APP = DEB_ROOT + "/app"
USER_SLOTS_DIR = "eduteach-app"


def valid_slot_name(name: str) -> bool:
    return bool(_SLOT_NAME.fullmatch(name))


def read_current(root: Path) -> str | None:
    try:
        text = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if valid_slot_name(text) else None


def version_key(text: str) -> tuple[int, int, int] | None:
    parts = text.strip().split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def slot_version(folder: Path) -> tuple[int, int, int] | None:
    try:
        return version_key((folder / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def program_in(root: Path, program: str) -> Path | None:
    """What the launcher starts: slots/<current>/<program>; if that is gone (a folder
    deleted by hand), the newest other slot that has the program."""
    current = read_current(root)
    if current is not None and (root / SLOTS / current / program).is_file():
        return root / SLOTS / current / program
    found = []
    try:
        names = sorted(p.name for p in (root / SLOTS).iterdir())
    except OSError:
        names = []
    for name in names:
        if valid_slot_name(name) and (root / SLOTS / name / program).is_file():
            found.append((slot_version(root / SLOTS / name) or (0, 0, 0), name))
    return root / SLOTS / max(found)[1] / program if found else None


def program_folder(exe_dir: Path) -> Path:
    """The folder a technician sees as "the program": the layout's root for a program
    in a slot (portable marker and data-dir.txt live there, shared by every slot)."""
    if exe_dir.parent.name == SLOTS and valid_slot_name(exe_dir.name):
        return exe_dir.parent.parent
    return exe_dir


def user_slots_root(env: dict[str, str] | None = None) -> Path:
    """Where a .deb install keeps the versions its updates bring, per user: the teacher's
    account cannot write /opt, and running as root to update is what we avoid."""
    env = dict(os.environ) if env is None else env
    base = env.get("XDG_DATA_HOME") or ""
    if not os.path.isabs(base):
        base = os.path.join(env.get("HOME") or str(Path.home()), ".local", "share")
    return Path(base) / USER_SLOTS_DIR


# The two start scripts. POSIX sh only: UOS and Kylin have dash as /bin/sh.
PORTABLE_START_SCRIPT = """\
#!/bin/sh
# EduTeach's start script (eduteach_desktop/update/layout.py): it runs the version named
# in ./current, from ./slots/. Updates add a slot; this script never changes.
here=$(dirname "$(readlink -f "$0")")
slot=$(head -n 1 "$here/current" 2>/dev/null)
case "$slot" in a|b) ;; *) slot=a ;; esac
for s in "$slot" a b; do
    if [ -x "$here/slots/$s/eduteach" ]; then
        exec "$here/slots/$s/eduteach" "$@"
    fi
done
echo "EduTeach: no program in $here/slots; copy the EduTeach folder again" >&2
exit 127
"""

DEB_START_SCRIPT = f"""\
#!/bin/sh
# EduTeach's start script (eduteach_desktop/update/layout.py), /usr/bin/eduteach.
# The package's own version is in {DEB_SYSTEM_APP}. Updates from the county go to this
# user's slots ($XDG_DATA_HOME/{USER_SLOTS_DIR}/slots/a|b, no root needed); the one named in
# its `current` runs unless the package is newer (a technician installed a newer .deb).
system={DEB_SYSTEM_APP}
user="${{XDG_DATA_HOME:-$HOME/.local/share}}"
case "$user" in /*) ;; *) user="$HOME/.local/share" ;; esac
user="$user/{USER_SLOTS_DIR}"
slot=$(head -n 1 "$user/current" 2>/dev/null)
case "$slot" in a|b) ;; *) slot= ;; esac
if [ -n "$slot" ] && [ -x "$user/slots/$slot/eduteach" ]; then
    mine=$(head -n 1 "$user/slots/$slot/{VERSION_FILE}" 2>/dev/null)
    theirs=$(head -n 1 "$system/{VERSION_FILE}" 2>/dev/null)
    newest=$(printf '%s\\n%s\\n' "$theirs" "$mine" | sort -V | tail -n 1)
    if [ -n "$mine" ] && [ "$newest" = "$mine" ]; then
        exec "$user/slots/$slot/eduteach" "$@"
    fi
fi
exec "$system/eduteach" "$@"
"""


def launch(root: Path, program: str, argv: list[str], spawn: object = None) -> int:
    """The Windows launcher (installer/windows/launcher_entry.py): start the program of the
    slot `current` names and return at once, so the launcher itself never holds a file an
    update needs. 0 when started; 127 when no slot has the program."""
    import subprocess

    target = program_in(root, program)
    if target is None:
        return 127
    start = spawn if callable(spawn) else subprocess.Popen
    start([str(target), *argv], close_fds=True)
    return 0
