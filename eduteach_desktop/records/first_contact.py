"""A PC enrolled from a file meets its hub online for the first time.

Its claim (the file's one-time code, its public key and the hash of the credential it made
itself) goes to `POST {hub}/api/v1/enroll/claim`, signed with its key. The hub binds it to
the same device row a USB record file would have made (or already made): the PC keeps its
device id and credential, so it is never a second device, and records that already came by
USB are repeats the hub ignores.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from eduteach_desktop.core.errors import EnrollmentError, HubUnreachableError, UploadError
from eduteach_desktop.store import settings as keys
from eduteach_protocol.cli_i18n import L_

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

CLAIM_PATH = "api/v1/enroll/claim"


def claim_signature(services: Services, claim: dict[str, Any]) -> str:
    body = json.dumps(claim, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.b64encode(services.device_key.sign(body)).decode("ascii")


def bind_online_if_claimed(services: Services) -> bool:
    """Send the pending claim, if any, before anything else goes to the hub. True if sent."""
    claim = services.settings.get(keys.ENROLL_CLAIM)
    hub = services.settings.get(keys.HUB_URL)
    if not claim or not hub:
        return False
    import requests

    from eduteach_desktop.sync.sources import USER_AGENT
    from eduteach_desktop.sync.transient import (
        is_transient,
        is_transient_status,
        unreachable_message,
    )

    try:
        resp = requests.post(
            hub.rstrip("/") + "/" + CLAIM_PATH,
            json={"claim": claim, "signature": claim_signature(services, claim)},
            headers={"User-Agent": USER_AGENT},
            timeout=30,
        )
    except requests.RequestException as exc:
        raise HubUnreachableError(unreachable_message(L_("the county server"), hub, exc), reason="unreachable",
                                  transient=is_transient(exc)) from exc
    if resp.status_code == 200:
        services.settings.set(keys.ENROLL_CLAIM, None)
        return True
    try:
        err = resp.json().get("error", {})
    except (ValueError, AttributeError):
        err = {}
    if resp.status_code in (400, 403):
        raise EnrollmentError(
            err.get("message") or f"the hub refused this PC's enrollment file (HTTP {resp.status_code})",
            reason=err.get("code", f"http_{resp.status_code}"),
            status=resp.status_code,  # the sync panel words a 403 as "enroll this PC again"
        )
    raise UploadError(L_("the county server answered HTTP {status} to the enrollment claim; try again later", status=resp.status_code), reason="server", status=resp.status_code,
                      transient=is_transient_status(resp.status_code))


def set_hub_url(services: Services, url: str) -> None:
    """Where a PC enrolled from a file without a hub address goes online (technician's step)."""
    if not url.startswith(("http://", "https://")):
        raise EnrollmentError(L_("{url} is not an http(s) address", url=url), reason="bad_url")
    current = services.settings.get(keys.HUB_URL)
    if current and current.rstrip("/") != url.rstrip("/"):
        raise EnrollmentError(L_("this PC already sends to {current}", current=current), reason="other_hub")
    services.settings.update({keys.HUB_URL: url.rstrip("/") + "/", keys.REPO_URL: url.rstrip("/") + "/repo/"})
