"""Admin accounts and authorization: who may read and write which school's records, and
what happens to expired, revoked and used enrollment codes and revoked devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.integration.hub_helpers import TwoSchoolHub, hub_with_devices
from tests.integration.hubproc import (
    XAPI_HEADERS,
    add_admin,
    add_school,
    cli,
    enroll,
    enroll_body,
    init_home,
    playback,
    run_cli,
    sql,
)

SCHOOL_A = "4201000041"
SCHOOL_B = "4201000042"


@pytest.fixture(scope="module")
def hub(
    tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None
) -> Iterator[TwoSchoolHub]:
    base = tmp_path_factory.mktemp("admin")
    with hub_with_devices(
        base, SCHOOL_A, SCHOOL_B, db_url=module_db_url, admin=True
    ) as (url, home, [a, b]):
        for dev in (a, b):
            resp = requests.post(
                f"{url}/xapi/statements", json=[playback(dev.id, dev.school)],
                headers=XAPI_HEADERS, auth=dev.auth, timeout=10,
            )
            assert resp.status_code == 200, resp.text
        yield TwoSchoolHub(url, home, a, b)


def _list(hub: TwoSchoolHub, auth: tuple[str, str]) -> requests.Response:
    return requests.get(hub.statements, params={"limit": "0"}, headers=XAPI_HEADERS, auth=auth, timeout=10)


def test_user_add_cli_reads_password_from_stdin(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    res = run_cli("user", "add", "county.staff", "--role", "admin", "--password-stdin", home=home, input_text="s3cret-password-here\n")
    assert res.returncode == 0, res.stderr
    assert "added" in res.stdout
    hashed = sql(home, "SELECT password_hash FROM users WHERE name = 'county.staff'")[0]
    assert hashed.startswith("$argon2id$") and "s3cret" not in hashed
    short = run_cli("user", "add", "x.y", "--password-stdin", home=home, input_text="short\n")
    assert short.returncode == 1 and "at least" in short.stderr
    bad = run_cli("user", "add", "dev-1234", "--password-stdin", home=home, input_text="long enough password\n")
    assert bad.returncode == 1
    rc, out = cli("user", "list", home=home)
    assert rc == 0 and "county.staff" in out


def test_admin_reads_every_school_device_only_its_own(hub: TwoSchoolHub) -> None:
    admin = _list(hub, ("admin", "correct horse battery"))
    assert admin.status_code == 200, admin.text
    schools = {s["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/school-code"] for s in admin.json()["statements"]}
    assert schools == {SCHOOL_A, SCHOOL_B}
    mine = _list(hub, hub.a.auth).json()["statements"]
    assert {s["actor"]["account"]["name"] for s in mine} == {hub.a.id}
    other = mine[0]["id"]
    assert requests.get(hub.statements, params={"statementId": other}, headers=XAPI_HEADERS, auth=hub.b.auth, timeout=10).status_code == 404
    assert requests.get(hub.statements, params={"statementId": other}, headers=XAPI_HEADERS, auth=("admin", "correct horse battery"), timeout=10).status_code == 200


def test_admin_wrong_password_and_disabled(hub: TwoSchoolHub) -> None:
    assert _list(hub, ("admin", "wrong password!")).status_code == 401
    assert _list(hub, ("nobody", "correct horse battery")).status_code == 401
    add_admin(hub.home, "temp.admin", "temporary password")
    assert _list(hub, ("temp.admin", "temporary password")).status_code == 200
    assert cli("user", "disable", "temp.admin", home=hub.home)[0] == 0
    assert _list(hub, ("temp.admin", "temporary password")).status_code == 401


def test_admin_cannot_write(hub: TwoSchoolHub) -> None:
    resp = requests.post(hub.statements, json=[playback(hub.a.id, SCHOOL_A)], headers=XAPI_HEADERS, auth=("admin", "correct horse battery"), timeout=10)
    assert resp.status_code == 403


def test_device_writing_another_schools_records(hub: TwoSchoolHub) -> None:
    stmt = playback(hub.a.id, SCHOOL_B)
    resp = requests.post(hub.statements, json=[stmt], headers=XAPI_HEADERS, auth=hub.a.auth, timeout=10)
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "wrong_school"
    assert sql(hub.home, "SELECT count(*) FROM statements WHERE id = :i", i=stmt["id"]) == (0,)


def test_expired_code(hub: TwoSchoolHub) -> None:
    code = add_school(hub.home, SCHOOL_A)
    # Age the newest code instead of waiting a day.
    from sqlalchemy import text

    from eduteach_hub.config import HubHome
    from eduteach_hub.db import Database

    db = Database.open(HubHome(hub.home).db_url)
    with db.write() as conn:
        conn.execute(text("UPDATE enroll_codes SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = (SELECT max(id) FROM enroll_codes)"))
    db.dispose()
    resp = requests.post(f"{hub.url}/api/v1/enroll", json=enroll_body(code), timeout=10)
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "code_expired"
    rc, out = cli("code", "list", "--school", SCHOOL_A, home=hub.home)
    assert rc == 0 and "expired" in out


def test_revoked_code_cli(hub: TwoSchoolHub) -> None:
    code = add_school(hub.home, SCHOOL_B)
    assert cli("code", "revoke", code, home=hub.home)[0] == 0
    resp = requests.post(f"{hub.url}/api/v1/enroll", json=enroll_body(code), timeout=10)
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "code_revoked"
    assert cli("code", "revoke", code, home=hub.home)[0] == 1, "a revoked code cannot be revoked again"
    code2 = add_school(hub.home, SCHOOL_B)
    rc, out = cli("code", "revoke", "--school", SCHOOL_B, home=hub.home)
    assert rc == 0 and "1 open code" in out
    assert requests.post(f"{hub.url}/api/v1/enroll", json=enroll_body(code2), timeout=10).status_code == 403


def test_revoked_device_cannot_read_or_write(hub: TwoSchoolHub) -> None:
    device = enroll(hub.url, add_school(hub.home, SCHOOL_A))
    assert _list(hub, device.auth).status_code == 200
    assert cli("device", "revoke", device.id, home=hub.home)[0] == 0
    assert _list(hub, device.auth).status_code == 401
    resp = requests.post(hub.statements, json=[playback(device.id, SCHOOL_A)], headers=XAPI_HEADERS, auth=device.auth, timeout=10)
    assert resp.status_code == 401
