"""The xAPI 2.0 Statement and About resources, section by section (xAPI Communication 2.1
Statement Resource, 2.1.3 GET parameters, 2.1.4 voided statements, 1.5.2 attachments,
2.8 About, and the version header and response codes), against the running hub, on SQLite
and PostgreSQL."""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from eduteach_protocol import batch
from eduteach_protocol import records as r
from tests.integration.hub_helpers import hub_with_devices
from tests.integration.hubproc import (
    XAPI_HEADERS,
    EnrolledDevice,
)

SCHOOL = "4201000051"
OTHER = "4201000052"
REG = str(uuid.uuid4())
ADMIN = ("admin", "correct horse battery")


class Hub:
    def __init__(self, url: str, home: Path, dev: EnrolledDevice, other: EnrolledDevice):
        self.url, self.home, self.dev, self.other = url, home, dev, other
        self.statements = f"{url}/xapi/statements"
        self.origin = r.Origin(dev.id, SCHOOL, "420100", "0.2")
        self.seq = 0

    def next_ids(self, n: int) -> list[tuple[str, int]]:
        out = []
        for _ in range(n):
            self.seq += 1
            out.append((str(uuid.uuid4()), self.seq))
        return out


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("xapi2")
    schools = (SCHOOL, "甲"), (OTHER, "乙")
    with hub_with_devices(
        base, *schools, db_url=module_db_url, admin=True
    ) as (url, home, [dev, other]):
        yield Hub(url, home, dev, other)


LESSON = r.LessonRef("music-g1-star", "小星星", "audio", 1, "music", "人音版", 50.0)


def playback(hub: Hub, lesson: r.LessonRef = LESSON, registration: str | None = REG) -> list[dict]:
    return r.playback_events(
        hub.origin, lesson, hub.next_ids(3), "2026-03-02T08:00:00+08:00",
        "2026-03-02T08:01:00+08:00", 50.0, True, registration=registration,
    )


def post(hub: Hub, body: Any, auth: Any = None, headers: dict | None = None, **kw: Any) -> requests.Response:
    h = {**XAPI_HEADERS, **(headers or {})}
    if "data" not in kw:
        kw["json"] = body
    return requests.post(hub.statements, headers=h, auth=auth or hub.dev.auth, timeout=20, **kw)


def get(hub: Hub, auth: Any = None, headers: dict | None = None, **params: str) -> requests.Response:
    return requests.get(hub.statements, params=params, headers={**XAPI_HEADERS, **(headers or {})}, auth=auth or hub.dev.auth, timeout=20)


def ids_of(resp: requests.Response) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [s["id"] for s in resp.json()["statements"]]


# --- 2.8 About ------------------------------------------------------------------------


def test_about(hub: Hub) -> None:
    resp = requests.get(f"{hub.url}/xapi/about", timeout=10)
    assert resp.status_code == 200
    assert "2.0.0" in resp.json()["version"]
    assert isinstance(resp.json()["extensions"], dict)
    assert requests.head(f"{hub.url}/xapi/about", timeout=10).status_code == 200
    assert requests.get(f"{hub.url}/xapi/about", params={"x": "1"}, timeout=10).status_code == 400


# --- 2.1.1 PUT / 2.1.2 POST ---------------------------------------------------------


def test_put_204_then_same_204_then_different_409(hub: Hub) -> None:
    stmt = playback(hub)[0]
    sid = stmt["id"]
    put = lambda body: requests.put(hub.statements, params={"statementId": sid}, json=body, headers=XAPI_HEADERS, auth=hub.dev.auth, timeout=10)  # noqa: E731
    assert put(stmt).status_code == 204
    assert put(stmt).status_code == 204
    changed = {**stmt, "timestamp": "2026-03-02T09:00:00+08:00"}
    resp = put(changed)
    assert resp.status_code == 409
    assert get(hub, statementId=sid).json()["timestamp"] == stmt["timestamp"], "a 409 changes nothing"


def test_post_returns_ids_in_order_and_batch_duplicate_400(hub: Hub) -> None:
    events = playback(hub)
    resp = post(hub, events)
    assert resp.status_code == 200 and resp.json() == [e["id"] for e in events]
    assert "X-Experience-API-Consistent-Through" in resp.headers
    dup = playback(hub)
    dup[1]["id"] = dup[0]["id"]
    assert post(hub, dup).status_code == 400


