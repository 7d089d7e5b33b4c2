"""xAPI 2.0 data rules beyond the profile's own (eduteach_protocol.xapi, the full
check): context agents and groups, context.statement, a SubStatement's timestamp, unknown
keys in Activity definitions and interaction components; each refusal names the path of
the bad value. And the shared profile's refusal of "timestamp": null."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from eduteach_hub.api import lrs
from eduteach_hub.api.errors import ApiError
from eduteach_hub.db.devices import Device
from eduteach_protocol import records as r
from eduteach_protocol import xapi as xapi_validate
from eduteach_protocol.records import StatementError
from eduteach_protocol.xapi import fast

SCHOOL = "4201000051"
ORIGIN = r.Origin("dev-" + "b" * 32, SCHOOL, "420100", "0.2.0")
LESSON = r.LessonRef("music-g1-star", "小星星", "audio", 1, "music", "人音版", 50.0)
PUPIL = r.pupil_agent("G110101201501011234")
TEACHER = r.teacher_agent(ORIGIN)
GROUP = {"objectType": "Group", "account": {"homePage": "https://w3id.org/eduteach/class", "name": "g1-1"},
         "member": [PUPIL]}
ANON_GROUP = {"objectType": "Group", "member": [PUPIL, r.pupil_agent("G2")]}
ROLE = "https://w3id.org/eduteach/xapi/relevant-type/assistant"


def _statement() -> dict[str, Any]:
    """The app's "completed" statement (Activity object, result, context)."""
    ids = [(str(uuid.uuid4()), i) for i in (1, 2, 3)]
    return r.playback_events(
        ORIGIN, LESSON, ids, "2026-03-02T08:00:00+08:00", "2026-03-02T08:01:00+08:00", 50.0, True
    )[1]


def _sub_statement(**extra: Any) -> dict[str, Any]:
    """A statement whose object is a SubStatement (the app's completed statement, inside)."""
    outer = _statement()
    inner = {k: copy.deepcopy(outer[k]) for k in ("actor", "verb", "object", "result", "context")}
    outer["object"] = {"objectType": "SubStatement", **inner, **extra}
    del outer["context"]["platform"]  # the outer object is not an Activity
    return outer


def _refused(stmt: Any, path: str, match: str | None = None) -> None:
    with pytest.raises(xapi_validate.PathError, match=match) as err:
        xapi_validate.validate(stmt)
    assert err.value.path == path, str(err.value)


Mutation = Callable[[dict[str, Any]], None]


def _ctx(**values: Any) -> Mutation:
    return lambda s: s["context"].update(copy.deepcopy(values))


# --- context.contextAgents / context.contextGroups (xAPI 2.0 Data 2.4.6) ---------------

GOOD_CONTEXT_PARTIES = [
    _ctx(contextAgents=[]),
    _ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL}]),
    _ctx(contextAgents=[
        {"objectType": "contextAgent", "agent": TEACHER, "relevantTypes": [ROLE]},
        {"objectType": "contextAgent", "agent": {"objectType": "Agent", "mbox": "mailto:a@example.org"}},
        {"objectType": "contextAgent", "agent": {"mbox_sha1sum": "a" * 40, "name": "x"},
         "relevantTypes": [ROLE, "urn:x:y"]},
    ]),
    _ctx(contextGroups=[{"objectType": "contextGroup", "group": GROUP}]),
    _ctx(contextGroups=[
        {"objectType": "contextGroup", "group": ANON_GROUP, "relevantTypes": [ROLE]},
        {"objectType": "contextGroup", "group": {"objectType": "Group", "openid": "https://example.org/g"}},
    ]),
    _ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL}],
         contextGroups=[{"objectType": "contextGroup", "group": GROUP, "relevantTypes": [ROLE]}]),
]


@pytest.mark.parametrize("mutate", GOOD_CONTEXT_PARTIES)
def test_context_agents_and_groups_accepted(mutate: Mutation) -> None:
    s = _statement()
    mutate(s)
    assert not fast.well_formed(s)  # the full checks decide
    xapi_validate.validate(s)


