"""The doctor's look at the trust root, the hub and the clock."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.store.datadir import (
    DataDir,
)
from eduteach_protocol.cli_i18n import L_, N_, Text

from .report import (
    FAIL,
    NOTE,
    OK,
    SKEW_FAIL_S,
    SKEW_WARN_S,
    WARN,
    Check,
    _duration,
    _parse_time,
    _short,
)
from .storage import SECRET_UNREADABLE


def check_trust(dd: DataDir, settings: dict[str, Any], clock: Clock) -> Check:
    from eduteach_desktop.store import settings as keys

    origin = settings.get(keys.TRUST_ORIGIN)
    root_file = dd.trust / "root.json"
    if not root_file.exists():
        if settings.get(keys.DEVICE_ID):
            return Check(L_("trust root"), FAIL, L_("missing, although this PC is enrolled"),
                         fix=L_("enroll again with a new code from the county (eduteach enroll URL CODE)"))
        return Check(L_("trust root"), WARN, L_("none yet (not enrolled, no demo lessons)"),
                     fix=L_("`eduteach enroll URL CODE`, or start the app once for the demo lessons"))
    try:
        signed = json.loads(root_file.read_text(encoding="utf-8"))["signed"]
        keyids = sorted(signed["roles"]["root"]["keyids"])
        version = int(signed["version"])
        expires = _parse_time(signed["expires"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Check(L_("trust root"), FAIL, Text.aside(f"unreadable ({exc})", N_("unreadable")),
                     fix=L_("enroll again (eduteach enroll URL CODE) to get a fresh trust root"))
    fingerprint = f"v{version}:" + ",".join(k[:12] for k in keyids)
    source = L_("the bundled demo repository") if origin == "demo" else (origin or L_("unknown origin"))
    data = {"fingerprint": fingerprint, "version": version, "origin": origin,
            "expires": iso_utc(expires)}
    details = [L_("from {source}", source=source), L_("root expires {date}", date=expires.date().isoformat())]
    now = clock.now()
    if expires < now:
        return Check(L_("trust root"), WARN, L_("{fingerprint}, expired {date}", fingerprint=fingerprint, date=expires.date()), details, data=data,
                     fix=L_("if the date on this PC is wrong, correct it; otherwise sync with the hub (it rotates the root)"))
    stamp = dd.trust / "timestamp.json"
    if stamp.exists():
        try:
            ts_expires = _parse_time(json.loads(stamp.read_text(encoding="utf-8"))["signed"]["expires"])
            data["timestamp_expires"] = iso_utc(ts_expires)
            if ts_expires < now:
                details.append(L_("the last lesson list's signature expired {ts_expires:%Y-%m-%d %H:%M}Z: the next sync renews it", ts_expires=ts_expires))
        except (OSError, ValueError, KeyError, TypeError):
            details.append(L_("timestamp.json unreadable (the next sync replaces it)"))
    return Check(L_("trust root"), OK, L_("{fingerprint} (demo)", fingerprint=fingerprint) if origin == "demo" else L_("{fingerprint} (hub)", fingerprint=fingerprint),
                 details, data=data)


def check_hub(settings: dict[str, Any], clock: Clock, offline: bool) -> list[Check]:
    from eduteach_desktop.store import settings as keys

    hub = settings.get(keys.HUB_URL)
    checks: list[Check] = []
    last_seen = [t for t in (settings.get(keys.LAST_SYNC), settings.get(keys.LAST_UPLOAD)) if t]
    if not hub and settings.get(keys.ENROLLED_BY) == "file" and settings.get(keys.DEVICE_ID):
        from eduteach_desktop.sync.enroll_file import doctor_lines  # a never-online school

        title, details = doctor_lines(settings)
        checks.append(Check(L_("hub"), NOTE, title, details, fix=None))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    if not hub or not settings.get(keys.DEVICE_ID):
        from eduteach_desktop.sync.enroll_file import LAST_PROBLEM

        problem = settings.get(LAST_PROBLEM)
        checks.append(Check(L_("hub"), NOTE, L_("not enrolled with a county hub (demo or USB lessons only)"),
                            [L_("last enrollment file refused: {problem}", problem=problem)] if problem else [], fix=None))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    school = f"{settings.get(keys.SCHOOL_NAME) or '?'} ({settings.get(keys.SCHOOL_CODE) or '?'})"
    data: dict[str, Any] = {"url": hub, "school_code": settings.get(keys.SCHOOL_CODE),
                            "device_id": settings.get(keys.DEVICE_ID)}
    if settings.get(SECRET_UNREADABLE):
        checks.append(Check(L_("hub"), FAIL, L_("this Windows account cannot read the hub credential"),
                            fix=L_("start EduTeach under the Windows account that enrolled this PC, or enroll again in Settings"), data=data))
        return checks
    if offline:
        checks.append(Check(L_("hub"), NOTE, L_("{hub} not contacted (--offline); school {school}", hub=hub, school=school), data=data))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    import uuid

    from eduteach_desktop.core.errors import UploadError
    from eduteach_desktop.sync.hubclient import HubClient

    client = HubClient(hub, timeout=10)
    started_wall = clock.now()
    started = time.monotonic()
    try:
        result = client.get_statement(settings[keys.DEVICE_ID], settings.get(keys.DEVICE_SECRET) or "",
                                      str(uuid.uuid4()))
    except UploadError as exc:
        checks.append(Check(L_("hub"), WARN, L_("cannot reach {hub}", hub=hub), [L_("school {school}", school=school), _short(str(exc))],
                            fix=L_("records wait safely on this PC; that is normal without internet. If this PC should be online, check the network, or ask the county whether the hub's address changed"), data=data))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    rtt = time.monotonic() - started
    data.update(http_status=result.status, rtt_ms=round(rtt * 1000))
    if result.status in (401, 403):
        checks.append(Check(L_("hub"), FAIL, L_("{hub} refuses this PC's credentials (HTTP {status})", hub=hub, status=result.status),
                            [L_("school {school}", school=school)], data=data,
                            fix=L_("the county may have revoked this PC: get a new code and run `eduteach enroll URL CODE`")))
    elif result.status >= 500:
        checks.append(Check(L_("hub"), WARN, L_("{hub} answers with an error (HTTP {status})", hub=hub, status=result.status),
                            [L_("school {school}", school=school)], data=data,
                            fix=L_("tell the county technician; records wait on this PC meanwhile")))
    else:
        checks.append(Check(L_("hub"), OK, L_("{hub} reachable in {ms:.0f} ms, this PC is known", hub=hub, ms=rtt * 1000),
                            [L_("school {school}", school=school)], data=data))
    checks.append(_clock_against_hub(result.hub_date, started_wall, rtt, settings))
    return checks


def _clock_against_hub(hub_date: datetime | None, local_then: datetime, rtt: float,
                       settings: dict[str, Any]) -> Check:
    if hub_date is None:
        return Check(L_("clock"), NOTE, L_("the hub sent no Date header: cannot compare clocks"))
    # The hub stamped its answer about half a round trip after we asked.
    local = local_then.timestamp() + rtt / 2
    skew = hub_date.timestamp() - local  # > 0: this PC is behind
    data = {"skew_seconds": round(skew, 1), "hub_time": iso_utc(hub_date),
            "pc_time": iso_utc(datetime.fromtimestamp(local, UTC))}
    how = (L_("{duration} behind the hub", duration=_duration(abs(skew))) if skew > 0
           else L_("{duration} ahead of the hub", duration=_duration(abs(skew))))
    details = [L_("PC {pc:%Y-%m-%d %H:%M:%S %z}, hub {hub_time:%Y-%m-%d %H:%M:%S %z}", pc=datetime.fromtimestamp(local).astimezone(), hub_time=hub_date.astimezone())]
    fix = (L_("set the correct date and time (Windows: Settings → Time & language; Linux: the clock's settings or `timedatectl`). If it is wrong again after the PC was off, the CMOS battery on the mainboard is flat: replace it (a CR2032 coin cell)"))
    if abs(skew) > SKEW_FAIL_S:
        return Check(L_("clock"), FAIL, L_("this PC's clock is {how}", how=how), details, fix=fix, data=data)
    if abs(skew) > SKEW_WARN_S:
        return Check(L_("clock"), WARN, L_("this PC's clock is {how}", how=how), details, fix=fix, data=data)
    return Check(L_("clock"), OK, L_("agrees with the hub (within {duration})", duration=_duration(abs(skew))), data=data)


def _clock_against_history(seen: Iterable[str], clock: Clock) -> list[Check]:
    """Offline: a PC clock earlier than its own last sync/upload has been reset."""
    times = [t for t in (_parse_time(s, None) for s in seen) if t is not None]
    if times and clock.now() < max(times):
        latest = max(times)
        return [Check(L_("clock"), FAIL, L_("this PC's clock is earlier than its own last sync ({latest:%Y-%m-%d})", latest=latest),
                      [L_("PC clock now: {now:%Y-%m-%d %H:%M}", now=clock.now().astimezone())],
                      fix=L_("set the correct date and time; if it resets whenever the PC is off, replace the CMOS battery (a CR2032 coin cell)"))]
    return []