def test_compact_batch_media_type(hub: Hub) -> None:
    events = playback(hub) + playback(hub)
    resp = post(hub, None, data=batch.encode(events), headers={"Content-Type": batch.MEDIA_TYPE, "Content-Encoding": "gzip"})
    assert resp.status_code == 200, resp.text
    assert resp.json() == [e["id"] for e in events]
    got = get(hub, statementId=events[2]["id"]).json()
    assert got["result"] == events[2]["result"]
    bad = post(hub, None, data=gzip.compress(b'{"v": 9}'), headers={"Content-Type": batch.MEDIA_TYPE, "Content-Encoding": "gzip"})
    assert bad.status_code == 400


@pytest.mark.parametrize(
    "mutate",
    [
        lambda s: s.update(actor={"objectType": "Agent", "mbox": "not-an-email"}),
        lambda s: s.update(actor={"objectType": "Agent", "mbox": "mailto:a@b.cn", "openid": "http://x/y"}),
        lambda s: s["verb"].update(display={"not a tag!": "x"}),
        lambda s: s.update(result={"score": {"scaled": 2}}),
        lambda s: s.update(result={"score": {"raw": 5, "min": 6}}),
        lambda s: s["object"].update(objectType="Nonsense"),
        lambda s: s["object"].update(definition={"interactionType": "bogus"}),
        lambda s: s.update(version="3.0.0"),
        lambda s: s.update(extra_property=1),
        lambda s: s["context"].update(contextActivities={"sibling": []}),
        lambda s: s.update(attachments=[{"usageType": "http://x/y", "display": {"en": "a"}, "contentType": "text/plain", "length": 1, "sha2": "zz"}]),
        lambda s: s.update(object={"objectType": "SubStatement", "actor": s["actor"], "verb": s["verb"], "object": {"objectType": "SubStatement"}}),
        lambda s: s.update(verb={"id": "http://adlnet.gov/expapi/verbs/voided"}),  # voiding needs a StatementRef
    ],
)
def test_invalid_statements_400_nothing_stored(hub: Hub, mutate: Any) -> None:
    stmt = playback(hub)[0]
    mutate(stmt)
    resp = post(hub, [stmt])
    assert resp.status_code == 400, resp.text
    assert get(hub, statementId=stmt["id"]).status_code == 404


# --- version header -------------------------------------------------------------------


def test_version_header_required_and_echoed(hub: Hub) -> None:
    resp = requests.get(hub.statements, auth=hub.dev.auth, timeout=10)
    assert resp.status_code == 400
    assert resp.headers["X-Experience-API-Version"] == "2.0.0"
    resp = get(hub, headers={"X-Experience-API-Version": "1.0.3"}, limit="1")
    assert resp.status_code == 200 and resp.headers["X-Experience-API-Version"] == "2.0.0"


# --- 2.1.3 GET ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(hub: Hub) -> dict[str, Any]:
    """A small known set: two lessons, two registrations, an attendance and a session."""
    other_lesson = r.LessonRef("art-g2-draw", "画画", "video", 2, "art", "人美版", 90.0)
    reg2 = str(uuid.uuid4())
    a = playback(hub)
    b = playback(hub, other_lesson, registration=reg2)
    (sid, seq), = hub.next_ids(1)
    taught = r.session_statement(hub.origin, sid, seq, reg2, "art", [2], "2026-03-02T09:00:00+08:00", 2400, 1)
    (aid, aseq), = hub.next_ids(1)
    pupil = r.attendance_statement(hub.origin, aid, aseq, reg2, "art", "G110101201501011234", 2, "present", "2026-03-02T09:00:00+08:00")
    for chunk in (a, b, [taught, pupil]):
        assert post(hub, chunk).status_code == 200
    return {"a": a, "b": b, "reg2": reg2, "taught": taught, "pupil": pupil}