CA = "context.contextAgents"
CG = "context.contextGroups"
BAD_CONTEXT_PARTIES = [
    (_ctx(contextAgents={"objectType": "contextAgent", "agent": PUPIL}), CA),
    (_ctx(contextAgents=["x"]), f"{CA}[0]"),
    (_ctx(contextAgents=[{"agent": PUPIL}]), f"{CA}[0].objectType"),
    (_ctx(contextAgents=[{"objectType": "Agent", "agent": PUPIL}]), f"{CA}[0].objectType"),
    (_ctx(contextAgents=[{"objectType": "contextagent", "agent": PUPIL}]), f"{CA}[0].objectType"),
    (_ctx(contextAgents=[{"objectType": "contextGroup", "agent": PUPIL}]), f"{CA}[0].objectType"),
    (_ctx(contextAgents=[{"objectType": "contextAgent"}]), f"{CA}[0].agent"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": {"name": "no identifier"}}]), f"{CA}[0].agent"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": {"key": "Should fail"}}]), f"{CA}[0].agent.key"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": GROUP}]), f"{CA}[0].agent.objectType"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": {"mbox": "a@example.org"}}]), f"{CA}[0].agent.mbox"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL, "relevantTypes": []}]),
     f"{CA}[0].relevantTypes"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL, "relevantTypes": ROLE}]),
     f"{CA}[0].relevantTypes"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL, "relevantTypes": ["abc"]}]),
     f"{CA}[0].relevantTypes[0]"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL, "relevantTypes": [ROLE, 5]}]),
     f"{CA}[0].relevantTypes[1]"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL, "role": ROLE}]), f"{CA}[0].role"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "group": GROUP}]), f"{CA}[0].group"),
    (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": PUPIL}, {"objectType": "contextAgent"}]),
     f"{CA}[1].agent"),
    (_ctx(contextGroups=[{"objectType": "contextAgent", "group": GROUP}]), f"{CG}[0].objectType"),
    (_ctx(contextGroups=[{"group": GROUP}]), f"{CG}[0].objectType"),
    (_ctx(contextGroups=[{"objectType": "contextGroup"}]), f"{CG}[0].group"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": {"key": "Should fail"}}]),
     f"{CG}[0].group.objectType"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": PUPIL}]), f"{CG}[0].group.objectType"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": {"objectType": "Group"}}]), f"{CG}[0].group"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": {**GROUP, "member": [{"mbox": "x"}]}}]),
     f"{CG}[0].group.member[0].mbox"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": GROUP, "relevantTypes": []}]),
     f"{CG}[0].relevantTypes"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": GROUP, "relevantTypes": ["a b"]}]),
     f"{CG}[0].relevantTypes[0]"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": GROUP, "agent": PUPIL}]), f"{CG}[0].agent"),
    (_ctx(contextGroups=[{"objectType": "contextGroup", "group": GROUP, "member": [PUPIL]}]), f"{CG}[0].member"),
]


@pytest.mark.parametrize(("mutate", "path"), BAD_CONTEXT_PARTIES)
def test_bad_context_agents_and_groups_refused_naming_the_path(mutate: Mutation, path: str) -> None:
    s = _statement()
    mutate(s)
    _refused(s, path)


def test_context_agents_of_a_sub_statement() -> None:
    good = _sub_statement()
    good["object"]["context"]["contextAgents"] = [{"objectType": "contextAgent", "agent": PUPIL,
                                                   "relevantTypes": [ROLE]}]
    good["object"]["context"]["contextGroups"] = [{"objectType": "contextGroup", "group": ANON_GROUP}]
    xapi_validate.validate(good)
    bad = copy.deepcopy(good)
    bad["object"]["context"]["contextAgents"][0]["objectType"] = "Agent"
    _refused(bad, "object.context.contextAgents[0].objectType")
    bad = copy.deepcopy(good)
    bad["object"]["context"]["contextGroups"][0]["relevantTypes"] = []
    _refused(bad, "object.context.contextGroups[0].relevantTypes")


# --- context.statement: a StatementRef (xAPI Data 2.4.6, 2.4.4.2) ---------------------

REF_ID = "8f0f4a6e-2d1c-4b7a-9c3e-5a6b7c8d9e0f"


@pytest.mark.parametrize("ref_id", [REF_ID, REF_ID.upper()])
def test_context_statement_ref_accepted(ref_id: str) -> None:
    s = _statement()
    s["context"]["statement"] = {"objectType": "StatementRef", "id": ref_id}
    xapi_validate.validate(s)


