"""python -m eduteach_hub: the same as the eduteach-hub command."""

from eduteach_hub.entry import main

raise SystemExit(main())