def test_get_by_statement_id_headers(hub: Hub, corpus: dict) -> None:
    resp = get(hub, statementId=corpus["a"][0]["id"])
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/json")
    stored = resp.json()["stored"]
    assert email.utils.parsedate_to_datetime(resp.headers["Last-Modified"]).timestamp() == pytest.approx(
        __import__("datetime").datetime.fromisoformat(stored.replace("Z", "+00:00")).timestamp(), abs=1
    )
    assert "X-Experience-API-Consistent-Through" in resp.headers
    assert requests.head(hub.statements, params={"statementId": corpus["a"][0]["id"]}, headers=XAPI_HEADERS, auth=hub.dev.auth, timeout=10).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"statementId": str(uuid.uuid4()), "voidedStatementId": str(uuid.uuid4())},
        {"statementId": str(uuid.uuid4()), "verb": "http://x/y"},
        {"voidedStatementId": str(uuid.uuid4()), "limit": "1"},
        {"unknown": "1"},
        {"verb": "not an iri"},
        {"agent": "{not json"},
        {"agent": json.dumps({"name": "no ifi"})},
        {"registration": "nope"},
        {"related_agents": "yes"},
        {"format": "everything"},
        {"attachments": "1"},
        {"until": "tomorrow"},
    ],
)
def test_get_bad_parameters_400(hub: Hub, params: dict) -> None:
    assert get(hub, **params).status_code == 400


def test_filter_verb_activity_registration(hub: Hub, corpus: dict) -> None:
    term = ids_of(get(hub, verb=r.VERB_TERMINATED, limit="0"))
    assert corpus["a"][2]["id"] in term and corpus["a"][0]["id"] not in term
    art = set(ids_of(get(hub, activity=r.LESSON_BASE + "art-g2-draw", limit="0")))
    assert art == {s["id"] for s in corpus["b"]}
    reg = set(ids_of(get(hub, registration=corpus["reg2"], limit="0")))
    assert reg == {s["id"] for s in corpus["b"]} | {corpus["taught"]["id"], corpus["pupil"]["id"]}


def test_filter_agent_and_related_agents(hub: Hub, corpus: dict) -> None:
    pupil = json.dumps(r.pupil_agent("G110101201501011234"))
    assert ids_of(get(hub, agent=pupil)) == [corpus["pupil"]["id"]]
    teacher = json.dumps(r.teacher_agent(hub.origin))
    as_actor = set(ids_of(get(hub, agent=teacher, limit="0")))
    assert corpus["taught"]["id"] in as_actor and corpus["a"][0]["id"] not in as_actor
    related = set(ids_of(get(hub, agent=teacher, related_agents="true", limit="0")))
    # The teacher is the instructor of every statement: related_agents finds them all.
    assert {s["id"] for s in corpus["a"]} <= related
    device = json.dumps(r.device_agent(hub.dev.id))
    assert corpus["taught"]["id"] in set(ids_of(get(hub, agent=device, related_agents="true", limit="0"))), "authority"


def test_filter_related_activities(hub: Hub, corpus: dict) -> None:
    session = r.SESSION_BASE + corpus["reg2"]
    plain = set(ids_of(get(hub, activity=session, limit="0")))
    assert plain == {corpus["taught"]["id"], corpus["pupil"]["id"]}
    ctx_act = r.LESSON_BASE + "ctx-only"
    (sid, seq), = hub.next_ids(1)
    stmt = r.attendance_statement(hub.origin, sid, seq, corpus["reg2"], "art", "G2", 2, "late", "2026-03-02T09:00:00+08:00")
    stmt["context"]["contextActivities"] = {"grouping": [{"id": ctx_act}]}
    assert post(hub, [stmt]).status_code == 200
    assert ids_of(get(hub, activity=ctx_act)) == []
    assert ids_of(get(hub, activity=ctx_act, related_activities="true")) == [sid]
    # related_activities also matches the object itself (and the new statement, whose
    # object is that session too).
    related = set(ids_of(get(hub, activity=session, related_activities="true", limit="0")))
    assert related == plain | {sid}


