"""The one textual form of instants in the hub database and API: ISO 8601 UTC, milliseconds."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_ms(moment: datetime) -> str:
    """'2025-03-01T08:00:00.123Z'. Sorts as text; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give a time zone")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(value: str) -> datetime:
    """Parse an ISO 8601 date-time that carries a time zone; raise ValueError otherwise."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment.astimezone(UTC)


def normalize_iso(value: str) -> str:
    """Any zoned ISO 8601 date-time as iso_ms (truncated to the millisecond)."""
    return iso_ms(parse_iso(value))


def utc_now() -> datetime:
    """The hub's default clock (inject another one in tests)."""
    return datetime.now(UTC)
