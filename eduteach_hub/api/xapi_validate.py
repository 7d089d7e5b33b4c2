"""Stricter xAPI 2.0 statement checks than the shared profile validator, hub side.

eduteach_protocol.records.validate_profile_statement checks what the app relies on; an LRS
must also refuse statements that break the standard's data rules (xAPI Data, section 2.4)
so that what it stores can be handed to any other xAPI tool. Raises StatementError; the
checks made here raise PathError, a StatementError that also names the path of the bad
value (e.g. context.contextAgents[0].agent.mbox), and NullValueError, a PathError, for a
null value (xAPI Data 2.2, "The LRS MUST reject Statements with any null values (except
inside extensions)").
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, NoReturn

from eduteach_hub.db.times import parse_iso
from eduteach_protocol.records import DURATION_RE as PROFILE_DURATION_RE
from eduteach_protocol.records import (
    EXT_SCHOOL,
    SCHOOL_CODE_RE,
    StatementError,
    validate_profile_statement,
)
from eduteach_protocol.records import IRI_RE as PROFILE_IRI_RE
from eduteach_protocol.records import TIMESTAMP_RE as PROFILE_TIMESTAMP_RE

_LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")
_IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*\Z")
_SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}\Z")
_SHA2_RE = re.compile(r"^[0-9a-fA-F]{56}\Z|^[0-9a-fA-F]{64}\Z|^[0-9a-fA-F]{96}\Z|^[0-9a-fA-F]{128}\Z")
_VERSION_RE = re.compile(r"^(1\.0|2\.0)\.\d+\Z")
# xAPI Data 4.4: a UUID in its standard string form (any case).
_UUID_FULL = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
_INTERACTIONS = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
_AGENT_KEYS = frozenset({"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"})
_GROUP_KEYS = _AGENT_KEYS | {"member"}
_ACTIVITY_KEYS = frozenset({"objectType", "id", "definition"})
# xAPI Data 2.4.4.1 Activity Definition; the interaction properties are in its
# "Interaction Activities" table. Only extensions may hold other keys (Data 2.2.s4.b1.b7).
_DEFINITION_KEYS = frozenset({
    "name", "description", "type", "moreInfo", "extensions", "interactionType",
    "correctResponsesPattern", *_COMPONENT_LISTS,
})
_COMPONENT_KEYS = frozenset({"id", "description"})  # Interaction Components
_VERB_KEYS = frozenset({"id", "display"})
_RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration", "extensions"})
_SCORE_KEYS = frozenset({"scaled", "raw", "min", "max"})
_CONTEXT_KEYS = frozenset({
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions", "contextAgents", "contextGroups",
})
# xAPI 2.0 Data 2.4.6 Context: contextAgents / contextGroups hold Context Agent and
# Context Group Objects (their tables): objectType "contextAgent" / "contextGroup"
# (required), agent (an Agent) / group (a Group) (required), relevantTypes (optional, a
# collection of one or more IRIs).
_CONTEXT_PARTIES = (
    ("contextAgents", "contextAgent", "agent"),
    ("contextGroups", "contextGroup", "group"),
)
_STATEMENT_REF_KEYS = frozenset({"objectType", "id"})
_SUBSTATEMENT_KEYS = frozenset({
    "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments",
})
_ATTACHMENT_KEYS = frozenset({
    "usageType", "display", "description", "contentType", "length", "sha2", "fileUrl",
})


class PathError(StatementError):
    """A statement refused for the value at path (e.g. object.definition.choices[0].id)."""

    def __init__(self, message: str, path: str):
        super().__init__(message)
        self.path = path


def _fail(msg: str, path: str) -> NoReturn:
    raise PathError(msg, path)


# --- null values ------------------------------------------------------------------------
#
# xAPI Data 2.2 (LRS Requirements): "The LRS MUST reject Statements with any null values
# (except inside extensions)". An extension's value is arbitrary JSON, null included; a
# null anywhere else is refused, even where the property is optional ("timestamp": null is
# not a missing timestamp). Extensions objects are the "extensions" of a context, a result
# and an Activity definition (in a statement or its SubStatement): the walk skips the
# values of an "extensions" property of an object reached as context, result or
# definition. The extensions object itself must not be null.

_EXTENSION_HOLDERS = frozenset({"context", "result", "definition"})
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\Z").match


class NullValueError(PathError):
    """A null value outside extensions; path says where (e.g. context.registration)."""

    def __init__(self, path: str):
        super().__init__(
            f"{path} is null; xAPI statements may hold null only inside extensions "
            "(leave an optional property out instead)",
            path,
        )


def _key_path(prefix: str, key: str) -> str:
    if _PLAIN_KEY(key):
        return f"{prefix}.{key}" if prefix else key
    return f"{prefix}[{json.dumps(key, ensure_ascii=False)}]"


def null_path(stmt: Any) -> str | None:
    """Where the first null value of a statement is, outside extensions (None: nowhere).

    Paths read like the other messages: timestamp, result.score.raw,
    context.contextActivities.parent[0].id. Iterative, so any depth the JSON parser
    allows is fine.
    """
    if type(stmt) is not dict:
        return None  # not a statement at all: the other checks say so
    # (value, its path, the key it was reached by), popped in document order
    stack: list[tuple[Any, str, str]] = [(stmt, "", "")]
    while stack:
        value, path, key = stack.pop()
        if value is None:
            return path
        if type(value) is dict:
            holder = key in _EXTENSION_HOLDERS
            children = [
                (v, _key_path(path, k), k)
                for k, v in value.items()
                if not (holder and k == "extensions" and v is not None)
            ]
            stack.extend(reversed(children))
        elif type(value) is list:
            stack.extend((value[i], f"{path}[{i}]", "") for i in range(len(value) - 1, -1, -1))
    return None


def check_nulls(stmt: Any) -> None:
    """Raise NullValueError for a null value outside extensions."""
    path = null_path(stmt)
    if path is not None:
        raise NullValueError(path)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(f"{where} must be an object", where)
    out: dict[str, Any] = value
    return out


def _only(obj: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    """Refuse keys the standard does not define here (xAPI Data 2.2.s4.b1.b7: "The LRS MUST
    reject Statements ... where a key or value is not allowed by this specification");
    the path is the first such key's."""
    extra = [k for k in obj if k not in allowed]
    if extra:
        _fail(f"{where}: unknown properties {', '.join(sorted(extra))}", _key_path(where, extra[0]))


def _iri(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _IRI_RE.match(value):
        _fail(f"{where} must be an IRI", where)


def _lang_map(value: Any, where: str) -> None:
    m = _obj(value, where)
    for k, v in m.items():
        if not _LANG_RE.match(k) or not isinstance(v, str):
            _fail(f"{where} must be a language map (RFC 5646 tags to strings)", _key_path(where, k))


def _extensions(value: Any, where: str) -> None:
    for k in _obj(value, where):
        if not _IRI_RE.match(k):
            _fail(f"{where} keys must be IRIs", _key_path(where, k))


def check_timestamp(value: Any, where: str) -> None:
    """An ISO 8601 date-time with a time zone that is a real instant (xAPI Data 4.5): the
    shared profile's pattern, then parsed as the hub stores it. The statement's timestamp
    and a SubStatement's are checked alike."""
    if not (isinstance(value, str) and PROFILE_TIMESTAMP_RE.match(value)):
        _fail(f"{where} must be an ISO 8601 date-time with a time zone", where)
    try:
        parse_iso(value)
    except ValueError:
        _fail(f"{where} is not a valid date-time", where)


def _statement_ref(value: Any, where: str) -> None:
    """xAPI Data 2.4.4.2 Statement References: objectType "StatementRef" and a UUID id."""
    ref = _obj(value, where)
    _only(ref, _STATEMENT_REF_KEYS, where)
    if ref.get("objectType") != "StatementRef":
        _fail(f'{where}.objectType must be "StatementRef"', f"{where}.objectType")
    if "id" not in ref:
        _fail(f"{where}.id is required (the referenced statement's UUID)", f"{where}.id")
    if not isinstance(ref["id"], str) or not _UUID_FULL(ref["id"]):
        _fail(f"{where}.id must be a UUID", f"{where}.id")


def check_agent(value: Any, where: str, *, group_ok: bool = True) -> None:
    a = _obj(value, where)
    otype = a.get("objectType", "Agent")
    if otype not in ("Agent", "Group") or (otype == "Group" and not group_ok):
        _fail(f"{where}.objectType must be Agent" + (" or Group" if group_ok else ""), f"{where}.objectType")
    _only(a, _GROUP_KEYS if otype == "Group" else _AGENT_KEYS, where)
    ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in a]
    if len(ifis) > 1:
        _fail(f"{where} must have at most one inverse functional identifier", where)
    if not ifis and otype == "Agent":
        _fail(f"{where}: an Agent needs an inverse functional identifier", where)
    if "name" in a and not isinstance(a["name"], str):
        _fail(f"{where}.name must be a string", f"{where}.name")
    if "mbox" in a and not (isinstance(a["mbox"], str) and re.match(r"^mailto:[^@\s]+@[^@\s]+$", a["mbox"])):
        _fail(f"{where}.mbox must be a mailto: IRI", f"{where}.mbox")
    if "mbox_sha1sum" in a and not (isinstance(a["mbox_sha1sum"], str) and _SHA1_RE.match(a["mbox_sha1sum"])):
        _fail(f"{where}.mbox_sha1sum must be 40 hex digits", f"{where}.mbox_sha1sum")
    if "openid" in a:
        _iri(a["openid"], f"{where}.openid")
    if "account" in a:
        acc = _obj(a["account"], f"{where}.account")
        if set(acc) != {"homePage", "name"}:
            extra = [k for k in acc if k not in ("homePage", "name")]
            _fail(
                f"{where}.account needs exactly homePage and name",
                _key_path(f"{where}.account", extra[0]) if extra else f"{where}.account",
            )
        _iri(acc["homePage"], f"{where}.account.homePage")
        if not isinstance(acc["name"], str):
            _fail(f"{where}.account.name must be a string", f"{where}.account.name")
    if otype == "Group":
        if "member" in a:
            members = a["member"]
            if not isinstance(members, list):
                _fail(f"{where}.member must be an array", f"{where}.member")
            for i, m in enumerate(members):
                check_agent(m, f"{where}.member[{i}]", group_ok=False)
        elif not ifis:
            _fail(f"{where}: an anonymous Group needs members", where)


def _group(value: Any, where: str) -> None:
    """A Group: objectType "Group" is required (xAPI Data 2.4.2.2)."""
    if _obj(value, where).get("objectType") != "Group":
        _fail(f"{where} must be a Group", f"{where}.objectType")
    check_agent(value, where)


def _activity(value: Any, where: str) -> None:
    a = _obj(value, where)
    _only(a, _ACTIVITY_KEYS, where)
    _iri(a.get("id"), f"{where}.id")
    if "definition" in a:
        _definition(a["definition"], f"{where}.definition")


def _definition(value: Any, where: str) -> None:
    d = _obj(value, where)
    _only(d, _DEFINITION_KEYS, where)
    for key in ("name", "description"):
        if key in d:
            _lang_map(d[key], f"{where}.{key}")
    for key in ("type", "moreInfo"):
        if key in d:
            _iri(d[key], f"{where}.{key}")
    if "extensions" in d:
        _extensions(d["extensions"], f"{where}.extensions")
    if "interactionType" in d and d["interactionType"] not in _INTERACTIONS:
        _fail(f"{where}.interactionType is not an xAPI interaction type", f"{where}.interactionType")
    if "correctResponsesPattern" in d and not (
        isinstance(d["correctResponsesPattern"], list)
        and all(isinstance(p, str) for p in d["correctResponsesPattern"])
    ):
        _fail(f"{where}.correctResponsesPattern must be an array of strings", f"{where}.correctResponsesPattern")
    for key in _COMPONENT_LISTS:
        if key in d:
            if "interactionType" not in d or not isinstance(d[key], list):
                _fail(f"{where}.{key} needs an interactionType and an array", f"{where}.{key}")
            ids = set()
            for i, comp in enumerate(d[key]):
                at = f"{where}.{key}[{i}]"
                c = _obj(comp, at)
                _only(c, _COMPONENT_KEYS, at)
                if not isinstance(c.get("id"), str) or c["id"] in ids:
                    _fail(f"{at}.id must be a unique string", f"{at}.id")
                ids.add(c["id"])
                if "description" in c:
                    _lang_map(c["description"], f"{at}.description")


def _result(value: Any, where: str) -> None:
    r = _obj(value, where)
    _only(r, _RESULT_KEYS, where)
    for key in ("success", "completion"):
        if key in r and not isinstance(r[key], bool):
            _fail(f"{where}.{key} must be true or false", f"{where}.{key}")
    if "response" in r and not isinstance(r["response"], str):
        _fail(f"{where}.response must be a string", f"{where}.response")
    if "duration" in r and not (isinstance(r["duration"], str) and PROFILE_DURATION_RE.match(r["duration"])):
        _fail(f"{where}.duration must be an ISO 8601 duration", f"{where}.duration")
    if "score" in r:
        at = f"{where}.score"
        s = _obj(r["score"], at)
        _only(s, _SCORE_KEYS, at)
        for k, v in s.items():
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                _fail(f"{at}.{k} must be a number", f"{at}.{k}")
        if "scaled" in s and not -1 <= s["scaled"] <= 1:
            _fail(f"{at}.scaled must be between -1 and 1", f"{at}.scaled")
        if "min" in s and "max" in s and s["min"] > s["max"]:
            _fail(f"{at}.min must not exceed max", f"{at}.min")
        if "raw" in s and ("min" in s and s["raw"] < s["min"] or "max" in s and s["raw"] > s["max"]):
            _fail(f"{at}.raw must lie between min and max", f"{at}.raw")
    if "extensions" in r:
        _extensions(r["extensions"], f"{where}.extensions")


def _registration(value: Any, where: str) -> None:
    """A UUID, in any form uuid.UUID reads (as the shared profile takes the statement's; the
    hub stores it in canonical form)."""
    try:
        uuid.UUID(value if isinstance(value, str) else "")
    except ValueError:
        _fail(f"{where} must be a UUID", where)


def _context_parties(value: Any, where: str, object_type: str, member: str) -> None:
    """context.contextAgents / context.contextGroups (xAPI 2.0 Data 2.4.6): an array of
    Context Agent (Context Group) Objects."""
    if not isinstance(value, list):
        _fail(f"{where} must be an array", where)
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        p = _obj(item, at)
        _only(p, frozenset({"objectType", member, "relevantTypes"}), at)
        if p.get("objectType") != object_type:
            _fail(f'{at}.objectType must be "{object_type}"', f"{at}.objectType")
        if member not in p:
            _fail(f"{at}.{member} is required", f"{at}.{member}")
        if member == "agent":
            check_agent(p["agent"], f"{at}.agent", group_ok=False)
        else:
            _group(p["group"], f"{at}.group")
        if "relevantTypes" in p:
            types = p["relevantTypes"]
            if not isinstance(types, list) or not types:
                _fail(f"{at}.relevantTypes must be an array of one or more IRIs", f"{at}.relevantTypes")
            for j, t in enumerate(types):
                _iri(t, f"{at}.relevantTypes[{j}]")


def _context(value: Any, where: str, object_is_activity: bool) -> None:
    c = _obj(value, where)
    _only(c, _CONTEXT_KEYS, where)
    if not object_is_activity:
        for key in ("revision", "platform"):
            if key in c:
                _fail(f"{where}.revision and {where}.platform are only for Activity objects", f"{where}.{key}")
    if "instructor" in c:
        check_agent(c["instructor"], f"{where}.instructor")
    if "team" in c:
        _group(c["team"], f"{where}.team")
    for key in ("revision", "platform"):
        if key in c and not isinstance(c[key], str):
            _fail(f"{where}.{key} must be a string", f"{where}.{key}")
    if "language" in c and not (isinstance(c["language"], str) and _LANG_RE.match(c["language"])):
        _fail(f"{where}.language must be an RFC 5646 language tag", f"{where}.language")
    if "registration" in c:
        _registration(c["registration"], f"{where}.registration")
    if "statement" in c:
        _statement_ref(c["statement"], f"{where}.statement")
    if "contextActivities" in c:
        cas = _obj(c["contextActivities"], f"{where}.contextActivities")
        for k, v in cas.items():
            if k not in _CONTEXT_ACTIVITY_KEYS:
                _fail(
                    f"{where}.contextActivities.{k} is not parent, grouping, category or other",
                    _key_path(f"{where}.contextActivities", k),
                )
            if isinstance(v, list):
                for i, act in enumerate(v):
                    _activity(act, f"{where}.contextActivities.{k}[{i}]")
            else:
                _activity(v, f"{where}.contextActivities.{k}")
    if "extensions" in c:
        _extensions(c["extensions"], f"{where}.extensions")
    for key, object_type, member in _CONTEXT_PARTIES:
        if key in c:
            _context_parties(c[key], f"{where}.{key}", object_type, member)


def _attachments(value: Any, where: str) -> None:
    if not isinstance(value, list):
        _fail(f"{where} must be an array", where)
    for i, att in enumerate(value):
        at = f"{where}[{i}]"
        a = _obj(att, at)
        _only(a, _ATTACHMENT_KEYS, at)
        _iri(a.get("usageType"), f"{at}.usageType")
        _lang_map(a.get("display"), f"{at}.display")
        if "description" in a:
            _lang_map(a["description"], f"{at}.description")
        if not isinstance(a.get("contentType"), str) or "/" not in a["contentType"]:
            _fail(f"{at}.contentType must be an Internet Media Type", f"{at}.contentType")
        if not isinstance(a.get("length"), int) or isinstance(a["length"], bool) or a["length"] < 0:
            _fail(f"{at}.length must be a whole number", f"{at}.length")
        if not isinstance(a.get("sha2"), str) or not _SHA2_RE.match(a["sha2"]):
            _fail(f"{at}.sha2 must be a hex SHA-2 digest", f"{at}.sha2")
        if "fileUrl" in a:
            _iri(a["fileUrl"], f"{at}.fileUrl")


def _statement_body(s: dict[str, Any], sub: bool) -> None:
    """The statement's actor, verb, object, result, context and attachments; for a
    SubStatement (sub) also its timestamp, every path under "object."."""
    p = "object." if sub else ""
    check_agent(s.get("actor"), f"{p}actor")
    verb = _obj(s.get("verb"), f"{p}verb")
    _only(verb, _VERB_KEYS, f"{p}verb")
    _iri(verb.get("id"), f"{p}verb.id")
    if "display" in verb:
        _lang_map(verb["display"], f"{p}verb.display")
    where = f"{p}object"
    obj = _obj(s.get("object"), where)
    otype = obj.get("objectType", "Activity")
    if otype == "Activity":
        _activity(obj, where)
    elif otype in ("Agent", "Group"):
        check_agent(obj, where)
    elif otype == "StatementRef":
        _statement_ref(obj, where)
    elif otype == "SubStatement":
        if sub:
            _fail("a SubStatement cannot contain a SubStatement", f"{where}.objectType")
        bad = [k for k in obj if k in ("id", "stored", "version", "authority")]
        if bad:
            _fail(f"{where}: a SubStatement cannot have {', '.join(sorted(bad))}", _key_path(where, bad[0]))
        _only(obj, _SUBSTATEMENT_KEYS, where)
        _statement_body(obj, True)
    else:
        _fail(f"{where}.objectType {otype!r} is not valid", f"{where}.objectType")
    if "result" in s:
        _result(s["result"], f"{p}result")
    if "context" in s:
        _context(s["context"], f"{p}context", otype == "Activity")
    if sub and "timestamp" in s:
        check_timestamp(s["timestamp"], f"{p}timestamp")
    if "attachments" in s:
        _attachments(s["attachments"], f"{p}attachments")
    if verb.get("id") == _VOIDED and not sub and otype != "StatementRef":
        _fail("a voiding statement's object must be a StatementRef", "object")


def validate(stmt: Any) -> None:
    """The shared profile's checks, then the rest of the xAPI data rules."""
    if _well_formed(stmt):
        return  # the fast path never takes a null outside extensions
    check_nulls(stmt)
    if isinstance(stmt, dict) and "timestamp" in stmt:
        check_timestamp(stmt["timestamp"], "timestamp")  # as a SubStatement's, with its path
    validate_profile_statement(stmt)
    _statement_body(stmt, False)
    if "version" in stmt and not (isinstance(stmt["version"], str) and _VERSION_RE.match(stmt["version"])):
        _fail("version must be 1.0.x or 2.0.x", "version")
    if "authority" in stmt:
        check_agent(stmt["authority"], "authority")
    if "stored" in stmt and not isinstance(stmt["stored"], str):
        _fail("stored must be a timestamp", "stored")


# --- the fast path ----------------------------------------------------------------------
#
# Ingest runs validate() on every statement. The full checks above (and the shared profile
# validator before them) walk a statement several times and build sets and messages; for
# the statements the app sends that was about a quarter of the hub's time per statement.
# _well_formed() checks, in one pass and without allocating, the common shapes: Agents
# identified by an account, an Activity or StatementRef object, a plain result and context.
# It only ever answers True for a statement that both full validators accept (it applies
# the same rules with the same patterns, and gives up on anything less common), so the
# full validators still run, and word the error, for everything else.
# tests/unit/test_xapi_fast_path.py holds the two to that.

class _Memo:
    """Strings already seen to match a pattern. A statement holds ~15 IRIs and language
    tags, nearly all from a small set (extension keys, verbs, home pages, zh-CN), and a set
    lookup costs a tenth of a match. Bounded: emptied when full."""

    def __init__(self, pattern: re.Pattern[str], limit: int = 4096):
        self._match = pattern.match
        self._ok: set[str] = set()
        self._limit = limit

    def __call__(self, value: str) -> bool:
        if value in self._ok:
            return True
        if self._match(value) is None:
            return False
        if len(self._ok) >= self._limit:
            self._ok.clear()
        self._ok.add(value)
        return True


# The shared validator's (stricter) IRI rule: what it accepts, the xAPI rule accepts too.
_PROFILE_IRI = _Memo(PROFILE_IRI_RE)
_XAPI_IRI_MATCH = _IRI_RE.match


def _XAPI_IRI(value: str) -> bool:  # noqa: N802 - used like the other pattern names
    return _PROFILE_IRI(value) or _XAPI_IRI_MATCH(value) is not None


_LANG = _Memo(_LANG_RE)
_FAST_TOP = frozenset({"id", "actor", "verb", "object", "result", "context", "timestamp", "version"})
_FAST_DEFINITION = frozenset({"name", "description", "type", "moreInfo", "extensions"})
_FAST_RESULT = frozenset({"success", "completion", "response", "duration", "extensions"})
_FAST_CONTEXT = frozenset({"registration", "instructor", "platform", "revision", "language", "extensions"})
_VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _fast_account_agent(a: Any) -> bool:
    """An Agent identified by an account (homePage, name), maybe with a name."""
    if type(a) is not dict:
        return False
    acc = a.get("account")
    if type(acc) is not dict or len(acc) != 2:
        return False
    home, name = acc.get("homePage"), acc.get("name")
    if type(home) is not str or type(name) is not str or not _PROFILE_IRI(home):
        return False
    for k, v in a.items():
        if k == "objectType":
            if v != "Agent":
                return False
        elif k == "name":
            if type(v) is not str:
                return False
        elif k != "account":
            return False
    return True


def _fast_lang_map(m: Any) -> bool:
    if type(m) is not dict:
        return False
    for k, v in m.items():  # noqa: SIM110 - a plain loop: no generator on the hot path
        if type(k) is not str or type(v) is not str or not _LANG(k):
            return False
    return True


def _fast_extensions(e: Any, iri: Any) -> bool:
    if type(e) is not dict:
        return False
    for k in e:  # noqa: SIM110 - a plain loop: no generator on the hot path
        if type(k) is not str or not iri(k):
            return False
    return True


def _well_formed(s: Any) -> bool:
    """True only for a statement validate() accepts (False: run the full checks)."""
    if type(s) is not dict:
        return False
    for k in s:
        if k not in _FAST_TOP:
            return False
    if "id" in s:
        sid = s["id"]
        if type(sid) is not str or not _UUID_FULL(sid):
            return False  # "id": null too (no null values outside extensions)
    if not _fast_account_agent(s.get("actor")):
        return False
    verb = s.get("verb")
    if type(verb) is not dict:
        return False
    vid = verb.get("id")
    if type(vid) is not str or not _PROFILE_IRI(vid):
        return False
    for k, v in verb.items():
        if k == "display":
            if not _fast_lang_map(v):
                return False
        elif k != "id":
            return False
    obj = s.get("object")
    if type(obj) is not dict:
        return False
    otype = obj.get("objectType", "Activity")
    if otype == "Activity":
        if vid == _VOIDED:
            return False
        oid = obj.get("id")
        if type(oid) is not str or not _PROFILE_IRI(oid):
            return False
        for k, v in obj.items():
            if k == "definition":
                if type(v) is not dict:
                    return False
                for dk, dv in v.items():
                    if dk not in _FAST_DEFINITION:
                        return False
                    if dk == "name" or dk == "description":
                        if not _fast_lang_map(dv):
                            return False
                    elif dk == "extensions":
                        if not _fast_extensions(dv, _XAPI_IRI):
                            return False
                    elif type(dv) is not str or not _XAPI_IRI(dv):
                        return False
            elif k != "objectType" and k != "id":
                return False
    elif otype == "StatementRef":
        ref = obj.get("id")
        if len(obj) != 2 or type(ref) is not str or not _UUID_FULL(ref):
            return False
    else:
        return False
    if "result" in s:
        r = s["result"]
        if type(r) is not dict:
            return False
        for k, v in r.items():
            if k not in _FAST_RESULT:
                return False
            if k == "success" or k == "completion":
                if type(v) is not bool:
                    return False
            elif k == "response":
                if type(v) is not str:
                    return False
            elif k == "duration":
                if type(v) is not str or not PROFILE_DURATION_RE.match(v):
                    return False
            elif not _fast_extensions(v, _XAPI_IRI):
                return False
    ctx = s.get("context")
    if type(ctx) is not dict:
        return False  # the profile needs the context (school code)
    for k, v in ctx.items():
        if k not in _FAST_CONTEXT:
            return False
        if k == "registration":
            if type(v) is not str or not _UUID_FULL(v):
                return False
        elif k == "instructor":
            if not _fast_account_agent(v):
                return False
        elif k == "language":
            if type(v) is not str or not _LANG(v):
                return False
        elif k == "extensions":
            if not _fast_extensions(v, _PROFILE_IRI):
                return False
        elif otype != "Activity" or type(v) is not str:  # platform, revision
            return False
    ext = ctx.get("extensions")
    school = ext.get(EXT_SCHOOL) if type(ext) is dict else None
    if type(school) is not str or not SCHOOL_CODE_RE.match(school):
        return False
    if "timestamp" in s:
        ts = s["timestamp"]
        if type(ts) is not str or not PROFILE_TIMESTAMP_RE.match(ts):
            return False
    if "version" in s:
        version = s["version"]
        if type(version) is not str or not _VERSION_RE.match(version):
            return False
    return True