def test_since_until_ascending_limit_more(hub: Hub, corpus: dict) -> None:
    everything = ids_of(get(hub, limit="0", ascending="true"))
    seen: list[str] = []
    url, params = hub.statements, {"limit": "3", "ascending": "true"}
    while True:
        resp = requests.get(url, params=params, headers=XAPI_HEADERS, auth=hub.dev.auth, timeout=10)
        page = resp.json()
        assert len(page["statements"]) <= 3
        seen += [s["id"] for s in page["statements"]]
        if not page["more"]:
            break
        assert page["more"].startswith("/xapi/statements?")
        url, params = hub.url + page["more"], None
    assert seen == everything
    newest_first = ids_of(get(hub, limit="0"))
    assert newest_first == list(reversed(everything))
    stored = [s["stored"] for s in get(hub, limit="0", ascending="true").json()["statements"]]
    mid = stored[len(stored) // 2]
    after = get(hub, since=mid, limit="0").json()["statements"]
    assert all(s["stored"] > mid for s in after)
    upto = get(hub, until=mid, limit="0").json()["statements"]
    assert all(s["stored"] <= mid for s in upto)
    assert len(after) + len(upto) == len(stored)
    assert get(hub, since="2999-01-01T00:00:00Z").json() == {"statements": [], "more": ""}


def test_format_ids_and_canonical(hub: Hub, corpus: dict) -> None:
    sid = corpus["a"][2]["id"]
    ids = get(hub, statementId=sid, format="ids").json()
    assert ids["verb"] == {"id": r.VERB_TERMINATED}
    assert ids["object"] == {"objectType": "Activity", "id": corpus["a"][2]["object"]["id"]}
    assert set(ids["actor"]) == {"objectType", "account"}
    canon = get(hub, statementId=sid, format="canonical", headers={"Accept-Language": "en-US, zh;q=0.5"}).json()
    assert canon["verb"]["display"] == {"en-US": "terminated"}
    zh = get(hub, statementId=sid, format="canonical", headers={"Accept-Language": "zh"}).json()
    assert zh["verb"]["display"] == {"zh-CN": "结束"}
    exact = get(hub, statementId=sid).json()
    assert exact["verb"]["display"] == corpus["a"][2]["verb"]["display"]
    listed = get(hub, verb=r.VERB_TERMINATED, format="ids", limit="1").json()["statements"][0]
    assert listed["verb"] == {"id": r.VERB_TERMINATED}


# --- 2.1.4 voided statements and StatementRef filters --------------------------------


def test_voiding_rules(hub: Hub) -> None:
    target = playback(hub)[2]
    assert post(hub, [target]).status_code == 200
    (vid, vseq), = hub.next_ids(1)
    voiding = r.voiding_statement(hub.origin, vid, vseq, target["id"], "2026-03-02T10:00:00+08:00")
    voiding["context"].pop("platform", None)  # xAPI: platform only with an Activity object
    assert post(hub, [voiding]).status_code == 200
    assert get(hub, statementId=target["id"]).status_code == 404
    got = get(hub, voidedStatementId=target["id"])
    assert got.status_code == 200 and got.json()["id"] == target["id"]
    assert get(hub, voidedStatementId=vid).status_code == 404, "only voided statements by voidedStatementId"
    listed = ids_of(get(hub, limit="0"))
    assert target["id"] not in listed and vid in listed
    # StatementRef rule: the voiding statement matches the filters its target matches.
    by_activity = ids_of(get(hub, activity=target["object"]["id"], limit="0"))
    assert vid in by_activity and target["id"] not in by_activity
    # A voiding statement cannot be voided: voiding it is stored but changes nothing.
    (v2, s2), = hub.next_ids(1)
    again = r.voiding_statement(hub.origin, v2, s2, vid, "2026-03-02T10:00:00+08:00")
    again["context"].pop("platform", None)
    assert post(hub, [again]).status_code == 200
    assert get(hub, statementId=vid).status_code == 200


def test_voiding_before_target_arrives(hub: Hub) -> None:
    target = playback(hub)[2]
    (vid, vseq), = hub.next_ids(1)
    voiding = r.voiding_statement(hub.origin, vid, vseq, target["id"], "2026-03-02T10:00:00+08:00")
    voiding["context"].pop("platform", None)
    assert post(hub, [voiding]).status_code == 200
    assert post(hub, [target]).status_code == 200
    assert get(hub, statementId=target["id"]).status_code == 404
    assert get(hub, voidedStatementId=target["id"]).status_code == 200


def test_cannot_void_other_schools_statement(hub: Hub) -> None:
    theirs = r.playback_events(r.Origin(hub.other.id, OTHER, "420100", "0.2"), LESSON, [(str(uuid.uuid4()), 1), (str(uuid.uuid4()), 2), (str(uuid.uuid4()), 3)], "2026-03-02T08:00:00+08:00", "2026-03-02T08:01:00+08:00", 50, True)
    assert post(hub, theirs, auth=hub.other.auth).status_code == 200
    (vid, vseq), = hub.next_ids(1)
    voiding = r.voiding_statement(hub.origin, vid, vseq, theirs[0]["id"], "2026-03-02T10:00:00+08:00")
    voiding["context"].pop("platform", None)
    assert post(hub, [voiding]).status_code == 200
    assert get(hub, auth=hub.other.auth, statementId=theirs[0]["id"]).status_code == 200


# --- 1.5.2 attachments ----------------------------------------------------------------


def _multipart(stmts: list[dict], parts: list[tuple[bytes, str]], boundary: str = "abcABC0123'()+_,-./:=?") -> tuple[bytes, str]:
    out = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode() + json.dumps(stmts).encode()]
    for data, sha in parts:
        out.append(f"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {sha}\r\n\r\n".encode() + data)
    out.append(f"\r\n--{boundary}--".encode())
    return b"".join(out), f'multipart/mixed; boundary="{boundary}"'


