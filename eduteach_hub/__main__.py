"""python -m eduteach_hub: the same as the eduteach-hub command."""

from eduteach_hub.cli import main

raise SystemExit(main())
