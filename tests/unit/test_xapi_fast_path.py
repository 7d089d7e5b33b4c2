"""The fast path (eduteach_protocol.xapi.fast) and the full check agree: the fast path
never accepts what the full check refuses, on statements made by mutating the app's and on
statements generated from their parts; and it does take the statements the app sends."""

from __future__ import annotations

import copy
import random
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduteach_hub import sampledata
from eduteach_protocol import records, xapi
from eduteach_protocol import xapi as xapi_validate  # the tests below read as before the move
from eduteach_protocol.records import EXT_SCHOOL, StatementError
from eduteach_protocol.xapi.fast import well_formed


def _full_ok(stmt: Any) -> bool:
    """What the full check (no fast path) answers."""
    try:
        xapi.check(stmt)
    except StatementError:
        return False
    return True


def _app_statements() -> list[dict[str, Any]]:
    rng = random.Random(5)
    school = sampledata._schools(rng, 1, "420100")[0]
    out: list[dict[str, Any]] = []
    start = date(2026, 3, 2)
    for st_ in sampledata._events(rng, school, start, start + timedelta(days=3)):
        out.append(st_)
    origin = records.Origin("dev-" + "a" * 32, school.code, "420100", "0.2.0")
    out.append(records.voiding_statement(origin, records.new_statement_id(), 9, out[0]["id"], "2026-03-02T08:00:00Z"))
    return out


APP = _app_statements()


def test_the_apps_statements_take_the_fast_path() -> None:
    kinds = {s["verb"]["id"] for s in APP}
    assert len(kinds) >= 6
    for s in APP:
        assert well_formed(s), s
        assert _full_ok(s)


TRICKY = [
    None, True, 0, 1.5, "", "x", "a:b", "a:b\n", "a: b", "mailto:x@y", "zh-CN", "zh_CN", "PT1S",
    "P1X", "2026-03-02T08:00:00Z", "2026-03-02T08:00:00", "9942010001", "994201000", "Agent",
    "Group", "Activity", "StatementRef", "SubStatement", "http://adlnet.gov/expapi/verbs/voided",
    "11111111-1111-4111-8111-111111111111", "11111111-1111-4111-8111-11111111111Z",
    "{11111111-1111-4111-8111-111111111111}", "11111111-1111-4111-8111-111111111111\n",
    "2.0.0", "3.0.0", [], ["a"], {}, {"zh-CN": "x"}, {"zh CN": "x"}, {"a:b": 1}, {"ab": 1},
    {"homePage": "a:b", "name": "n"}, {"homePage": "ab", "name": "n"}, {"objectType": "Agent"},
]
EXTRA_KEYS = ["objectType", "name", "mbox", "member", "display", "definition", "score", "team",
              "statement", "contextActivities", "stored", "authority", "attachments", "version",
              "platform", "revision", "interactionType", "moreInfo", "contextAgents", "contextGroups",
              "relevantTypes", "choices", "bogus"]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(stmt: dict[str, Any], rng: random.Random) -> Any:
    s: Any = copy.deepcopy(stmt)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(s) if p]
        if not paths:
            return s
        path = rng.choice(paths)
        parent = s
        for k in path[:-1]:
            parent = parent[k]
        action = rng.random()
        if action < 0.5:
            parent[path[-1]] = copy.deepcopy(rng.choice(TRICKY))
        elif action < 0.7 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(EXTRA_KEYS)] = copy.deepcopy(rng.choice(TRICKY))
    return s


@given(st.integers(0, len(APP) - 1), st.randoms(use_true_random=False))
@settings(max_examples=3000, deadline=None)
def test_fast_path_accepts_nothing_the_full_checks_refuse(which: int, rnd: random.Random) -> None:
    s = _mutate(APP[which], rnd)
    if well_formed(s):
        assert _full_ok(s), s