def _with_attachment(hub: Hub, data: bytes) -> dict:
    stmt = playback(hub)[2]
    stmt["attachments"] = [{
        "usageType": "http://id.tincanapi.com/attachment/supporting_media",
        "display": {"zh-CN": "课堂照片"}, "contentType": "text/plain",
        "length": len(data), "sha2": hashlib.sha256(data).hexdigest(),
    }]
    return stmt


def test_multipart_attachments_round_trip(hub: Hub) -> None:
    data = "课堂记录 attachment".encode()
    stmt = _with_attachment(hub, data)
    body, ctype = _multipart([stmt], [(data, hashlib.sha256(data).hexdigest())])
    resp = post(hub, None, data=body, headers={"Content-Type": ctype})
    assert resp.status_code == 200, resp.text
    plain = get(hub, statementId=stmt["id"])
    assert plain.headers["Content-Type"].startswith("application/json")
    multi = get(hub, statementId=stmt["id"], attachments="true")
    assert multi.status_code == 200 and multi.headers["Content-Type"].startswith("multipart/mixed")
    assert data in multi.content and hashlib.sha256(data).hexdigest().encode() in multi.content
    listed = get(hub, attachments="true", limit="5")
    assert listed.headers["Content-Type"].startswith("multipart/mixed")


def test_multipart_bad_hash_or_missing_part_400(hub: Hub) -> None:
    data = b"real data"
    stmt = _with_attachment(hub, data)
    body, ctype = _multipart([stmt], [(b"other data", hashlib.sha256(data).hexdigest())])
    assert post(hub, None, data=body, headers={"Content-Type": ctype}).status_code == 400
    body, ctype = _multipart([stmt], [])
    assert post(hub, None, data=body, headers={"Content-Type": ctype}).status_code == 400
    assert post(hub, [stmt]).status_code == 400, "an attachment without fileUrl needs its data"
    assert get(hub, statementId=stmt["id"]).status_code == 404
    with_url = {**stmt, "attachments": [{**stmt["attachments"][0], "fileUrl": "https://example.org/a.txt"}]}
    assert post(hub, [with_url]).status_code == 200


# --- Data 2.2: null values ------------------------------------------------------------
#
# "The LRS MUST reject Statements with any null values (except inside extensions)." A null
# is not an absent property: "timestamp": null is refused, not filled in.

NULL_EXT = "https://example.org/xapi/ext/nullable"


def _refused_for_null(resp: requests.Response, path: str, index: int = 0) -> None:
    assert resp.status_code == 400, resp.text
    err = resp.json()["error"]
    assert err["code"] == "invalid_statement" and err["index"] == index
    assert err["path"] == path and path in err["message"] and "null" in err["message"]


