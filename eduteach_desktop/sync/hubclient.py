"""Talks to the county hub: enrollment and the xAPI statements endpoint."""

from __future__ import annotations

import base64
import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eduteach_desktop import __version__
from eduteach_desktop.core.errors import EnrollmentError, HubUnreachableError
from eduteach_desktop.store.devicekey import public_key_b64
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.editions import EditionError, EditionRule, rules_from_wire
from eduteach_protocol.limits import MAX_SCHOOL_NAME_CHARS
from eduteach_protocol.records import XAPI_VERSION
from eduteach_protocol.text_rules import text_problem

from .sources import USER_AGENT
from .transient import is_transient, is_transient_status, unreachable_message

ENROLL_PATH = "api/v1/enroll"
STATEMENTS_PATH = "xapi/statements"
DEVICE_STATE_PATH = "api/v1/devices/me"
INVENTORY_PATH = "api/v1/inventory"


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    secret: str
    school_code: str
    school_name: str
    county_code: str
    repo_url: str
    root: bytes
    hub_time: str
    editions: list[EditionRule] | None = None  # None: the hub sent none (an older hub)
    channel: str | None = None  # the school's app update channel; None: an older hub (stable)


@dataclass(frozen=True)
class PostResult:
    status: int
    ids: list[str]
    hub_date: datetime | None
    body: Any
    retry_after: str | None = None


class HubClient:
    def __init__(self, hub_url: str, session: requests.Session | None = None, timeout: float = 30.0):
        self.hub_url = hub_url.rstrip("/") + "/"
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.timeout = timeout

    def enroll(self, code: str, device_name: str, device_key: Ed25519PrivateKey) -> Enrollment:
        try:
            resp = self.session.post(
                self.hub_url + ENROLL_PATH,
                json={
                    "code": code.strip(),
                    "device_name": device_name,
                    "public_key": public_key_b64(device_key),
                    "app_version": __version__,
                },
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise EnrollmentError(unreachable_message(L_("the county server"), self.hub_url, exc),
                                  reason="unreachable", transient=is_transient(exc)) from exc
        try:
            body = resp.json()
        except ValueError:
            body = {}
        if resp.status_code != 200:
            err = body.get("error", {}) if isinstance(body, dict) else {}
            raise EnrollmentError(
                _one_line(err.get("message")) or f"the hub refused enrollment (HTTP {resp.status_code})",
                reason=err.get("code", f"http_{resp.status_code}"),
                status=resp.status_code, transient=is_transient_status(resp.status_code),
            )
        try:
            school = body["school"]
            problem = text_problem(school["name"], MAX_SCHOOL_NAME_CHARS)
            if problem is not None:  # shown in the wizard and the CLI: a hostile hub's escapes stop here
                raise EnrollmentError(L_("the hub's answer is unusable: the school name {problem}", problem=problem),
                                      reason="bad_response")
            return Enrollment(
                device_id=body["device_id"],
                secret=body["secret"],
                school_code=school["code"],
                school_name=school["name"],
                county_code=school["county_code"],
                repo_url=body["repo_url"],
                root=base64.b64decode(body["root"]),
                hub_time=body.get("hub_time", ""),
                editions=editions_from(body),
                channel=body.get("channel") if isinstance(body.get("channel"), str) else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise EnrollmentError(L_("the county server at {hub} sent an incomplete answer; check the address", hub=self.hub_url), reason="bad_response") from exc

    def _request(self, method: str, path: str, auth: tuple[str, str], **kwargs: Any) -> PostResult:
        headers = {"X-Experience-API-Version": XAPI_VERSION, **kwargs.pop("headers", {})}
        try:
            resp = self.session.request(
                method, self.hub_url + path, headers=headers, auth=auth, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as exc:
            raise HubUnreachableError(unreachable_message(L_("the county server"), self.hub_url, exc),
                                      reason="unreachable", transient=is_transient(exc)) from exc
        hub_date = None
        if resp.headers.get("Date"):
            try:
                hub_date = email.utils.parsedate_to_datetime(resp.headers["Date"])
            except (TypeError, ValueError):
                hub_date = None
            if hub_date is not None and hub_date.tzinfo is None:
                hub_date = hub_date.replace(tzinfo=UTC)  # HTTP dates are GMT, "-0000" parses naive
        try:
            parsed = resp.json()
        except ValueError:
            parsed = None
        ids = parsed if resp.status_code == 200 and isinstance(parsed, list) else []
        return PostResult(resp.status_code, ids, hub_date, parsed, resp.headers.get("Retry-After"))

    def post_statements(self, device_id: str, secret: str, body: bytes, content_type: str = "application/json",
                        gzipped: bool = True) -> PostResult:
        headers = {"Content-Type": content_type}
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return self._request("POST", STATEMENTS_PATH, (device_id, secret), data=body, headers=headers)

    def get_statement(self, device_id: str, secret: str, statement_id: str) -> PostResult:
        return self._request("GET", STATEMENTS_PATH, (device_id, secret), params={"statementId": statement_id})

    def post_inventory(self, device_id: str, secret: str, inventory: dict[str, Any]) -> PostResult:
        """Tell the county what content this PC holds (its dashboard's content status)."""
        return self._request("POST", INVENTORY_PATH, (device_id, secret), json=inventory)

    def device_state(self, device_id: str, secret: str) -> PostResult:
        """What the hub holds from this device (its high-water mark), to detect a restored hub."""
        return self._request("GET", DEVICE_STATE_PATH, (device_id, secret))


def editions_from(body: Any) -> list[EditionRule] | None:
    """The county's editions in a hub answer; None if absent or malformed (then the PC
    keeps what it had: a bad list must not wipe the school's books)."""
    if not isinstance(body, dict) or "editions" not in body:
        return None
    try:
        return rules_from_wire(body["editions"])
    except EditionError:
        return None


def _one_line(text: object) -> str:
    """A hub's own error message, as one short printable line (or "" if it sent none)."""
    if not isinstance(text, str):
        return ""
    from eduteach_protocol.limits import FORBIDDEN_CHARS_RE

    return FORBIDDEN_CHARS_RE.sub("?", " ".join(text.split()))[:300]