@pytest.mark.parametrize(
    ("ref", "path"),
    [
        ("8f0f4a6e-2d1c-4b7a-9c3e-5a6b7c8d9e0f", "context.statement"),
        ([{"objectType": "StatementRef", "id": REF_ID}], "context.statement"),
        ({"id": REF_ID}, "context.statement.objectType"),
        ({"objectType": "Statement", "id": REF_ID}, "context.statement.objectType"),
        ({"objectType": "statementref", "id": REF_ID}, "context.statement.objectType"),
        ({"objectType": "StatementRef"}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": "not-a-uuid"}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": 5}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": "{" + REF_ID + "}"}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": REF_ID.replace("-", "")}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": REF_ID + "\n"}, "context.statement.id"),
        ({"objectType": "StatementRef", "id": REF_ID, "definition": {}}, "context.statement.definition"),
    ],
)
def test_bad_context_statement_refused(ref: Any, path: str) -> None:
    s = _statement()
    s["context"]["statement"] = ref
    _refused(s, path)


def test_statement_refs_in_a_sub_statement_are_checked_alike() -> None:
    s = _sub_statement()
    s["object"]["object"] = {"objectType": "StatementRef", "id": REF_ID}
    del s["object"]["context"]["platform"]
    xapi_validate.validate(s)
    s["object"]["object"]["id"] = "x"
    _refused(s, "object.object.id")
    s = _sub_statement()
    s["object"]["context"]["statement"] = {"objectType": "StatementRef", "id": "x"}
    _refused(s, "object.context.statement.id")


# --- a SubStatement's timestamp (xAPI Data 2.4.4.3, 4.5) -------------------------------

@pytest.mark.parametrize(
    "ts", ["2026-03-02T08:00:00Z", "2026-03-02T08:00:00.123+08:00", "2024-02-29T23:59:59.5-05:00"]
)
def test_sub_statement_timestamp_accepted(ts: str) -> None:
    xapi_validate.validate(_sub_statement(timestamp=ts))


@pytest.mark.parametrize(
    "ts",
    ["yesterday", "", "2026-03-02T08:00:00", "2026-03-02 08:00:00Z", "2026-03-02", "2026-02-30T08:00:00Z",
     "2026-03-02T25:00:00Z", "2026-03-02T08:00:00+25:00", 1767225600, True, {"at": "2026-03-02T08:00:00Z"}],
)
def test_bad_sub_statement_timestamp_refused(ts: Any) -> None:
    _refused(_sub_statement(timestamp=ts), "object.timestamp", match="object.timestamp")


@pytest.mark.parametrize("ts", ["2026-02-30T08:00:00Z", "2026-03-02T08:00:00", "soon"])
def test_the_statements_timestamp_is_checked_the_same_way(ts: str) -> None:
    for check in (lambda: xapi_validate.check_timestamp(ts, "timestamp"),
                  lambda: xapi_validate.check_timestamp(ts, "object.timestamp")):
        with pytest.raises(xapi_validate.PathError):
            check()
    s = _sub_statement()  # not the fast path: the full checks see the statement's timestamp
    s["timestamp"] = ts
    _refused(s, "timestamp")


def test_a_sub_statement_may_hold_only_sub_statement_properties() -> None:
    _refused(_sub_statement(bogus=1), "object.bogus")
    _refused(_sub_statement(id=str(uuid.uuid4())), "object.id", match="cannot have id")
    s = _sub_statement()
    s["object"]["result"]["duration"] = "1 minute"
    _refused(s, "object.result.duration")
    s = _sub_statement()
    s["object"]["verb"]["id"] = "completed"
    _refused(s, "object.verb.id")


def test_a_sub_statements_registration_is_a_uuid() -> None:
    s = _sub_statement()
    s["object"]["context"]["registration"] = str(uuid.uuid4()).upper()
    xapi_validate.validate(s)
    s["object"]["context"]["registration"] = "session-1"
    _refused(s, "object.context.registration")


# --- unknown keys in Activity definitions and interaction components -------------------
# (xAPI Data 2.2.s4.b1.b7: "The LRS MUST reject Statements ... where a key or value is not
# allowed by this specification"; only extensions hold keys of their own.)

