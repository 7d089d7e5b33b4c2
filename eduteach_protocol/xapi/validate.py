"""The one xAPI statement check, for the hub's ingest and the app's record writer alike.

check() applies xAPI 2.0's data rules (xAPI Data, section 2.4), so that what the hub
stores can be handed to any other xAPI tool, and the EduTeach profile's own (profile.py);
validate() first tries the fast path (fast.py) and runs check() only when it gives up. Every refusal is a PathError naming the bad value's path (e.g.
context.contextAgents[0].agent.mbox); a null outside extensions is a NullValueError
(xAPI Data 2.2).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NoReturn

from .errors import PathError
from .fast import well_formed
from .nulls import check_nulls, key_path
from .patterns import (
    DURATION_RE,
    IRI_RE,
    LANG_RE,
    MBOX_RE,
    SHA1_RE,
    SHA2_RE,
    TIMESTAMP_RE,
    UUID_FULL,
    VERSION_RE,
)
from .profile import check_classroom, check_school, check_statement_keys

_INTERACTIONS = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
# xAPI Data 2.4.4.1, Interaction Components: which lists each interaction type may have.
_COMPONENTS_OF = {
    "choice": {"choices"}, "sequencing": {"choices"}, "likert": {"scale"},
    "matching": {"source", "target"}, "performance": {"steps"},
}
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
_VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _fail(msg: str, path: str) -> NoReturn:
    raise PathError(msg, path)


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
        _fail(f"{where}: unknown properties {', '.join(sorted(extra))}", key_path(where, extra[0]))


def _iri(value: Any, where: str) -> None:
    if not isinstance(value, str) or not IRI_RE.match(value):
        _fail(f"{where} must be an IRI", where)


def _lang_map(value: Any, where: str) -> None:
    m = _obj(value, where)
    for k, v in m.items():
        if not isinstance(k, str) or not LANG_RE.match(k) or not isinstance(v, str):
            _fail(f"{where} must be a language map (RFC 5646 tags to strings)", key_path(where, k))


def _extensions(value: Any, where: str) -> None:
    for k in _obj(value, where):
        if not isinstance(k, str) or not IRI_RE.match(k):
            _fail(f"{where} keys must be IRIs", key_path(where, k))


def check_timestamp(value: Any, where: str) -> None:
    """An ISO 8601 date-time with a time zone that is a real instant (xAPI Data 4.5): the
    shared profile's pattern, then parsed as the hub stores it. The statement's timestamp
    and a SubStatement's are checked alike."""
    if not (isinstance(value, str) and TIMESTAMP_RE.match(value)):
        _fail(f"{where} must be an ISO 8601 date-time with a time zone", where)
    try:
        datetime.fromisoformat(value)  # the pattern ensures a time zone
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
    if not isinstance(ref["id"], str) or not UUID_FULL(ref["id"]):
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
    if "mbox" in a and not (isinstance(a["mbox"], str) and MBOX_RE.match(a["mbox"])):
        _fail(f"{where}.mbox must be a mailto: IRI", f"{where}.mbox")
    if "mbox_sha1sum" in a and not (isinstance(a["mbox_sha1sum"], str) and SHA1_RE.match(a["mbox_sha1sum"])):
        _fail(f"{where}.mbox_sha1sum must be 40 hex digits", f"{where}.mbox_sha1sum")
    if "openid" in a:
        _iri(a["openid"], f"{where}.openid")
    if "account" in a:
        acc = _obj(a["account"], f"{where}.account")
        if set(acc) != {"homePage", "name"}:
            extra = [k for k in acc if k not in ("homePage", "name")]
            _fail(
                f"{where}.account needs exactly homePage and name",
                key_path(f"{where}.account", extra[0]) if extra else f"{where}.account",
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
            if key not in _COMPONENTS_OF.get(d["interactionType"], set()):
                _fail(f"{where}.{key} is not a component list of a {d['interactionType']} interaction",
                      f"{where}.{key}")
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
    if "duration" in r and not (isinstance(r["duration"], str) and DURATION_RE.match(r["duration"])):
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
    """A UUID, in any form uuid.UUID reads (as the statement's id; the hub stores it in
    canonical form)."""
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
    if "language" in c and not (isinstance(c["language"], str) and LANG_RE.match(c["language"])):
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
                    key_path(f"{where}.contextActivities", k),
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
        if not isinstance(a.get("sha2"), str) or not SHA2_RE.match(a["sha2"]):
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
            _fail(f"{where}: a SubStatement cannot have {', '.join(sorted(bad))}", key_path(where, bad[0]))
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
    """Raise PathError unless the statement is valid xAPI 2.0 and follows the profile."""
    if well_formed(stmt):
        return  # the fast path never takes what check() refuses
    check(stmt)


def check(stmt: Any) -> None:
    """The full check, without the fast path: xAPI's data rules and the profile's."""
    check_nulls(stmt)
    check_statement_keys(stmt)
    if "timestamp" in stmt:
        check_timestamp(stmt["timestamp"], "timestamp")  # as a SubStatement's, with its path
    _statement_body(stmt, False)
    if "version" in stmt and not (isinstance(stmt["version"], str) and VERSION_RE.match(stmt["version"])):
        _fail("version must be 1.0.x or 2.0.x", "version")
    if "authority" in stmt:
        check_agent(stmt["authority"], "authority")
    if "stored" in stmt and not isinstance(stmt["stored"], str):
        _fail("stored must be a timestamp", "stored")
    check_school(stmt)
    check_classroom(stmt)
