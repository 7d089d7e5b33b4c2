"""The one answer to "is this network failure worth asking again?" and "what do we tell
the technician about it?".

Every network caller (the lesson sources, the hub client, the uploader, enrollment) asks
here, so a 503 or a cut connection is retried everywhere and a 401 or a bad address is
retried nowhere (after Kolibri's single retry predicate). The words come from here too:
a teacher never reads urllib3's `HTTPConnectionPool(...)` or a nested ConnectionResetError.
"""

from __future__ import annotations

import errno

import requests
import urllib3.exceptions

from eduteach_protocol.cli_i18n import L_

# Asking again can change these answers: a request timeout, too early, rate limited, and
# every server-side failure (a hub restarting behind a proxy answers 502/503).
_TRANSIENT_STATUSES = frozenset({408, 425, 429})

# Raised before any byte leaves this PC, or for an answer that will be the same next time.
_PERMANENT_EXCEPTIONS: tuple[type[BaseException], ...] = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidSchema,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidHeader,
    requests.exceptions.TooManyRedirects,
    requests.exceptions.ContentDecodingError,
    requests.exceptions.SSLError,  # a certificate that fails today fails tomorrow
)

_TRANSIENT_EXCEPTIONS: tuple[type[BaseException], ...] = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    urllib3.exceptions.HTTPError,
    TimeoutError,
    ConnectionError,
)

_PERMANENT_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM})


def is_transient_status(status: int) -> bool:
    """An HTTP status a later retry may turn into a success."""
    return status in _TRANSIENT_STATUSES or 500 <= status <= 599


def is_transient(exc: BaseException) -> bool:
    """A failed request or a cut response worth retrying (no network, refused, reset,
    silent server); False for a bad address, TLS failure, redirect loop, or anything we
    do not recognise (an unknown failure retried forever would hide a bug)."""
    if isinstance(exc, _PERMANENT_EXCEPTIONS):
        return False
    if isinstance(exc, _TRANSIENT_EXCEPTIONS):
        return True
    # A socket error outside requests (reading a streamed body); our own disk is not the network.
    return isinstance(exc, OSError) and exc.errno not in _PERMANENT_ERRNOS


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        nested = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        reason = getattr(current, "reason", None)
        current = current.__cause__ or current.__context__ or nested or (
            reason if isinstance(reason, BaseException) else None)
    return seen


def plain_reason(exc: BaseException) -> str:
    """A few words on why a request failed, from the exception's type and errno, never its text."""
    chain = _chain(exc)
    if any(isinstance(e, requests.exceptions.SSLError) for e in chain):
        return L_("its security certificate was not accepted")
    if any(isinstance(e, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                          requests.exceptions.MissingSchema)) for e in chain):
        return L_("the address is not a valid http(s) address")
    if any(isinstance(e, requests.exceptions.TooManyRedirects) for e in chain):
        return L_("it redirects in a loop")
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return L_("nothing answers there (connection refused: is the server running?)")
    if any(isinstance(e, urllib3.exceptions.NameResolutionError) for e in chain):
        return L_("the server's name was not found (DNS)")
    if any(isinstance(e, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
                          urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError))
           for e in chain):
        return L_("the connection was cut")
    if any(isinstance(e, OSError) and e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH) for e in chain):
        return L_("there is no network route to it (is this PC online?)")
    # Last: urllib3's NewConnectionError is a TimeoutError subclass, whatever its cause.
    if any(isinstance(e, (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)) for e in chain):
        return L_("no answer in time")
    return L_("the connection failed")


def unreachable_message(what: str, url: str, exc: BaseException) -> str:
    """One line for the technician: what could not be reached, why, and what to do."""
    advice = L_("check the network and try again") if is_transient(exc) else L_("check the address")
    return L_("cannot reach {what} at {url}: {reason}; {advice}", what=what, url=url, reason=plain_reason(exc),
              advice=advice)
