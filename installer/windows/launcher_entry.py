"""The small stable launcher installed as <install folder>\\eduteach.exe on Windows: the
Start-menu and desktop shortcuts point here, and it starts the version that
<install folder>\\current names (slots\\X.Y.Z\\eduteach.exe). Frozen alone (onefile, no Qt:
eduteach_desktop/update/layout.py is standard library only) by installer/eduteach.spec.
It never changes with an update, so an update never needs to replace a running file."""

import ctypes
import sys
from pathlib import Path

from eduteach_desktop.update.layout import launch

if __name__ == "__main__":
    root = Path(sys.executable).resolve().parent
    code = launch(root, "eduteach.exe", sys.argv[1:])
    if code != 0:
        ctypes.windll.user32.MessageBoxW(  # type: ignore[attr-defined]
            None, f"EduTeach 程序文件不完整（{root}\\slots），请重新安装。\n"
                  f"EduTeach's program files are incomplete ({root}\\slots); please reinstall.",
            "EduTeach", 0x10)
    sys.exit(code)
