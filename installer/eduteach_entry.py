"""The script PyInstaller freezes: the same entry point as the `eduteach` console script.

Kept outside the package so the spec names one obvious file; everything else is in
eduteach_desktop.launcher (a command runs the CLI, no command opens the app).
"""

import multiprocessing
import sys

from eduteach_desktop.launcher import main

if __name__ == "__main__":
    # A frozen Windows program must call this before anything else if any library ever
    # starts a process with multiprocessing (a no-op everywhere else).
    multiprocessing.freeze_support()
    sys.exit(main())