def test_null_timestamp_400_nothing_stored(hub: Hub) -> None:
    good, bad = playback(hub)[:2]
    bad["timestamp"] = None
    _refused_for_null(post(hub, [good, bad]), "timestamp", index=1)
    for st in (good, bad):
        assert get(hub, statementId=st["id"]).status_code == 404, "a batch is refused whole"
    put = lambda body: requests.put(hub.statements, params={"statementId": bad["id"]}, json=body, headers=XAPI_HEADERS, auth=hub.dev.auth, timeout=10)  # noqa: E731
    _refused_for_null(put(bad), "timestamp")
    _refused_for_null(put({**good, "id": None}), "id")  # not replaced by statementId
    assert get(hub, statementId=bad["id"]).status_code == 404


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda s: s.update(id=None), "id"),  # not "assign one": a null id is refused too
        (lambda s: s.update(result={"score": {"raw": None, "max": 10}}), "result.score.raw"),
        (lambda s: s["context"].update(registration=None), "context.registration"),
        (lambda s: s["context"].update(contextActivities={"parent": [{"id": None}]}), "context.contextActivities.parent[0].id"),
        (lambda s: s["context"]["instructor"]["account"].update(name=None), "context.instructor.account.name"),
        (lambda s: s["verb"].update(display={"en-US": "completed", "zh-CN": None}), "verb.display.zh-CN"),
        (lambda s: s["object"]["definition"].update(description=None), "object.definition.description"),
        (lambda s: s["context"].update(extensions=None), "context.extensions"),  # the object itself may not be null
        (lambda s: s.update(version=None), "version"),
        (lambda s: s.update(attachments=None), "attachments"),
    ],
)
def test_null_values_anywhere_else_400_nothing_stored(hub: Hub, mutate: Any, path: str) -> None:
    stmt = playback(hub)[1]
    sid = stmt["id"]
    mutate(stmt)
    _refused_for_null(post(hub, [stmt]), path)
    assert get(hub, statementId=sid).status_code == 404


def test_null_in_an_attachments_metadata_400(hub: Hub) -> None:
    data = b"photo"
    stmt = _with_attachment(hub, data)
    stmt["attachments"][0]["description"] = None
    body, ctype = _multipart([stmt], [(data, hashlib.sha256(data).hexdigest())])
    _refused_for_null(post(hub, None, data=body, headers={"Content-Type": ctype}), "attachments[0].description")
    assert get(hub, statementId=stmt["id"]).status_code == 404


def test_null_inside_extensions_is_kept(hub: Hub) -> None:
    stmt = playback(hub)[1]  # the completed statement: it has a result
    stmt["context"]["extensions"][NULL_EXT] = None
    stmt["result"]["extensions"][NULL_EXT] = {"seen": None, "list": [1, None]}
    stmt["object"]["definition"]["extensions"] = {NULL_EXT: None}
    stmt["context"]["contextActivities"] = {"parent": [{"id": "https://example.org/course", "definition": {"extensions": {NULL_EXT: None}}}]}
    resp = post(hub, [stmt])
    assert resp.status_code == 200, resp.text
    got = get(hub, statementId=stmt["id"]).json()
    for key in ("actor", "verb", "object", "result", "context", "timestamp"):
        assert got[key] == stmt[key], key
    assert got["context"]["extensions"][NULL_EXT] is None
    assert got["result"]["extensions"][NULL_EXT] == {"seen": None, "list": [1, None]}
    listed = get(hub, verb=stmt["verb"]["id"], limit="0").json()["statements"]
    assert [s["context"] for s in listed if s["id"] == stmt["id"]] == [stmt["context"]]
    # the same statement again is a repeat (200), its nulls compared like everything else
    assert post(hub, [stmt]).status_code == 200


# The compact batch: a null in a row means "absent" (the encoder writes null for a path a
# statement lacks, and refuses statements holding null: the app sends those as plain JSON),
# so a row can never carry a null value, not even an extension's. The template can, and so
# can a leaf value (a list or an object) in either: the hub applies the same rule to the
# statements it expands.


