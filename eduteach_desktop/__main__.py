import sys

from eduteach_desktop.launcher import main

sys.exit(main())