INTERACTIONS = {
    "choices": {"interactionType": "choice", "correctResponsesPattern": ["a"],
                "choices": [{"id": "a", "description": {"zh-CN": "甲"}}, {"id": "b"}]},
    "scale": {"interactionType": "likert", "scale": [{"id": "1", "description": {"en-US": "bad"}}, {"id": "2"}]},
    "source": {"interactionType": "matching", "source": [{"id": "s1"}], "target": [{"id": "t1"}],
               "correctResponsesPattern": ["s1[.]t1"]},
    "steps": {"interactionType": "performance", "steps": [{"id": "step1", "description": {"en-US": "one"}}]},
}
INTERACTIONS["target"] = INTERACTIONS["source"]


def _definition(**values: Any) -> Mutation:
    return lambda s: s["object"]["definition"].update(copy.deepcopy(values))


@pytest.mark.parametrize("key", list(INTERACTIONS))
def test_interaction_definitions_accepted(key: str) -> None:
    s = _statement()
    _definition(**INTERACTIONS[key], description={"zh-CN": "题"}, moreInfo="https://example.org/q",
                extensions={"https://example.org/ext": {"anything": ["goes", 1]}})(s)
    xapi_validate.validate(s)


@pytest.mark.parametrize("key", list(INTERACTIONS))
def test_unknown_key_in_an_interaction_component_refused(key: str) -> None:
    s = _statement()
    _definition(**INTERACTIONS[key])(s)
    s["object"]["definition"][key][-1]["label"] = "x"
    last = len(s["object"]["definition"][key]) - 1
    _refused(s, f"object.definition.{key}[{last}].label", match="unknown properties label")


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (_definition(bogus=1), "object.definition.bogus"),
        (_definition(Name={"zh-CN": "x"}), "object.definition.Name"),
        (_definition(interactiontype="choice"), "object.definition.interactiontype"),
        (_definition(**{"odd key": 1}), 'object.definition["odd key"]'),
        (_definition(interactionType="choice", choices=[{"id": "a", "id2": "b"}]), "object.definition.choices[0].id2"),
        (_definition(interactionType="choice", choices=[{"id": "a", "description": {"zh-CN": "甲"}, "extensions": {}}]),
         "object.definition.choices[0].extensions"),
        (_definition(interactionType="choice", choices=[{"id": "a"}, {"id": "a"}]), "object.definition.choices[1].id"),
        (_definition(interactionType="choice", choices=[{"description": {"zh-CN": "甲"}}]),
         "object.definition.choices[0].id"),
        (_definition(interactionType="choice", choices=[{"id": "a", "description": {"not a tag": "x"}}]),
         'object.definition.choices[0].description["not a tag"]'),
        (_definition(choices=[{"id": "a"}]), "object.definition.choices"),
        (lambda s: s["context"].update(contextActivities={"parent": [
            {"id": "https://example.org/course", "definition": {"type": "https://example.org/t", "bogus": 1}}]}),
         "context.contextActivities.parent[0].definition.bogus"),
        (lambda s: s["context"].update(contextActivities={"grouping": {
            "id": "https://example.org/course", "definition": {"interactionType": "likert", "scale": [{"x": 1}]}}}),
         "context.contextActivities.grouping.definition.scale[0].x"),
    ],
)
def test_unknown_or_bad_keys_in_definitions_refused(mutate: Mutation, path: str) -> None:
    s = _statement()
    mutate(s)
    _refused(s, path)


def test_definition_of_a_sub_statements_activity() -> None:
    s = _sub_statement()
    s["object"]["object"]["definition"]["bogus"] = 1
    _refused(s, "object.object.definition.bogus")


@pytest.mark.parametrize(
    ("interaction", "key"),
    [("true-false", "choices"), ("choice", "scale"), ("likert", "choices"), ("matching", "steps"),
     ("performance", "source"), ("sequencing", "target"), ("fill-in", "choices"), ("other", "steps")],
)
def test_component_lists_belong_to_their_interaction_type(interaction: str, key: str) -> None:
    s = _statement()
    _definition(interactionType=interaction, **{key: [{"id": "a"}]})(s)
    _refused(s, f"object.definition.{key}", match=f"not a component list of a {interaction} interaction")


@pytest.mark.parametrize(
    ("interaction", "keys"),
    [("choice", ["choices"]), ("sequencing", ["choices"]), ("likert", ["scale"]),
     ("matching", ["source", "target"]), ("performance", ["steps"])],
)
def test_each_interaction_type_takes_its_own_component_lists(interaction: str, keys: list[str]) -> None:
    s = _statement()
    _definition(interactionType=interaction, **{k: [{"id": "a"}] for k in keys})(s)
    xapi_validate.validate(s)


