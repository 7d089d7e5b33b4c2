"""Publish resources/demo_lessons as the signed demo repository bundled with the app.

    python resources/build_demo_repo.py

The demo has its own trust root. Its signing keys are made fresh in a temporary folder and
thrown away: nobody, us included, can sign new content under the demo root, so a PC that
trusts it (no hub yet) can never be fed anything but these lessons.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eduteach_hub.publish.publisher import publish  # noqa: E402
from eduteach_hub.publish.tuf_repo import Expiry, RepositoryWriter, generate_keys  # noqa: E402

SOURCES = ROOT / "resources" / "demo_lessons"
TARGET = ROOT / "eduteach_desktop" / "resources" / "demo_repo"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys"
        staging = Path(tmp) / "demo_repo"
        generate_keys(keys)
        writer = RepositoryWriter(staging, keys, Expiry.long_lived(30))
        writer.bootstrap()
        result = publish(SOURCES, writer)
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(staging, TARGET)
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"demo repository: {result.lessons} lessons, catalog v{result.catalog_version}, {size / 1e6:.1f} MB -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
