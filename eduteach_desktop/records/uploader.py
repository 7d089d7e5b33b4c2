"""The UP path: send outbox records to the hub in batches; mark them sent only on ack."""

from __future__ import annotations

from dataclasses import dataclass, field

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import NotEnrolledError, UploadError
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.settings import Settings
from eduteach_desktop.sync.hubclient import HubClient
from eduteach_protocol.records import encode_batch

from .outbox import Outbox

BATCH_SIZE = 500


@dataclass
class UploadReport:
    sent: int = 0
    batches: int = 0
    quarantined: int = 0
    remaining: int = 0
    problems: list[str] = field(default_factory=list)


class Uploader:
    def __init__(self, transport: HubClient, outbox: Outbox, settings: Settings, clock: Clock, batch_size: int = BATCH_SIZE):
        self.transport = transport
        self.outbox = outbox
        self.settings = settings
        self.clock = clock
        self.batch_size = batch_size

    def run(self) -> UploadReport:
        if not self.settings.enrolled():
            raise NotEnrolledError("this PC is not enrolled with a county hub yet")
        device_id = self.settings.get(keys.DEVICE_ID)
        secret = self.settings.get(keys.DEVICE_SECRET)
        report = UploadReport()
        while True:
            batch = self.outbox.pending(self.batch_size)
            if not batch:
                break
            result = self.transport.post_statements(
                device_id, secret, encode_batch([item.statement for item in batch]), gzipped=True
            )
            report.batches += 1
            if result.status == 200:
                self.outbox.mark_acked([item.id for item in batch])
                report.sent += len(batch)
                continue
            if result.status == 400 and len(batch) > 1:
                # One bad record must not hold back the rest: send one by one to find it.
                for item in batch:
                    single = self.transport.post_statements(device_id, secret, encode_batch([item.statement]), True)
                    if single.status == 200:
                        self.outbox.mark_acked([item.id])
                        report.sent += 1
                    elif single.status == 400:
                        self.outbox.quarantine(item.id, _reason(single.body))
                        report.quarantined += 1
                    else:
                        raise UploadError(f"the hub answered HTTP {single.status}", status=single.status)
                continue
            if result.status == 400:
                self.outbox.quarantine(batch[0].id, _reason(result.body))
                report.quarantined += 1
                continue
            if result.status in (401, 403):
                raise UploadError("the hub refused this PC's credential", status=result.status)
            raise UploadError(f"the hub answered HTTP {result.status}", status=result.status,
                              retry_after=result.retry_after)
        self.settings.set(keys.LAST_UPLOAD, iso_utc(self.clock.now()))
        report.remaining = self.outbox.counts().pending
        return report


def _reason(body: object) -> str:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message", body["error"]))
    return str(body)[:300]
