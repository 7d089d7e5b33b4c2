"""App self-update through the signed repository (docs/updates.md, "On the PC").

Qt-free: the sync engine, the `eduteach update` command and the app all use it.
"""