# --- the batch: 400 invalid_statement with index and path, nothing prepared ------------

DEVICE = Device(ORIGIN.device_id, SCHOOL, "key", "PC", "0.2.0", "2026-01-01T00:00:00.000Z", None, None)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (_ctx(contextAgents=[{"objectType": "contextAgent", "agent": {"name": "x"}}]), "context.contextAgents[0].agent"),
        (_ctx(statement={"objectType": "StatementRef", "id": "x"}), "context.statement.id"),
        (_definition(interactionType="choice", choices=[{"id": "a", "label": "甲"}]), "object.definition.choices[0].label"),
        (lambda s: s.update(timestamp=None), "timestamp"),
        (lambda s: s.update(timestamp="2026-02-30T08:00:00+08:00"), "timestamp"),  # fast path, then stored form
    ],
)
def test_prepare_batch_refuses_with_index_and_path(mutate: Mutation, path: str) -> None:
    good, bad = _statement(), _statement()
    mutate(bad)
    with pytest.raises(ApiError) as err:
        lrs.prepare_batch([good, bad], DEVICE, datetime(2026, 3, 2, tzinfo=UTC))
    assert (err.value.status, err.value.code) == (400, "invalid_statement")
    assert err.value.extra == {"index": 1, "path": path}, err.value.message


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda s: s["context"]["extensions"].update({r.EXT_SCHOOL: "42010"}), f'context.extensions["{r.EXT_SCHOOL}"]'),
        (lambda s: s["context"]["extensions"].pop(r.EXT_SCHOOL), f'context.extensions["{r.EXT_SCHOOL}"]'),
        (lambda s: s.update(bogus=1), "bogus"),
        (lambda s: s.update(id="not-a-uuid"), "id"),
        (lambda s: s["actor"].update(mbox="mailto:a@b.cn"), "actor"),
        (lambda s: s["actor"]["account"].update(homePage="no iri"), "actor.account.homePage"),
        (lambda s: s["verb"].update(id="no iri"), "verb.id"),
        (lambda s: s["verb"].update(display=["x"]), "verb.display"),
        (lambda s: s["object"].update(id="no iri"), "object.id"),
        (lambda s: s["result"].update(duration="90 s"), "result.duration"),
        (lambda s: s["result"].update(completion="yes"), "result.completion"),
        (lambda s: s["context"].update(registration="nope"), "context.registration"),
        (lambda s: s["context"]["extensions"].update({"no iri": 1}), 'context.extensions["no iri"]'),
        (lambda s: s.update(timestamp="08:00"), "timestamp"),
    ],
)
def test_the_profiles_refusals_name_a_path(mutate: Mutation, path: str) -> None:
    """What the profile used to refuse with a message only (the school code, top-level
    properties, ids, the actor, verb, result and context basics) now says where: every
    400 for a bad statement has a path."""
    good, bad = _statement(), _statement()
    mutate(bad)
    with pytest.raises(ApiError) as err:
        lrs.prepare_batch([good, bad], DEVICE, datetime(2026, 3, 2, tzinfo=UTC))
    assert (err.value.status, err.value.code) == (400, "invalid_statement")
    assert err.value.extra == {"index": 1, "path": path}, err.value.message


def test_prepare_batch_accepts_context_agents_and_groups() -> None:
    stmts = []
    for mutate in GOOD_CONTEXT_PARTIES:
        s = _statement()
        mutate(s)
        stmts.append(s)
    ids, prepared = lrs.prepare_batch(stmts, DEVICE, datetime(2026, 3, 2, tzinfo=UTC))
    assert ids == [s["id"] for s in stmts]
    assert [p.new.statement["context"] for p in prepared] == [s["context"] for s in stmts]


# --- the shared profile: "timestamp": null is not a missing timestamp -------------------

def test_profile_refuses_a_null_timestamp() -> None:
    s = _statement()
    xapi_validate.check(s)
    del s["timestamp"]
    xapi_validate.check(s)  # absent: the LRS fills it in
    for bad in (None, "", "2026-03-02", 5):
        s["timestamp"] = bad
        with pytest.raises(StatementError, match="timestamp must be an ISO 8601 date-time"):
            xapi_validate.check_timestamp(s["timestamp"], "timestamp")
        with pytest.raises(StatementError, match="timestamp"):
            xapi_validate.check(s)
