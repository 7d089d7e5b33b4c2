"""The UP path: send outbox records to the hub in batches; mark them sent only on ack.

docs/sync.md ("UP") describes the algorithm; every branch here has a test against the
real hub in tests/integration/test_upload_*.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import HubRefusedError, NotEnrolledError, UploadError
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.settings import Settings
from eduteach_desktop.sync.hubclient import HubClient, PostResult
from eduteach_desktop.sync.transient import is_transient_status
from eduteach_protocol import batch as batch_codec
from eduteach_protocol.cli_i18n import L_, N_, Text

from .outbox import Outbox, OutboxItem

log = logging.getLogger(__name__)

BATCH_SIZE = 500
KEEP_ACKED_DAYS = 90
_SERVER_FIELDS = ("stored", "authority", "version")


@dataclass
class UploadReport:
    sent: int = 0
    batches: int = 0
    quarantined: int = 0
    conflicts: int = 0
    resent_after_restore: int = 0
    pruned: int = 0
    remaining: int = 0
    problems: list[str] = field(default_factory=list)


def same_content(ours: dict[str, Any], theirs: Any) -> bool:
    """A statement as the hub holds it equals ours but for what the LRS adds itself."""
    if not isinstance(theirs, dict):
        return False

    def canon(st: dict[str, Any]) -> str:
        return json.dumps({k: v for k, v in st.items() if k not in _SERVER_FIELDS}, sort_keys=True, ensure_ascii=False)

    return canon(ours) == canon(theirs)


class Uploader:
    def __init__(self, transport: HubClient, outbox: Outbox, settings: Settings, clock: Clock,
                 batch_size: int = BATCH_SIZE, inventory: Callable[[], dict[str, Any]] | None = None,
                 on_hub_config: Callable[[dict[str, Any]], None] | None = None):
        self.inventory = inventory
        self.on_hub_config = on_hub_config
        self.transport = transport
        self.outbox = outbox
        self.settings = settings
        self.clock = clock
        self.batch_size = batch_size
        self._auth: tuple[str, str] = ("", "")

    # --- one request ---------------------------------------------------------------------
    def _post(self, items: Sequence[OutboxItem]) -> PostResult:
        statements = [item.statement for item in items]
        fmt = self.settings.get(keys.HUB_BATCH_FORMAT, "compact")
        if fmt == "compact":
            try:
                body = batch_codec.encode(statements)
            except batch_codec.BatchError:
                fmt = "plain"
            else:
                result = self.transport.post_statements(*self._auth, body, batch_codec.MEDIA_TYPE, gzipped=False)
                if result.status != 415:
                    return self._learn(result)
                # Not our hub (or an older one): plain xAPI from now on.
                self.settings.set(keys.HUB_BATCH_FORMAT, "plain")
        result = self.transport.post_statements(*self._auth, batch_codec.encode_plain(statements), gzipped=True)
        if result.status == 415:  # an LRS that does not take gzip bodies
            result = self.transport.post_statements(
                *self._auth, batch_codec.encode_plain(statements, compress=False), gzipped=False)
        return self._learn(result)

    def _learn(self, result: PostResult) -> PostResult:
        """Learn the hub's clock from its Date header; flag skew on records waiting."""
        if result.hub_date is not None:
            offset = (result.hub_date - self.clock.now()).total_seconds()
            self.settings.set(keys.HUB_CLOCK_OFFSET, round(offset, 1))
            if abs(offset) > 300:
                self.outbox.flag_skewed_pending()
        return result

    # --- the algorithm ---------------------------------------------------------------------
    def run(self) -> UploadReport:
        if not self.settings.enrolled():
            raise NotEnrolledError(L_("this PC is not enrolled with a county hub yet"))
        self._auth = (self.settings.get(keys.DEVICE_ID), self.settings.get(keys.DEVICE_SECRET))
        report = UploadReport()
        try:
            report.resent_after_restore = self._detect_restored_hub()
            while True:
                items = self.outbox.pending(self.batch_size)
                if not items:
                    break
                self._send(items, report)
        except Exception as exc:
            self._note_failure(exc)
            raise
        self.settings.set(keys.LAST_UPLOAD, iso_utc(self.clock.now()))
        report.pruned = self.outbox.prune_acked(self.clock.now() - timedelta(days=KEEP_ACKED_DAYS))
        report.remaining = self.outbox.counts().pending
        if self.inventory is not None:
            inventory = self.inventory()
            result = self.transport.post_inventory(*self._auth, inventory)
            if result.status == 400 and "books" in inventory:  # a hub older than the books field
                result = self.transport.post_inventory(
                    *self._auth, {k: v for k, v in inventory.items() if k != "books"})
            if result.status not in (200, 204, 404):  # 404: a hub without content status
                report.problems.append(f"inventory: HTTP {result.status}")
        return report

    def _note_failure(self, exc: Exception) -> None:
        """The records next in line stay waiting: count the try on them, so status shows a
        batch that keeps failing (and how) instead of an endless "waiting"."""
        status = exc.details.get("status") if isinstance(exc, UploadError) else None
        reason = f"HTTP {status}" if status else type(exc).__name__
        try:
            self.outbox.note_attempt([item.id for item in self.outbox.pending(self.batch_size)], reason)
        except Exception:  # noqa: BLE001 - a full disk must not hide why the upload failed
            log.warning("could not count the failed upload", exc_info=True)

    def _send(self, items: Sequence[OutboxItem], report: UploadReport) -> None:
        result = self._post(items)
        report.batches += 1
        status = result.status
        if status in (200, 204):
            self.outbox.mark_acked([item.id for item in items])
            report.sent += len(items)
        elif status == 409:
            self._resolve_conflict(items, report)
        elif status in (400, 413) and len(items) > 1:
            # One bad record must not hold back the rest: halve until it is alone.
            half = len(items) // 2
            self._send(items[:half], report)
            self._send(items[half:], report)
        elif status == 400:
            self.outbox.quarantine(items[0].id, INVALID + _reason(result.body))
            report.quarantined += 1
        elif status in (401, 403):
            raise HubRefusedError(
                L_("the county server at {hub_url} refused this PC's credential (HTTP {status}); enroll this PC again with a new code", hub_url=self.transport.hub_url, status=status),
                status=status, reason="refused", transient=False)
        else:
            raise _status_error(status, result.retry_after)

    def _resolve_conflict(self, items: Sequence[OutboxItem], report: UploadReport) -> None:
        """409: some ids exist. Those the hub holds with our content are delivered; those it
        holds with other content are conflicts (quarantined, shown to the teacher); the
        rest are sent again."""
        fresh = []
        for item in items:
            got = self.transport.get_statement(*self._auth, item.id)
            if got.status == 200 and same_content(item.statement, got.body):
                self.outbox.mark_acked([item.id])
                report.sent += 1
            elif got.status == 200:
                self.outbox.quarantine(item.id, CONFLICT)
                report.conflicts += 1
                report.quarantined += 1
            elif got.status == 404:
                fresh.append(item)
            else:
                raise _status_error(got.status, got.retry_after)
        if fresh and len(fresh) < len(items):
            self._send(fresh, report)
        elif fresh:
            raise UploadError(L_("the county server reports a conflict it cannot show; tell the county technician"),
                              status=409, transient=False)

    def _detect_restored_hub(self) -> int:
        """If the hub holds fewer of our records than it acknowledged (it was restored from
        a backup), send the missing ones again. Returns how many were re-queued."""
        result = self.transport.device_state(*self._auth)
        if result.status != 200 or not isinstance(result.body, dict):
            return 0  # a hub without this endpoint: nothing to compare
        if self.on_hub_config is not None:
            # The device state also carries the county's settings for this PC (editions).
            self.on_hub_config(result.body)
        high = result.body.get("high_water_seq")
        if not isinstance(high, int):
            return 0
        return self.outbox.requeue_acked_after(high)


def _status_error(status: int, retry_after: str | None) -> UploadError:
    """An answer the algorithm has no branch for: retried later only if asking again can help."""
    transient = is_transient_status(status)
    advice = L_("the records wait here and are sent later") if transient else L_("tell the county technician")
    return UploadError(L_("the county server answered HTTP {status}; {advice}", status=status, advice=advice), status=status,
                       retry_after=retry_after, transient=transient)


# Why a record was quarantined, as the outbox stores it: English, the hub's own words after
# INVALID. said_reason() words it for the user without changing what is stored.
INVALID = "invalid: "
CONFLICT = "conflict: the hub holds another record with this id"


def said_reason(stored: str) -> str:
    """A stored quarantine reason as Text (cli_i18n): the same English, and a sentence the
    CLI says in the user's language; the hub's words in it stay as they are."""
    if stored == CONFLICT:
        return Text.aside(stored, N_("the county server holds another record with this id; tell the county "
                                     "technician"))
    if stored.startswith(INVALID):
        return Text.aside(stored, N_("the county server refused it as not valid: {detail}"),
                          detail=stored[len(INVALID):])
    return stored


def _reason(body: object) -> str:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message", body["error"]))
    return str(body)[:300]