# Statements generated from parts: every place the fast path reads has good values and bad
# ones; a generated statement has at most one bad value (a near miss: where two checks could
# disagree), in a place chosen at random, and its optional parts present or not.
SLOTS: dict[str, tuple[list[Any], list[Any]]] = {
    "id": ([str(uuid.UUID(int=7)), str(uuid.UUID(int=7)).upper()],
           ["", "{11111111-1111-4111-8111-111111111111}", "11111111111141118111111111111111",
            "11111111-1111-4111-8111-111111111111\n", 5]),
    "iri": (["https://w3id.org/eduteach/xapi/verbs/taught", "urn:x", "a:b", "https://例子.中国/课"],
            ["x:", "ab", "a b:c", "http://x/\n", "", 5, None]),
    "text": (["", "小星星"], [5, None, True, 1.5, ["x"]]),
    "lang": (["zh-CN", "en-US"], ["zh_CN", "", "x" * 9, "zh-CN\n", "a b"]),
    "agent_type": (["Agent"], ["Group", "Activity", "agent"]),
    "bool": ([True, False], [None, "true", 1]),
    "duration": (["PT1M30.5S", "P1D", "PT0S"], ["PT", "P", "PT1.S", "1S", 90]),
    "school": (["4201000051"], ["420100005", "42010000511", "420100005x", "4201000051\n", 4201000051]),
    "timestamp": (["2026-03-02T08:00:00Z", "2026-03-02T08:00:00.5+08:00", "2026-03-02T08:00:00.123456-05:00"],
                  ["2026-02-30T08:00:00Z", "2026-03-02T08:00:00", "2026-03-02T24:00:00Z", "2026-03-02",
                   "2026-13-02T08:00:00Z", "2026-03-02T08:00:00+25:00", None]),
    "version": (["2.0.0", "1.0.3"], ["3.0.0", "2.0", None]),
    "object_type": (["Activity"], ["activity", "Thing", None]),
    "extra_key": ([None], ["bogus", "objectType", "member", "definition", "statement"]),
}
WHERE = [
    "id", "actor.home", "actor.name", "actor.objectType", "actor.label", "actor.extra", "verb.id",
    "verb.display", "verb.display.value", "object.id", "object.objectType", "object.name", "object.type",
    "object.ext", "object.extra", "ref.id", "result.completion", "result.success", "result.response",
    "result.duration", "result.ext", "result.extra", "context.registration", "context.instructor",
    "context.platform", "context.language", "context.ext", "context.school", "context.extra",
    "timestamp", "version", "statement.extra",
]


@st.composite
def generated_statements(draw: Any) -> dict[str, Any]:
    bad = draw(st.sampled_from([None, *WHERE]))

    def value(where: str, slot: str) -> Any:
        good, wrong = SLOTS[slot]
        return draw(st.sampled_from(wrong if where == bad else good))

    def present(where: str) -> bool:
        return where == bad or draw(st.booleans())

    def extra(where: str, into: dict[str, Any]) -> dict[str, Any]:
        key = value(where, "extra_key")
        if key is not None:
            into[key] = value("", "text")
        return into

    actor: dict[str, Any] = {"account": {"homePage": value("actor.home", "iri"), "name": value("actor.name", "text")}}
    if present("actor.objectType"):
        actor["objectType"] = value("actor.objectType", "agent_type")
    if present("actor.label"):
        actor["name"] = value("actor.label", "text")
    extra("actor.extra", actor)
    verb: dict[str, Any] = {"id": value("verb.id", "iri")}
    if present("verb.display") or bad == "verb.display.value":
        verb["display"] = {value("verb.display", "lang"): value("verb.display.value", "text")}
    if draw(st.booleans()) or bad == "ref.id":
        verb["id"] = records.VERB_VOIDED
        obj: dict[str, Any] = {"objectType": "StatementRef", "id": value("ref.id", "id")}
    else:
        obj = {"id": value("object.id", "iri")}
        if present("object.objectType"):
            obj["objectType"] = value("object.objectType", "object_type")
        definition: dict[str, Any] = {}
        if present("object.name"):
            definition["name"] = {value("object.name", "lang"): "小星星"}
        if present("object.type"):
            definition["type"] = value("object.type", "iri")
        if present("object.ext"):
            definition["extensions"] = {value("object.ext", "iri"): value("", "text")}
        if definition or draw(st.booleans()):
            obj["definition"] = definition
        extra("object.extra", obj)
    s: dict[str, Any] = {"actor": actor, "verb": verb, "object": obj}
    if present("id"):
        s["id"] = value("id", "id")
    result: dict[str, Any] = {}
    for key, slot in (("completion", "bool"), ("success", "bool"), ("response", "text"), ("duration", "duration")):
        if present(f"result.{key}"):
            result[key] = value(f"result.{key}", slot)
    if present("result.ext"):
        result["extensions"] = {value("result.ext", "iri"): value("", "text")}
    extra("result.extra", result)
    if result or draw(st.booleans()):
        s["result"] = result
    context: dict[str, Any] = {"extensions": {EXT_SCHOOL: value("context.school", "school")}}
    if present("context.ext"):
        context["extensions"][value("context.ext", "iri")] = value("", "text")
    if present("context.registration"):
        context["registration"] = value("context.registration", "id")
    if present("context.instructor"):
        context["instructor"] = {"account": {"homePage": value("context.instructor", "iri"), "name": "t"}}
    if present("context.platform"):
        context["platform"] = value("context.platform", "text")
    if present("context.language"):
        context["language"] = value("context.language", "lang")
    extra("context.extra", context)
    s["context"] = context
    if present("timestamp"):
        s["timestamp"] = value("timestamp", "timestamp")
    if present("version"):
        s["version"] = value("version", "version")
    return extra("statement.extra", s)


