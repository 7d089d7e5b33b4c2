"""The xAPI statements resource over real HTTP, with devices enrolled for real."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator

import pytest
import requests

from tests.integration.hub_helpers import TwoSchoolHub, hub_with_devices
from tests.integration.hubproc import (
    XAPI_HEADERS,
    EnrolledDevice,
    add_school,
    cli,
    enroll,
    playback,
    sql,
)

SCHOOL_A = "4201000011"
SCHOOL_B = "4201000012"


@pytest.fixture(scope="module")
def hub(
    tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None
) -> Iterator[TwoSchoolHub]:
    base = tmp_path_factory.mktemp("xapi")
    schools = (SCHOOL_A, "甲教学点"), (SCHOOL_B, "乙教学点")
    with hub_with_devices(base, *schools, db_url=module_db_url) as (url, home, [a, b]):
        yield TwoSchoolHub(url, home, a, b)


def post(
    hub: TwoSchoolHub,
    body: object,
    device: EnrolledDevice | None = None,
    *,
    gz: bool = False,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    device = device or hub.a
    data = json.dumps(body, ensure_ascii=False).encode()
    h = {**XAPI_HEADERS, "Content-Type": "application/json", **(headers or {})}
    if gz:
        data = gzip.compress(data)
        h["Content-Encoding"] = "gzip"
    return requests.post(hub.statements, data=data, headers=h, auth=device.auth, timeout=30)


def fetch(hub: TwoSchoolHub, sid: str, device: EnrolledDevice | None = None) -> requests.Response:
    return requests.get(
        hub.statements,
        params={"statementId": sid},
        headers=XAPI_HEADERS,
        auth=(device or hub.a).auth,
        timeout=10,
    )


def error_code(resp: requests.Response) -> str:
    return resp.json()["error"]["code"]


def test_about_needs_no_auth(hub: TwoSchoolHub) -> None:
    resp = requests.get(f"{hub.url}/xapi/about", timeout=10)
    assert resp.status_code == 200
    assert resp.json()["version"] == ["2.0.0", "1.0.3"]
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"


def test_post_one_plain_and_read_it_back(hub: TwoSchoolHub) -> None:
    stmt = playback(hub.a.id, SCHOOL_A)
    resp = post(hub, stmt)
    assert resp.status_code == 200, resp.text
    assert resp.json() == [stmt["id"]]
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"

    got = fetch(hub, stmt["id"])
    assert got.status_code == 200
    stored = got.json()
    assert stored["authority"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://w3id.org/eduteach/device", "name": hub.a.id},
    }
    assert stored["version"] == "2.0.0"
    assert stored["stored"].endswith("Z") and len(stored["stored"]) == 24
    for key in ("actor", "verb", "object", "result", "context", "timestamp"):
        assert stored[key] == stmt[key]
    assert got.headers["X-Experience-API-Version"] == "2.0.0"
    assert "X-Experience-API-Consistent-Through" in got.headers


def test_post_gzip_batch_ids_in_order_and_assigned(hub: TwoSchoolHub) -> None:
    batch = [playback(hub.a.id, SCHOOL_A, seq=i) for i in range(3)]
    del batch[1]["id"]
    resp = post(hub, batch, gz=True)
    assert resp.status_code == 200, resp.text
    ids = resp.json()
    assert ids[0] == batch[0]["id"] and ids[2] == batch[2]["id"]
    assert str(uuid.UUID(ids[1])) == ids[1]
    assert fetch(hub, ids[1]).status_code == 200


def test_large_answers_are_gzipd_when_the_client_accepts_it(hub: TwoSchoolHub) -> None:
    batch = [playback(hub.a.id, SCHOOL_A, seq=100 + i) for i in range(60)]  # ~2.3 KB of ids
    resp = post(hub, batch, gz=True, headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Encoding"] == "gzip"
    assert resp.json() == [s["id"] for s in batch]  # requests inflates it
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"

    plain = post(hub, [playback(hub.a.id, SCHOOL_A, seq=200 + i) for i in range(60)],
                 headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    small = post(hub, [playback(hub.a.id, SCHOOL_A, seq=300)], headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and "Content-Encoding" not in small.headers  # under 1 KB


def test_repeat_is_idempotent_and_conflict_is_409(hub: TwoSchoolHub) -> None:
    first = playback(hub.a.id, SCHOOL_A, seq=10)
    assert post(hub, [first]).status_code == 200
    stored_before = fetch(hub, first["id"]).json()["stored"]

    # The app retries after a lost answer: same content (even with an upper-case id) -> 200.
    retry = {**first, "id": first["id"].upper()}
    again = post(hub, [retry, playback(hub.a.id, SCHOOL_A, seq=11)])
    assert again.status_code == 200, again.text
    assert again.json()[0] == first["id"]
    assert fetch(hub, first["id"]).json()["stored"] == stored_before

    fresh = playback(hub.a.id, SCHOOL_A, seq=12)
    changed = {**first, "result": {**first["result"], "completion": False}}
    resp = post(hub, [fresh, changed])
    assert resp.status_code == 409
    assert error_code(resp) == "conflict"
    assert resp.json()["error"]["index"] == 1
    assert fetch(hub, fresh["id"]).status_code == 404, "nothing of a refused batch is stored"


def test_duplicate_ids_in_one_batch(hub: TwoSchoolHub) -> None:
    stmt = playback(hub.a.id, SCHOOL_A, seq=20)
    # xAPI Communication 2.1.2: one id twice in a batch is refused, even with equal content.
    same = post(hub, [stmt, dict(stmt)])
    assert same.status_code == 400 and error_code(same) == "duplicate_id"
    other = playback(hub.a.id, SCHOOL_A, seq=21)
    clash = {**playback(hub.a.id, SCHOOL_A, seq=22), "id": other["id"]}
    resp = post(hub, [other, clash])
    assert resp.status_code == 400 and error_code(resp) == "duplicate_id"
    assert fetch(hub, other["id"]).status_code == 404


def test_other_schools_statement_is_403_and_nothing_stored(hub: TwoSchoolHub) -> None:
    mine = playback(hub.a.id, SCHOOL_A, seq=30)
    theirs = playback(hub.a.id, SCHOOL_B, seq=31)
    resp = post(hub, [mine, theirs])
    assert resp.status_code == 403
    assert error_code(resp) == "wrong_school" and resp.json()["error"]["index"] == 1
    assert fetch(hub, mine["id"]).status_code == 404
    assert fetch(hub, theirs["id"], hub.b).status_code == 404


def test_invalid_statement_400_names_index(hub: TwoSchoolHub) -> None:
    good = playback(hub.a.id, SCHOOL_A, seq=40)
    bad = playback(hub.a.id, SCHOOL_A, seq=41)
    bad["verb"] = {"id": "not an iri"}
    resp = post(hub, [good, bad])
    assert resp.status_code == 400
    err = resp.json()["error"]
    assert err["code"] == "invalid_statement" and err["index"] == 1 and "verb" in err["message"]
    assert fetch(hub, good["id"]).status_code == 404
    for body in ("nonsense", 5, [5]):
        resp = post(hub, body)
        assert resp.status_code == 400, body
    resp = requests.post(
        hub.statements, data=b'{"id": NaN}', headers=XAPI_HEADERS, auth=hub.a.auth, timeout=10
    )
    assert resp.status_code == 400 and error_code(resp) == "bad_json"


@pytest.mark.parametrize("auth", ["none", "wrong_secret", "unknown_device", "not_basic"])
def test_bad_credentials_401(hub: TwoSchoolHub, auth: str) -> None:
    stmt = playback(hub.a.id, SCHOOL_A)
    kwargs: dict = {}
    headers = dict(XAPI_HEADERS)
    if auth == "wrong_secret":
        kwargs["auth"] = (hub.a.id, hub.a.secret + "x")
    elif auth == "unknown_device":
        kwargs["auth"] = ("dev-" + "0" * 32, hub.a.secret)
    elif auth == "not_basic":
        headers["Authorization"] = f"Bearer {hub.a.secret}"
    resp = requests.post(hub.statements, json=stmt, headers=headers, timeout=10, **kwargs)
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == 'Basic realm="EduTeach"'
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"
    assert error_code(resp) == "unauthorized"


@pytest.mark.parametrize("version", [None, "3.0.0", "0.95", "1.0.3", "2.0"])
def test_version_header(hub: TwoSchoolHub, version: str | None) -> None:
    headers = {"Content-Type": "application/json"}
    if version:
        headers["X-Experience-API-Version"] = version
    stmt = playback(hub.a.id, SCHOOL_A)
    resp = requests.post(hub.statements, json=stmt, headers=headers, auth=hub.a.auth, timeout=10)
    if version in ("1.0.3", "2.0"):
        assert resp.status_code == 200
    else:
        assert resp.status_code == 400 and error_code(resp) == "bad_version"
        assert resp.headers["X-Experience-API-Version"] == "2.0.0"


def test_gzip_bomb_413(hub: TwoSchoolHub) -> None:
    # 60 MB of JSON whitespace compresses to ~60 KB: small on the wire, too big unpacked.
    bomb = gzip.compress(b"[" + b" " * (60 * 1024 * 1024) + b"]", compresslevel=9)
    assert len(bomb) < 200_000
    resp = requests.post(
        hub.statements,
        data=bomb,
        headers={**XAPI_HEADERS, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        auth=hub.a.auth,
        timeout=30,
    )
    assert resp.status_code == 413 and error_code(resp) == "too_large"


def test_body_over_10mb_413(hub: TwoSchoolHub) -> None:
    resp = requests.post(
        hub.statements,
        data=b" " * (10 * 1024 * 1024 + 1),
        headers={**XAPI_HEADERS, "Content-Type": "application/json"},
        auth=hub.a.auth,
        timeout=30,
    )
    assert resp.status_code == 413


def test_broken_gzip_400(hub: TwoSchoolHub) -> None:
    whole = gzip.compress(json.dumps([playback(hub.a.id, SCHOOL_A)]).encode())
    for data in (b"not gzip at all", whole[: len(whole) // 2]):
        resp = requests.post(
            hub.statements,
            data=data,
            headers={**XAPI_HEADERS, "Content-Encoding": "gzip"},
            auth=hub.a.auth,
            timeout=10,
        )
        assert resp.status_code == 400 and error_code(resp) == "bad_encoding"


def test_put_one_statement(hub: TwoSchoolHub) -> None:
    stmt = playback(hub.a.id, SCHOOL_A, seq=50)
    sid = stmt.pop("id")
    resp = requests.put(
        hub.statements,
        params={"statementId": sid},
        json=stmt,
        headers=XAPI_HEADERS,
        auth=hub.a.auth,
        timeout=10,
    )
    assert resp.status_code == 204, resp.text
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"
    assert fetch(hub, sid).json()["id"] == sid
    other = str(uuid.uuid4())
    resp = requests.put(
        hub.statements,
        params={"statementId": other},
        json={**stmt, "id": sid},
        headers=XAPI_HEADERS,
        auth=hub.a.auth,
        timeout=10,
    )
    assert resp.status_code == 400
    resp = requests.put(
        hub.statements, json=stmt, headers=XAPI_HEADERS, auth=hub.a.auth, timeout=10
    )
    assert resp.status_code == 400


def test_get_lists_only_own_school_with_paging(hub: TwoSchoolHub) -> None:
    ids = post(hub, [playback(hub.b.id, SCHOOL_B, seq=i) for i in range(5)], hub.b).json()
    seen: list[str] = []
    params: dict[str, str] | None = {"limit": "2", "ascending": "true"}
    url = hub.statements
    while True:
        resp = requests.get(url, params=params, headers=XAPI_HEADERS, auth=hub.b.auth, timeout=10)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert len(page["statements"]) <= 2
        seen += [s["id"] for s in page["statements"]]
        if not page["more"]:
            break
        url, params = hub.url + page["more"], None
    assert sorted(seen) == sorted(ids)
    # School A's device sees none of B's statements, by list or by id.
    listed = requests.get(
        hub.statements, params={"limit": "500"}, headers=XAPI_HEADERS, auth=hub.a.auth, timeout=10
    )
    assert not set(ids) & {s["id"] for s in listed.json()["statements"]}
    assert fetch(hub, ids[0], hub.a).status_code == 404
    newest = requests.get(
        hub.statements, params={"limit": "1"}, headers=XAPI_HEADERS, auth=hub.b.auth, timeout=10
    )
    assert newest.json()["statements"][0]["id"] in ids
    later = requests.get(
        hub.statements,
        params={"since": "2999-01-01T00:00:00Z"},
        headers=XAPI_HEADERS,
        auth=hub.b.auth,
        timeout=10,
    )
    assert later.json() == {"statements": [], "more": ""}


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "x"},
        {"limit": "many"},
        {"limit": "-1"},
        {"ascending": "yes"},
        {"since": "yesterday"},
        {"statementId": "nope"},
        {"cursor": "!!"},
    ],
)
def test_get_bad_params_400(hub: TwoSchoolHub, params: dict[str, str]) -> None:
    resp = requests.get(
        hub.statements, params=params, headers=XAPI_HEADERS, auth=hub.a.auth, timeout=10
    )
    assert resp.status_code == 400 and error_code(resp) == "bad_parameter"


def test_post_with_query_params_400(hub: TwoSchoolHub) -> None:
    resp = requests.post(
        hub.statements,
        params={"foo": "1"},
        json=playback(hub.a.id, SCHOOL_A),
        headers=XAPI_HEADERS,
        auth=hub.a.auth,
        timeout=10,
    )
    assert resp.status_code == 400


def test_voiding(hub: TwoSchoolHub) -> None:
    target = playback(hub.a.id, SCHOOL_A, seq=60)
    assert post(hub, [target]).status_code == 200
    voiding = {
        "id": str(uuid.uuid4()),
        "actor": target["actor"],
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target["id"]},
        "context": {"extensions": target["context"]["extensions"]},
        "timestamp": target["timestamp"],
    }
    assert post(hub, [voiding]).status_code == 200
    assert fetch(hub, target["id"]).status_code == 404
    assert fetch(hub, voiding["id"]).status_code == 200


def test_revoked_device_gets_401_and_last_seen_is_kept(hub: TwoSchoolHub) -> None:
    code = add_school(hub.home, SCHOOL_A, "甲教学点")
    device = enroll(hub.url, code)
    assert post(hub, [playback(device.id, SCHOOL_A)], device).status_code == 200
    (last_seen,) = sql(hub.home, "SELECT last_seen_at FROM devices WHERE id = :d", d=device.id)
    assert last_seen is not None
    rc, out = cli("device", "list", "--school", SCHOOL_A, home=hub.home)
    assert rc == 0 and device.id in out
    assert cli("device", "revoke", device.id, home=hub.home)[0] == 0
    resp = post(hub, [playback(device.id, SCHOOL_A)], device)
    assert resp.status_code == 401
    assert cli("device", "revoke", "dev-nope", home=hub.home)[0] == 1


def test_unknown_route_json_404(hub: TwoSchoolHub) -> None:
    resp = requests.get(f"{hub.url}/no/such/thing", timeout=10)
    assert resp.status_code == 404 and error_code(resp) == "not_found"
    resp = requests.delete(hub.statements, timeout=10)
    assert resp.status_code == 405 and error_code(resp) == "method_not_allowed"


def test_concurrent_repeats_store_one_copy(hub: TwoSchoolHub) -> None:
    import threading

    batch = [playback(hub.a.id, SCHOOL_A, seq=100 + i) for i in range(20)]
    results: list[int] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        barrier.wait()
        results.append(post(hub, batch, gz=True).status_code)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 6
    ids = {f"i{i}": s["id"] for i, s in enumerate(batch)}
    (n,) = sql(
        hub.home, f"SELECT count(*) FROM statements WHERE id IN ({','.join(':' + k for k in ids)})", **ids
    )
    assert n == len(batch)