def _compact(stmts: list[dict], template: list[tuple[list[str], Any]]) -> bytes:
    """batch.encode(stmts) with each (path, value) put in the template, for every statement
    (a column or template entry at that path taken out first)."""
    doc = json.loads(gzip.decompress(batch.encode(stmts)))
    for path, value in template:
        if path in doc["columns"]:
            i = doc["columns"].index(path)
            del doc["columns"][i]
            for row in doc["rows"]:
                del row[i]
        doc["template"] = [t for t in doc["template"] if t[0] != path] + [[path, value]]
    return gzip.compress(json.dumps(doc, ensure_ascii=False).encode())


def _post_compact(hub: Hub, body: bytes) -> requests.Response:
    return post(hub, None, data=body, headers={"Content-Type": batch.MEDIA_TYPE, "Content-Encoding": "gzip"})


def test_compact_batch_absent_fields_stay_absent(hub: Hub) -> None:
    events = playback(hub, registration=None)  # initialized has no result, none has a registration
    resp = _post_compact(hub, batch.encode(events))
    assert resp.status_code == 200, resp.text
    first = get(hub, statementId=events[0]["id"]).json()
    assert "result" not in first and "registration" not in first["context"]
    assert first["context"] == events[0]["context"]


@pytest.mark.parametrize(
    ("path", "value", "null_at"),
    [
        (["timestamp"], None, "timestamp"),
        (["context", "contextActivities", "parent"], [{"id": None}], "context.contextActivities.parent[0].id"),
        (["result"], {"score": {"raw": None}}, "result.score.raw"),
    ],
)
def test_compact_batch_with_a_null_400_nothing_stored(hub: Hub, path: list[str], value: Any, null_at: str) -> None:
    events = playback(hub)
    _refused_for_null(_post_compact(hub, _compact(events, [(path, value)])), null_at)
    for st in events:
        assert get(hub, statementId=st["id"]).status_code == 404


def test_compact_batch_null_inside_an_extension_is_kept(hub: Hub) -> None:
    events = playback(hub)
    body = _compact(events, [(["context", "extensions", NULL_EXT], None)])
    resp = _post_compact(hub, body)
    assert resp.status_code == 200, resp.text
    for st in events:
        got = get(hub, statementId=st["id"]).json()
        assert got["context"] == {**st["context"], "extensions": {**st["context"]["extensions"], NULL_EXT: None}}


# --- Data 2.4.6 context agents and groups, context.statement; SubStatements; unknown keys --
#
# Refused with the path of the bad value, the whole batch with it; accepted ones come back
# as sent.

ROLE = "https://w3id.org/eduteach/xapi/relevant-type/assistant"
CLASS_GROUP = {
    "objectType": "Group",
    "account": {"homePage": "https://w3id.org/eduteach/class", "name": "g1-1"},
    "member": [r.pupil_agent("G110101201501011234")],
}


def _refused_at(resp: requests.Response, path: str, index: int = 0) -> None:
    assert resp.status_code == 400, resp.text
    err = resp.json()["error"]
    assert err["code"] == "invalid_statement" and err["index"] == index
    assert err["path"] == path, err


def _with_sub_statement(stmt: dict, **extra: Any) -> dict:
    inner = {k: json.loads(json.dumps(stmt[k])) for k in ("actor", "verb", "object", "context")}
    stmt["object"] = {"objectType": "SubStatement", **inner, **extra}
    del stmt["context"]["platform"]  # platform only with an Activity object
    return stmt


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda s: s["context"].update(contextAgents=[{"objectType": "contextAgent", "agent": r.teacher_agent(r.Origin("d", SCHOOL, "420100", "0.2"))}, {"objectType": "contextAgent", "agent": {"name": "no identifier"}}]),
         "context.contextAgents[1].agent"),
        (lambda s: s["context"].update(contextAgents=[{"objectType": "contextAgent", "agent": r.pupil_agent("G1"), "relevantTypes": []}]),
         "context.contextAgents[0].relevantTypes"),
        (lambda s: s["context"].update(contextGroups=[{"objectType": "contextAgent", "group": CLASS_GROUP}]),
         "context.contextGroups[0].objectType"),
        (lambda s: s["context"].update(statement={"objectType": "StatementRef", "id": "not-a-uuid"}), "context.statement.id"),
        (lambda s: _with_sub_statement(s, timestamp="2026-02-30T08:00:00+08:00"), "object.timestamp"),
        (lambda s: _with_sub_statement(s, timestamp="08:00"), "object.timestamp"),
        (lambda s: s["object"]["definition"].update(interactionType="choice", choices=[{"id": "a", "description": {"zh-CN": "甲"}, "label": "A"}]),
         "object.definition.choices[0].label"),
        (lambda s: s["object"]["definition"].update(bogus=1), "object.definition.bogus"),
    ],
)
def test_bad_context_parties_sub_statement_timestamps_and_unknown_keys_400_nothing_stored(
    hub: Hub, mutate: Any, path: str
) -> None:
    good, bad = playback(hub)[:2]
    mutate(bad)
    _refused_at(post(hub, [good, bad]), path, index=1)
    for st in (good, bad):
        assert get(hub, statementId=st["id"]).status_code == 404, "a batch is refused whole"
    put = requests.put(hub.statements, params={"statementId": bad["id"]}, json=bad, headers=XAPI_HEADERS, auth=hub.dev.auth, timeout=10)
    _refused_at(put, path)
    assert get(hub, statementId=bad["id"]).status_code == 404