@given(generated_statements())
@settings(max_examples=1500, deadline=None)
def test_fast_path_and_full_check_agree_on_generated_statements(s: dict[str, Any]) -> None:
    if well_formed(s):
        assert _full_ok(s), s
        xapi.validate(s)
    else:  # the full check decides; validate() answers as it does
        try:
            xapi.check(s)
        except StatementError as exc:
            with pytest.raises(StatementError) as again:
                xapi.validate(s)
            assert (type(again.value), str(again.value)) == (type(exc), str(exc))
        else:
            xapi.validate(s)


def test_generated_statements_reach_both_answers() -> None:
    """The strategy is not vacuous: it makes fast-path statements, refused ones, and valid
    ones only the full check accepts."""
    from hypothesis import find

    quick = settings(max_examples=2000, database=None)
    find(generated_statements(), lambda s: well_formed(s) and "timestamp" in s and "result" in s, settings=quick)
    find(generated_statements(), lambda s: not _full_ok(s), settings=quick)
    find(generated_statements(), lambda s: _full_ok(s) and not well_formed(s), settings=quick)


@pytest.mark.parametrize("s", APP[:20])
def test_validate_answers_as_before(s: dict[str, Any]) -> None:
    xapi_validate.validate(s)  # accepted, by the fast path
    bad = copy.deepcopy(s)
    bad["actor"]["account"]["homePage"] = "not an iri"
    with pytest.raises(StatementError, match="actor.account.homePage must be an IRI"):
        xapi_validate.validate(bad)  # refused, worded by the full checks


# --- null values (xAPI Data 2.2: none, except inside extensions) ----------------------

def _in_extensions(path: tuple[Any, ...]) -> bool:
    return any(
        k == "extensions" and i > 0 and path[i - 1] in ("context", "result", "definition") and i < len(path) - 1
        for i, k in enumerate(path)
    )


@pytest.mark.parametrize("s", APP[:40])
def test_a_null_anywhere_outside_extensions_is_refused_naming_it(s: dict[str, Any]) -> None:
    for path in _paths(s):
        if not path:
            continue
        bad: Any = copy.deepcopy(s)
        parent = bad
        for k in path[:-1]:
            parent = parent[k]
        parent[path[-1]] = None
        if _in_extensions(path):
            if path[-1] == records.EXT_SCHOOL:  # the profile needs the school code itself
                with pytest.raises(StatementError, match="school-code"):
                    xapi_validate.validate(bad)
                continue
            if {records.EXT_MODES, records.EXT_TRACKS} & set(path):  # the profile's lists hold no null
                assert not well_formed(bad), path
                with pytest.raises(StatementError, match="modes|tracks"):
                    xapi_validate.validate(bad)
                continue
            assert well_formed(bad), path  # an extension's value may be null
            xapi_validate.validate(bad)
            continue
        assert not well_formed(bad), path
        with pytest.raises(xapi_validate.NullValueError) as err:
            xapi_validate.validate(bad)
        want = ".".join(k if isinstance(k, str) else f"[{k}]" for k in path).replace(".[", "[")
        assert err.value.path == want


