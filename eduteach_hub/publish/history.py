"""Record a publish in the hub database (the content page's history and flagged lessons)."""

from __future__ import annotations

from eduteach_hub.db import Database
from eduteach_hub.db import publishes as publishes_db
from eduteach_protocol.catalog import Catalog

from .checks import catalog_problems
from .publisher import PublishResult
from .tuf_repo import RepositoryWriter


def record_publish(db: Database, writer: RepositoryWriter, result: PublishResult) -> None:
    data = writer.current_catalog_bytes()
    if data is None:
        return
    # The hub's own signed catalog: read leniently, so one published before today's limits
    # is still recorded (a PC's strict parser is for bytes from elsewhere).
    catalog = Catalog.from_stored(data)
    row = publishes_db.Publish(
        catalog_version=catalog.version,
        published_at=catalog.published,
        lessons=len(catalog.lessons),
        added=len(result.added),
        updated=len(result.updated),
        removed=len(result.removed),
        bytes=sum(ls.size for ls in catalog.lessons),
        seconds=sum(ls.duration for ls in catalog.lessons),
        problems=[p.to_dict() for p in catalog_problems(catalog)],
    )
    with db.write() as conn:
        publishes_db.record(conn, row)
