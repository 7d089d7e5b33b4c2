"""`eduteach-hub publish`: sign a folder of lesson sources into the content repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from eduteach_hub.db import DatabaseError
from eduteach_protocol.text_rules import escape_for_terminal

from .common import CliError, action, hub_home, open_database


def cmd_publish(args: argparse.Namespace) -> int:
    from eduteach_hub.publish.chunking import hash_file
    from eduteach_hub.publish.hash_cache import CACHE_NAME, HashCache
    from eduteach_hub.publish.publisher import PublishError, publish
    from eduteach_hub.publish.sources import DEFAULT_LIMITS, MiB, SourceError, SourceLimits

    home = hub_home(args)
    source = Path(args.source)
    limits = DEFAULT_LIMITS
    max_video_mib = getattr(args, "max_video_mib", None)  # absent when another command publishes
    if max_video_mib is not None:
        if max_video_mib < 1:
            raise CliError("--max-video-mib must be at least 1")
        limits = SourceLimits(media=dict(DEFAULT_LIMITS.media, video=max_video_mib * MiB))
    try:
        with home.repo_lock():
            cache = HashCache(home.path / CACHE_NAME, hash_file)
            result = publish(source, home.writer(), replace_all=not args.keep_missing, cache=cache,
                             limits=limits)
    except PublishError as exc:
        for err in exc.errors:
            print(escape_for_terminal(str(err)), file=sys.stderr)
        n = len(exc.errors)
        print(
            f"{n} error{'s' if n != 1 else ''}; nothing published, the repository is unchanged",
            file=sys.stderr,
        )
        return 1
    except SourceError as exc:
        raise CliError(f"{exc}; nothing published") from None
    if cache.stats.discarded:
        print(f"the publish cache was {cache.stats.discarded}; every file was hashed again", file=sys.stderr)
    print(
        f"hashed {cache.stats.files_hashed} files ({cache.stats.bytes_hashed / 1e6:.1f} MB); "
        f"{cache.stats.hits} unchanged files taken from the cache",
        file=sys.stderr,
    )
    if result.changed:
        from eduteach_hub.publish.history import record_publish

        try:
            with open_database(home) as db:
                record_publish(db, home.writer(), result)
        except (DatabaseError, SQLAlchemyError, OSError) as exc:
            # The repository is published and signed; only the dashboard's history lacks it.
            print(f"warning: published, but the publish history was not recorded ({exc.__class__.__name__}); "
                  "the dashboard's 课程资源 page will not list this publish", file=sys.stderr)
        _warn_old_pcs(home)
        print(
            f"catalog v{result.catalog_version}: {result.lessons} lessons "
            f"({len(result.added)} added, {len(result.updated)} updated, {len(result.removed)} removed), "
            f"{result.blobs_written} blobs written"
        )
    else:
        print(f"unchanged: catalog v{result.catalog_version} ({result.lessons} lessons)")
    return 0


def _warn_old_pcs(home: Any) -> None:
    """Say how many enrolled PCs will refuse this catalog until they update (publish/compat.py)."""
    from eduteach_hub.publish.compat import old_pcs, uses_classroom_files
    from eduteach_protocol.catalog import CLASSROOM_FILES_SINCE, Catalog

    data = home.writer().current_catalog_bytes()
    if data is None or not uses_classroom_files(Catalog.from_stored(data)):
        return
    try:
        with open_database(home) as db, db.read() as conn:
            old = old_pcs(conn)
    except (DatabaseError, SQLAlchemyError, OSError) as exc:
        print(f"warning: could not count the PCs older than {CLASSROOM_FILES_SINCE} ({exc.__class__.__name__}); "
              "PCs before it refuse a catalog with teacher's notes until they update", file=sys.stderr)
        return
    if old.count:
        print(f"warning: {old.count} enrolled PC{'s' if old.count != 1 else ''} run an app older than "
              f"{CLASSROOM_FILES_SINCE} ({', '.join(old.versions[:5])}) and will keep their current lessons, "
              "refusing this catalog (it has teacher's notes), until they update: publish the app update "
              "to them (docs/updates.md)", file=sys.stderr)


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(sub, "publish", with_home, cmd_publish, "publish a folder of lesson sources")
    p.add_argument("source", metavar="SOURCE_DIR")
    p.add_argument(
        "--keep-missing",
        action="store_true",
        help="keep published lessons that are not in SOURCE_DIR (default: withdraw them)",
    )
    p.add_argument(
        "--max-video-mib", type=int, default=None, metavar="MIB",
        help="largest video file accepted, in MiB (default 1024; see docs/hub.md)",
    )
