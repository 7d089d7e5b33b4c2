"""Limits and bad input: each gives a clear 4xx JSON error and stores nothing."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.hub_helpers import hub_with_devices
from tests.integration.hubproc import (
    XAPI_HEADERS,
    EnrolledDevice,
    add_school,
    enroll,
    enroll_body,
    init_home,
    playback,
    running_hub,
    sql,
)

SCHOOL = "4201000061"


class Hub:
    def __init__(self, url: str, home: Path, dev: EnrolledDevice):
        self.url, self.home, self.dev = url, home, dev
        self.statements = f"{url}/xapi/statements"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("limits")
    with hub_with_devices(base, SCHOOL, db_url=module_db_url) as (url, home, [dev]):
        yield Hub(url, home, dev)


def _count(hub: Hub) -> int:
    return sql(hub.home, "SELECT count(*) FROM statements")[0]


def _post(hub: Hub, data: bytes, **headers: str) -> requests.Response:
    return requests.post(hub.statements, data=data, headers={**XAPI_HEADERS, **headers}, auth=hub.dev.auth, timeout=30)


def _assert_clean_error(resp: requests.Response, status: int) -> None:
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert err["code"] and err["message"]
    assert "Traceback" not in resp.text and 'File "' not in resp.text


@pytest.mark.parametrize(
    ("data", "headers", "status"),
    [
        (b"\xff\xfe[{}]", {"Content-Type": "application/json"}, 400),  # invalid UTF-8
        (b'[{"id": "\xed\xa0\x80"}]', {"Content-Type": "application/json"}, 400),  # a lone surrogate
        (b"[1,2", {"Content-Type": "application/json"}, 400),
        (b"<xml/>", {"Content-Type": "application/xml"}, 415),
        (b"a=1", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
        (b"[]", {"Content-Type": "application/json", "Content-Encoding": "br"}, 415),
        (b"--x\r\nContent-Type: text/plain\r\n\r\n[]\r\n--x--", {"Content-Type": "multipart/mixed; boundary=x"}, 400),
        (b"[]", {"Content-Type": "multipart/mixed"}, 400),
        (b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]", {"Content-Type": "application/json"}, 400),
    ],
)
def test_bad_bodies(hub: Hub, data: bytes, headers: dict[str, str], status: int) -> None:
    before = _count(hub)
    _assert_clean_error(_post(hub, data, **headers), status)
    assert _count(hub) == before


def test_gzip_bomb_and_oversized(hub: Hub) -> None:
    before = _count(hub)
    bomb = gzip.compress(b"[" + b" " * (60 * 1024 * 1024) + b"]", compresslevel=9)
    _assert_clean_error(_post(hub, bomb, **{"Content-Encoding": "gzip", "Content-Type": "application/json"}), 413)
    big = json.dumps([playback(hub.dev.id, SCHOOL, seq=i) for i in range(2001)]).encode()
    _assert_clean_error(_post(hub, gzip.compress(big), **{"Content-Encoding": "gzip", "Content-Type": "application/json"}), 413)
    assert _count(hub) == before


def test_malformed_statement_in_batch_stores_nothing(hub: Hub) -> None:
    before = _count(hub)
    good = [playback(hub.dev.id, SCHOOL, seq=i) for i in range(5)]
    bad = playback(hub.dev.id, SCHOOL, seq=6)
    bad["timestamp"] = "2026-13-45T99:00:00Z"
    resp = _post(hub, json.dumps([*good, bad]).encode(), **{"Content-Type": "application/json"})
    _assert_clean_error(resp, 400)
    assert resp.json()["error"]["index"] == 5
    assert _count(hub) == before


def test_bad_authorization_headers(hub: Hub) -> None:
    for value in ("Basic !!!", "Basic " + "QQ==", "Basic", "Digest x", "Basic " + "w4k6w4k="):
        resp = requests.get(hub.statements, headers={**XAPI_HEADERS, "Authorization": value}, timeout=10)
        _assert_clean_error(resp, 401)


def test_rate_limit_per_device(tmp_path: Path, db_url: str | None) -> None:
    home = init_home(tmp_path, db_url=db_url)
    cfg = home / "hub.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("requests_per_minute = 600", "requests_per_minute = 5").replace("enroll_attempts_per_minute = 20", "enroll_attempts_per_minute = 3"), encoding="utf-8")
    code = add_school(home, SCHOOL)
    with running_hub(home) as url:
        dev = enroll(url, code)
        # The limit counts per clock minute, and the minute may roll over during the loop
        # (a busy machine): at most two windows' worth pass, so the 11th is refused at the
        # latest. Stop at the first refusal.
        statuses: list[int] = []
        while 429 not in statuses and len(statuses) < 11:
            statuses.append(requests.get(f"{url}/xapi/statements", headers=XAPI_HEADERS, auth=dev.auth,
                                         timeout=10).status_code)
        assert statuses[-1] == 429 and set(statuses[:-1]) == {200} and 5 <= len(statuses) - 1 <= 10, statuses
        limited = requests.get(f"{url}/xapi/statements", headers=XAPI_HEADERS, auth=dev.auth, timeout=10)
        if limited.status_code == 429:
            assert int(limited.headers["Retry-After"]) >= 1
            assert limited.json()["error"]["code"] == "rate_limited"
        # Wrong codes, 3 a minute: as above, the 7th is refused at the latest.
        tries: list[int] = []
        while 429 not in tries and len(tries) < 7:
            tries.append(requests.post(f"{url}/api/v1/enroll", json=enroll_body("AAAA-BBBB-CCCC"),
                                       timeout=10).status_code)
        assert tries[-1] == 429 and set(tries[:-1]) == {403}, tries