@pytest.mark.parametrize(
    ("stmt", "path"),
    [
        ({"timestamp": None}, "timestamp"),
        ({"id": None}, "id"),
        ({"result": {"score": {"raw": None}}}, "result.score.raw"),
        ({"context": {"contextActivities": {"parent": [{"id": "a:b"}, {"id": None}]}}},
         "context.contextActivities.parent[1].id"),
        ({"context": {"extensions": None}}, "context.extensions"),  # the object itself
        ({"context": {"extensions": {"a:b": None}}, "result": {"extensions": {"a:b": [None, {"x": None}]}}}, None),
        ({"object": {"definition": {"extensions": {"a:b": None}, "name": {"en-US": None}}}},
         "object.definition.name.en-US"),
        ({"object": {"objectType": "SubStatement", "context": {"extensions": {"a:b": None}}, "timestamp": None}},
         "object.timestamp"),
        ({"actor": {"extensions": {"a:b": None}}}, "actor.extensions.a:b"),  # not an extensions object
        ({"a": {"b": None}, "c": None}, "a.b"),  # the first in document order
        ({"odd key": None}, '["odd key"]'),
        ([None], None),  # not a statement: the other checks refuse it
    ],
)
def test_null_path(stmt: Any, path: str | None) -> None:
    if path == "actor.extensions.a:b":
        path = 'actor.extensions["a:b"]'
    assert xapi_validate.null_path(stmt) == path


def test_null_path_at_any_depth() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(5000):  # deeper than Python's recursion limit
        node["a"] = {}
        node = node["a"]
    node["b"] = None
    path = xapi_validate.null_path(deep)
    assert path is not None and path.endswith(".a.b")


# --- the canonical form (content hashes) ----------------------------------------------

def _canonical_stdlib(value: Any) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
        st.text(), st.sampled_from(["e-5", ":1e-5", "0.00001", "ce-4a", "1e-7,"]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=20,
)


@given(json_values)
@settings(max_examples=3000, deadline=None)
def test_canonical_form_is_the_json_modules_byte_for_byte(value: Any) -> None:
    from eduteach_hub.api.fastjson import canonical_bytes

    try:
        expected = _canonical_stdlib(value)
    except UnicodeEncodeError:  # lone surrogates: the json module's text cannot be UTF-8
        with pytest.raises(UnicodeEncodeError):
            canonical_bytes(value)
        return
    assert canonical_bytes(value) == expected


@pytest.mark.parametrize("x", [1e-5, 4.5e-5, -1e-7, 1e-10, 5e-324, 1e16, 1e22, 0.1, 2**64, -(2**70), 1.5])
def test_canonical_form_of_awkward_numbers(x: Any) -> None:
    from eduteach_hub.api.fastjson import canonical_bytes

    assert canonical_bytes({"a": [x, {"b": x}]}) == _canonical_stdlib({"a": [x, {"b": x}]})


# --- parsing ------------------------------------------------------------------------------

def _reference(data: bytes) -> Any:
    from eduteach_hub.api.common import _reference_loads  # what parse_json always did

    return _reference_loads(data)


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (1 is not 1.0, -0.0 is not 0.0)."""
    import math

    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return math.copysign(1, a) == math.copysign(1, b) and (a == b or a != a)
    return bool(a == b)


json_docs = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False, allow_infinity=False), st.text(),
        st.sampled_from(["G4201002016025412085X", "a:1234567890123456789012", "\ud800"]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=20,
)


@given(json_docs, st.sampled_from([(",", ":"), (", ", ": "), (",\n ", " :\t")]))
@settings(max_examples=2000, deadline=None)
def test_parsing_gives_what_the_json_module_gives(doc: Any, seps: tuple[str, str]) -> None:
    import json

    from eduteach_hub.api.fastjson import loads

    try:
        data = json.dumps(doc, ensure_ascii=False, separators=seps).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: send it escaped
        data = json.dumps(doc, separators=seps).encode("ascii")
    assert _same(loads(data, _reference), _reference(data))


@pytest.mark.parametrize(
    "data",
    [b"[12345678901234567890]", b"[-9223372036854775809]", b'{"a": 123456789012345678901234}',
     b"123456789012345678901", b"[1e400]", b'["\\ud800"]', b"[1.0, -0.0, 5e-324]", b"[0.1, 1E+2]"],
)
def test_parsing_awkward_numbers_and_strings(data: bytes) -> None:
    from eduteach_hub.api.fastjson import loads

    assert _same(loads(data, _reference), _reference(data))


@pytest.mark.parametrize("data", [b"[1,]", b"\xff[]", b"[NaN]", b'{"a" 1}', b"", b"[" * 5000])
def test_parsing_errors_come_from_the_json_module(data: bytes) -> None:
    from eduteach_hub.api.fastjson import loads

    with pytest.raises((ValueError, RecursionError)) as expected:
        _reference(data)
    with pytest.raises(type(expected.value)) as got:
        loads(data, _reference)
    assert str(got.value) == str(expected.value)