def test_context_agents_groups_and_sub_statements_stored_and_returned_as_sent(hub: Hub) -> None:
    teacher = r.teacher_agent(hub.origin)
    pupil = r.pupil_agent("G110101201501011234")
    reg = str(uuid.uuid4())
    first, second, third = playback(hub, registration=reg)
    first["context"]["contextAgents"] = [
        {"objectType": "contextAgent", "agent": teacher, "relevantTypes": [ROLE]},
        {"objectType": "contextAgent", "agent": pupil},
    ]
    first["context"]["contextGroups"] = [
        {"objectType": "contextGroup", "group": CLASS_GROUP, "relevantTypes": [ROLE, "urn:eduteach:class"]},
        {"objectType": "contextGroup", "group": {"objectType": "Group", "member": [pupil, teacher]}},
    ]
    first["context"]["statement"] = {"objectType": "StatementRef", "id": str(uuid.uuid4())}
    second["object"]["definition"].update(
        interactionType="choice", correctResponsesPattern=["a"],
        choices=[{"id": "a", "description": {"zh-CN": "甲"}}, {"id": "b"}],
    )
    _with_sub_statement(third, timestamp="2026-03-02T08:00:30.5+08:00")
    third["object"]["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": pupil}]
    resp = post(hub, [first, second, third])
    assert resp.status_code == 200, resp.text
    for st in (first, second, third):
        got = get(hub, statementId=st["id"]).json()
        for key in ("actor", "verb", "object", "result", "context", "timestamp"):
            assert got.get(key) == st.get(key), key
    listed = get(hub, registration=reg, limit="0").json()["statements"]
    assert [s["context"] for s in listed if s["id"] == first["id"]] == [first["context"]]
    assert post(hub, [first, second, third]).status_code == 200  # a repeat: the same content


def test_related_agents_finds_context_agents_and_groups(hub: Hub) -> None:
    """related_agents=true matches an agent named only in contextAgents, a Group named only
    in contextGroups, and that Group's members (xAPI 2.0 Communication 2.1.3)."""
    pupil = r.pupil_agent("G110101201501019999")
    helper = r.pupil_agent("G110101201501018888")
    group = {"objectType": "Group", "account": {"homePage": "https://w3id.org/eduteach/class", "name": "g9-9"},
             "member": [helper]}
    first, second, third = playback(hub, registration=str(uuid.uuid4()))
    first["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": pupil}]
    second["context"]["contextGroups"] = [{"objectType": "contextGroup", "group": group}]
    _with_sub_statement(third)
    third["object"]["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": pupil}]
    assert post(hub, [first, second, third]).status_code == 200

    def related(agent: dict) -> set[str]:
        return set(ids_of(get(hub, agent=json.dumps(agent), related_agents="true", limit="0")))

    assert related(pupil) == {first["id"], third["id"]}
    assert related(group) == {second["id"]}
    assert related(helper) == {second["id"]}  # a member of the context group
    assert not set(ids_of(get(hub, agent=json.dumps(pupil), limit="0")))  # not as actor or object

