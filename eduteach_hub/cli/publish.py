"""`eduteach-hub publish`: sign a folder of lesson sources into the content repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from eduteach_hub.db import DatabaseError
from eduteach_protocol.cli_i18n import _, ngettext, render
from eduteach_protocol.sizes import format_size
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
            raise CliError(_("--max-video-mib must be at least 1"))
        limits = SourceLimits(media=dict(DEFAULT_LIMITS.media, video=max_video_mib * MiB))
    try:
        with home.repo_lock():
            cache = HashCache(home.path / CACHE_NAME, hash_file)
            result = publish(source, home.writer(), replace_all=not args.keep_missing, cache=cache,
                             limits=limits)
    except PublishError as exc:
        for err in exc.errors:
            print(escape_for_terminal(render(err)), file=sys.stderr)
        n = len(exc.errors)
        print(ngettext("{n} error; nothing published, the repository is unchanged",
                       "{n} errors; nothing published, the repository is unchanged", n).format(n=n), file=sys.stderr)
        return 1
    except SourceError as exc:
        raise CliError(_("{problem}; nothing published").format(problem=render(exc))) from None
    if cache.stats.discarded:
        print(_("the publish cache was {state}; every file was hashed again").format(state=cache.stats.discarded),
              file=sys.stderr)
    print(_("hashed {files} files ({size}); {hits} unchanged files taken from the cache").format(
        files=cache.stats.files_hashed, size=format_size(cache.stats.bytes_hashed), hits=cache.stats.hits),
        file=sys.stderr)
    if result.changed:
        from eduteach_hub.publish.history import record_publish

        try:
            with open_database(home) as db:
                record_publish(db, home.writer(), result)
        except (DatabaseError, SQLAlchemyError, OSError) as exc:
            # The repository is published and signed; only the dashboard's history lacks it.
            print(_("warning: published, but the publish history was not recorded ({error}); the dashboard's "
                    "课程资源 page will not list this publish").format(error=exc.__class__.__name__), file=sys.stderr)
        _warn_old_pcs(home)
        print(_("catalog v{version}: {lessons} lessons ({added} added, {updated} updated, {removed} removed), "
                "{blobs} blobs written").format(
            version=result.catalog_version, lessons=result.lessons, added=len(result.added),
            updated=len(result.updated), removed=len(result.removed), blobs=result.blobs_written))
    else:
        print(_("unchanged: catalog v{version} ({lessons} lessons)").format(
            version=result.catalog_version, lessons=result.lessons))
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
        print(_("warning: could not count the PCs older than {version} ({error}); PCs before it refuse a "
                "catalog with teacher's notes until they update").format(
            version=CLASSROOM_FILES_SINCE, error=exc.__class__.__name__), file=sys.stderr)
        return
    if old.count:
        print(ngettext(
            "warning: {n} enrolled PC runs an app older than {version} ({versions}) and will keep its current "
            "lessons, refusing this catalog (it has teacher's notes), until it updates: publish the app update "
            "to it (docs/updates.md)",
            "warning: {n} enrolled PCs run an app older than {version} ({versions}) and will keep their current "
            "lessons, refusing this catalog (it has teacher's notes), until they update: publish the app update "
            "to them (docs/updates.md)", old.count).format(
            n=old.count, version=CLASSROOM_FILES_SINCE, versions=", ".join(old.versions[:5])), file=sys.stderr)


def register(sub: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(sub, "publish", with_home, cmd_publish, _("publish a folder of lesson sources"))
    p.add_argument("source", metavar="SOURCE_DIR")
    p.add_argument(
        "--keep-missing",
        action="store_true",
        help=_("keep published lessons that are not in SOURCE_DIR (default: withdraw them)"),
    )
    p.add_argument(
        "--max-video-mib", type=int, default=None, metavar="MIB",
        help=_("largest video file accepted, in MiB (default 1024; see docs/hub.md)"),
    )
