"""Enrollment over real HTTP: one-time codes, their failure modes, and a race for one code."""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.hubproc import (
    add_school,
    cli,
    enroll_body,
    init_home,
    running_hub,
    sql,
    sql_exec,
)


@pytest.fixture(scope="module")
def hub(
    tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None
) -> Iterator[tuple[str, Path]]:
    home = init_home(tmp_path_factory.mktemp("enroll"), db_url=module_db_url)
    with running_hub(home) as url:
        yield url, home


def post(url: str, body: object) -> requests.Response:
    return requests.post(f"{url}/api/v1/enroll", json=body, timeout=10)


def assert_error(resp: requests.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_enroll_good_code_then_reuse(hub: tuple[str, Path]) -> None:
    url, home = hub
    code = add_school(home, "4201000001", "杨树湾教学点")
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)

    resp = post(url, enroll_body(code))
    assert resp.status_code == 200, resp.text
    answer = resp.json()
    assert re.fullmatch(r"dev-[0-9a-f]{32}", answer["device_id"])
    assert len(base64.urlsafe_b64decode(answer["secret"] + "=")) == 32
    assert answer["school"] == {
        "code": "4201000001",
        "name": "杨树湾教学点",
        "county_code": "420100",
    }
    assert answer["repo_url"] == f"{url}/repo/"
    assert base64.b64decode(answer["root"]) == (home / "repo/metadata/root.json").read_bytes()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", answer["hub_time"])
    assert resp.headers["Cache-Control"] == "no-store"

    assert_error(post(url, enroll_body(code)), 403, "code_used")

    rc, out = cli("device", "list", home=home)
    assert rc == 0 and answer["device_id"] in out and "active" in out


def test_code_typed_loosely(hub: tuple[str, Path]) -> None:
    url, home = hub
    code = add_school(home, "4201000002")
    typed = code.replace("-", "").lower().replace("0", "o").replace("1", "l")
    resp = post(url, enroll_body(typed))
    assert resp.status_code == 200, resp.text


def test_wrong_expired_and_revoked_codes(hub: tuple[str, Path]) -> None:
    url, home = hub
    assert_error(post(url, enroll_body("ZZZZ-ZZZZ-ZZZZ")), 403, "invalid_code")
    assert_error(post(url, enroll_body("not a code at all")), 403, "invalid_code")

    expired = add_school(home, "4201000003")
    revoked = add_school(home, "4201000003")  # same school again: just another code
    (first,) = sql(home, "SELECT min(id) FROM enroll_codes WHERE school_code = '4201000003'")
    (second,) = sql(home, "SELECT max(id) FROM enroll_codes WHERE school_code = '4201000003'")
    sql_exec(home, "UPDATE enroll_codes SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = :i", i=first)
    sql_exec(home, "UPDATE enroll_codes SET revoked_at = '2001-01-01T00:00:00.000Z' WHERE id = :i", i=second)
    assert_error(post(url, enroll_body(expired)), 403, "code_expired")
    assert_error(post(url, enroll_body(revoked)), 403, "code_revoked")


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        [],
        {},
        {"code": "X", "device_name": "pc", "app_version": "1"},
        {"code": "X", "device_name": "pc", "app_version": "1", "public_key": "AAAA"},
        {
            "code": "X",
            "device_name": "",
            "app_version": "1",
            "public_key": base64.b64encode(b"k" * 32).decode(),
        },
        {
            "code": 5,
            "device_name": "pc",
            "app_version": "1",
            "public_key": base64.b64encode(b"k" * 32).decode(),
        },
    ],
)
def test_malformed_body_400(hub: tuple[str, Path], body: object) -> None:
    url, _ = hub
    if isinstance(body, str):
        resp = requests.post(f"{url}/api/v1/enroll", data=body, timeout=10)
    else:
        resp = post(url, body)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] in ("bad_request", "bad_json")


def test_two_racing_enrollments_one_wins(hub: tuple[str, Path]) -> None:
    url, home = hub
    code = add_school(home, "4201000004")
    results: list[requests.Response] = []
    barrier = threading.Barrier(4)

    def attempt() -> None:
        barrier.wait()
        results.append(post(url, enroll_body(code)))

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 403, 403, 403]
    assert all(r.json()["error"]["code"] == "code_used" for r in results if r.status_code == 403)
    assert sql(home, "SELECT count(*) FROM devices WHERE school_code = '4201000004'") == (1,)


def test_school_add_is_idempotent_but_refuses_a_rename(hub: tuple[str, Path]) -> None:
    _, home = hub
    add_school(home, "4201000005", "河口教学点")
    add_school(home, "4201000005", "河口教学点")
    rc, _ = cli("school", "add", "4201000005", "--name", "别的名字", home=home)
    assert rc == 1
    rc, out = cli("school", "list", home=home)
    assert rc == 0 and "河口教学点" in out
    rc, out = cli("school", "code", "4201000005", home=home)
    assert rc == 0 and re.fullmatch(
        r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", out.strip().splitlines()[-1]
    )
    assert cli("school", "code", "4209999999", home=home)[0] == 1
