"""The doctor's findings: one Check per area, its level, and the page that shows them."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.store.datadir import MIN_FREE_BYTES
from eduteach_protocol.cli_i18n import _
from eduteach_protocol.cli_i18n import render as say

OK, NOTE, WARN, FAIL = "ok", "note", "warn", "fail"
MARKS = {OK: "[ OK ]", NOTE: "[note]", WARN: "[WARN]", FAIL: "[FAIL]"}
LOW_SPACE_WARN = 2 * 2**30
LOW_SPACE_FAIL = MIN_FREE_BYTES  # what a data folder must have to be used at all
SKEW_WARN_S = 120
SKEW_FAIL_S = 300  # the uploader flags records as "clock skewed" beyond this too
WAITING_TOO_LONG_DAYS = 30
PROBE_TIMEOUT_S = 90



@dataclass
class Check:
    area: str
    level: str
    title: str
    details: list[str] = field(default_factory=list)
    fix: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def render(checks: list[Check], clock: Clock) -> str:
    out = io.StringIO()
    out.write(_("EduTeach doctor, {time} (by this PC's clock)").format(
        time=clock.now().astimezone().strftime("%Y-%m-%d %H:%M")) + "\n\n")
    for c in checks:
        # The checks' words are Text (cli_i18n): English in --json and the bundle's data, said
        # here in the user's language; what they quote (a hub's answer, a path) as it is.
        out.write(f"{MARKS[c.level]} {say(c.area)}: {say(c.title)}\n")
        for line in c.details:
            out.write(f"       {say(line)}\n")
        if c.fix:
            out.write("       " + _("Fix: {fix}").format(fix=say(c.fix)) + "\n")
    fails = sum(c.level == FAIL for c in checks)
    warns = sum(c.level == WARN for c in checks)
    out.write("\n")
    if fails:
        out.write(_("{fails} problem(s) to fix, {warns} warning(s). Follow the 'Fix:' lines above.").format(
            fails=fails, warns=warns) + "\n")
    elif warns:
        out.write(_("No problems; {warns} warning(s) worth a look.").format(warns=warns) + "\n")
    else:
        out.write(_("No problems found.") + "\n")
    return out.getvalue()


def _parse_time(value: Any, default: Any = ...) -> Any:
    try:
        text = str(value).replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        if default is ...:
            raise
        return default


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)  # the hub's Date header has whole seconds
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days {hours % 24} h"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
