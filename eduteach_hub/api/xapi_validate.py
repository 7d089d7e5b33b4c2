"""Stricter xAPI 2.0 statement checks than the shared profile validator, hub side.

eduteach_protocol.records.validate_profile_statement checks what the app relies on; an LRS
must also refuse statements that break the standard's data rules (xAPI Data, section 2.4)
so that what it stores can be handed to any other xAPI tool. Raises StatementError
(NullValueError, naming the path, for a null value: xAPI Data 2.2, "The LRS MUST reject
Statements with any null values (except inside extensions)").
"""

from __future__ import annotations

import json
import re
from typing import Any

from eduteach_protocol.records import DURATION_RE as PROFILE_DURATION_RE
from eduteach_protocol.records import (
    EXT_SCHOOL,
    SCHOOL_CODE_RE,
    StatementError,
    validate_profile_statement,
)
from eduteach_protocol.records import IRI_RE as PROFILE_IRI_RE
from eduteach_protocol.records import TIMESTAMP_RE as PROFILE_TIMESTAMP_RE

_LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$")
_SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
_SHA2_RE = re.compile(r"^[0-9a-fA-F]{56}$|^[0-9a-fA-F]{64}$|^[0-9a-fA-F]{96}$|^[0-9a-fA-F]{128}$")
_VERSION_RE = re.compile(r"^(1\.0|2\.0)\.\d+$")
_INTERACTIONS = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
_AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
_GROUP_KEYS = _AGENT_KEYS | {"member"}


def _fail(msg: str) -> None:
    raise StatementError(msg)


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
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$").match


class NullValueError(StatementError):
    """A null value outside extensions; path says where (e.g. context.registration)."""

    def __init__(self, path: str):
        super().__init__(
            f"{path} is null; xAPI statements may hold null only inside extensions "
            "(leave an optional property out instead)"
        )
        self.path = path


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
        _fail(f"{where} must be an object")
    out: dict[str, Any] = value
    return out


def _iri(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _IRI_RE.match(value):
        _fail(f"{where} must be an IRI")


def _lang_map(value: Any, where: str) -> None:
    m = _obj(value, where)
    for k, v in m.items():
        if not _LANG_RE.match(k) or not isinstance(v, str):
            _fail(f"{where} must be a language map (RFC 5646 tags to strings)")


def _extensions(value: Any, where: str) -> None:
    for k in _obj(value, where):
        _iri(k, f"{where} key")


def check_agent(value: Any, where: str, *, group_ok: bool = True) -> None:
    a = _obj(value, where)
    otype = a.get("objectType", "Agent")
    if otype not in ("Agent", "Group") or (otype == "Group" and not group_ok):
        _fail(f"{where}.objectType must be Agent" + (" or Group" if group_ok else ""))
    extra = set(a) - (_GROUP_KEYS if otype == "Group" else _AGENT_KEYS)
    if extra:
        _fail(f"{where}: unknown properties {', '.join(sorted(extra))}")
    ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in a]
    if len(ifis) > 1:
        _fail(f"{where} must have at most one inverse functional identifier")
    if not ifis and otype == "Agent":
        _fail(f"{where}: an Agent needs an inverse functional identifier")
    if "name" in a and not isinstance(a["name"], str):
        _fail(f"{where}.name must be a string")
    if "mbox" in a and not (isinstance(a["mbox"], str) and re.match(r"^mailto:[^@\s]+@[^@\s]+$", a["mbox"])):
        _fail(f"{where}.mbox must be a mailto: IRI")
    if "mbox_sha1sum" in a and not (isinstance(a["mbox_sha1sum"], str) and _SHA1_RE.match(a["mbox_sha1sum"])):
        _fail(f"{where}.mbox_sha1sum must be 40 hex digits")
    if "openid" in a:
        _iri(a["openid"], f"{where}.openid")
    if "account" in a:
        acc = _obj(a["account"], f"{where}.account")
        if set(acc) != {"homePage", "name"}:
            _fail(f"{where}.account needs exactly homePage and name")
        _iri(acc["homePage"], f"{where}.account.homePage")
        if not isinstance(acc["name"], str):
            _fail(f"{where}.account.name must be a string")
    if otype == "Group":
        if "member" in a:
            members = a["member"]
            if not isinstance(members, list):
                _fail(f"{where}.member must be an array")
            for i, m in enumerate(members):
                check_agent(m, f"{where}.member[{i}]", group_ok=False)
        elif not ifis:
            _fail(f"{where}: an anonymous Group needs members")


def _activity(value: Any, where: str) -> None:
    a = _obj(value, where)
    extra = set(a) - {"objectType", "id", "definition"}
    if extra:
        _fail(f"{where}: unknown properties {', '.join(sorted(extra))}")
    _iri(a.get("id"), f"{where}.id")
    if "definition" in a:
        d = _obj(a["definition"], f"{where}.definition")
        for key in ("name", "description"):
            if key in d:
                _lang_map(d[key], f"{where}.definition.{key}")
        for key in ("type", "moreInfo"):
            if key in d:
                _iri(d[key], f"{where}.definition.{key}")
        if "extensions" in d:
            _extensions(d["extensions"], f"{where}.definition.extensions")
        if "interactionType" in d and d["interactionType"] not in _INTERACTIONS:
            _fail(f"{where}.definition.interactionType is not an xAPI interaction type")
        if "correctResponsesPattern" in d and not (
            isinstance(d["correctResponsesPattern"], list)
            and all(isinstance(p, str) for p in d["correctResponsesPattern"])
        ):
            _fail(f"{where}.definition.correctResponsesPattern must be an array of strings")
        for key in _COMPONENT_LISTS:
            if key in d:
                if "interactionType" not in d or not isinstance(d[key], list):
                    _fail(f"{where}.definition.{key} needs an interactionType and an array")
                ids = set()
                for i, comp in enumerate(d[key]):
                    c = _obj(comp, f"{where}.definition.{key}[{i}]")
                    if not isinstance(c.get("id"), str) or c["id"] in ids:
                        _fail(f"{where}.definition.{key}[{i}].id must be a unique string")
                    ids.add(c["id"])
                    if "description" in c:
                        _lang_map(c["description"], f"{where}.definition.{key}[{i}].description")


def _result(value: Any) -> None:
    r = _obj(value, "result")
    extra = set(r) - {"score", "success", "completion", "response", "duration", "extensions"}
    if extra:
        _fail(f"result: unknown properties {', '.join(sorted(extra))}")
    for key in ("success", "completion"):
        if key in r and not isinstance(r[key], bool):
            _fail(f"result.{key} must be true or false")
    if "response" in r and not isinstance(r["response"], str):
        _fail("result.response must be a string")
    if "score" in r:
        s = _obj(r["score"], "result.score")
        if set(s) - {"scaled", "raw", "min", "max"}:
            _fail("result.score: unknown properties")
        for k, v in s.items():
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                _fail(f"result.score.{k} must be a number")
        if "scaled" in s and not -1 <= s["scaled"] <= 1:
            _fail("result.score.scaled must be between -1 and 1")
        if "min" in s and "max" in s and s["min"] > s["max"]:
            _fail("result.score.min must not exceed max")
        if "raw" in s and ("min" in s and s["raw"] < s["min"] or "max" in s and s["raw"] > s["max"]):
            _fail("result.score.raw must lie between min and max")
    if "extensions" in r:
        _extensions(r["extensions"], "result.extensions")


def _context(value: Any, object_is_activity: bool) -> None:
    c = _obj(value, "context")
    allowed = {
        "registration", "instructor", "team", "contextActivities", "revision", "platform",
        "language", "statement", "extensions", "contextAgents", "contextGroups",
    }
    extra = set(c) - allowed
    if extra:
        _fail(f"context: unknown properties {', '.join(sorted(extra))}")
    if not object_is_activity and ("revision" in c or "platform" in c):
        _fail("context.revision and context.platform are only for Activity objects")
    if "instructor" in c:
        check_agent(c["instructor"], "context.instructor")
    if "team" in c:
        t = _obj(c["team"], "context.team")
        if t.get("objectType") != "Group":
            _fail("context.team must be a Group")
        check_agent(t, "context.team")
    for key in ("revision", "platform"):
        if key in c and not isinstance(c[key], str):
            _fail(f"context.{key} must be a string")
    if "language" in c and not (isinstance(c["language"], str) and _LANG_RE.match(c["language"])):
        _fail("context.language must be an RFC 5646 language tag")
    if "statement" in c:
        ref = _obj(c["statement"], "context.statement")
        if ref.get("objectType") != "StatementRef":
            _fail("context.statement must be a StatementRef")
    if "contextActivities" in c:
        cas = _obj(c["contextActivities"], "context.contextActivities")
        for k, v in cas.items():
            if k not in _CONTEXT_ACTIVITY_KEYS:
                _fail(f"context.contextActivities.{k} is not parent, grouping, category or other")
            for i, act in enumerate(v if isinstance(v, list) else [v]):
                _activity(act, f"context.contextActivities.{k}[{i}]")
    for key in ("contextAgents", "contextGroups"):
        if key in c and not isinstance(c[key], list):
            _fail(f"context.{key} must be an array")


def _attachments(value: Any) -> None:
    if not isinstance(value, list):
        _fail("attachments must be an array")
    for i, att in enumerate(value):
        a = _obj(att, f"attachments[{i}]")
        extra = set(a) - {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"}
        if extra:
            _fail(f"attachments[{i}]: unknown properties {', '.join(sorted(extra))}")
        _iri(a.get("usageType"), f"attachments[{i}].usageType")
        _lang_map(a.get("display"), f"attachments[{i}].display")
        if "description" in a:
            _lang_map(a["description"], f"attachments[{i}].description")
        if not isinstance(a.get("contentType"), str) or "/" not in a["contentType"]:
            _fail(f"attachments[{i}].contentType must be an Internet Media Type")
        if not isinstance(a.get("length"), int) or isinstance(a["length"], bool) or a["length"] < 0:
            _fail(f"attachments[{i}].length must be a whole number")
        if not isinstance(a.get("sha2"), str) or not _SHA2_RE.match(a["sha2"]):
            _fail(f"attachments[{i}].sha2 must be a hex SHA-2 digest")
        if "fileUrl" in a:
            _iri(a["fileUrl"], f"attachments[{i}].fileUrl")


def _statement_body(s: dict[str, Any], sub: bool) -> None:
    where = "object" if sub else "statement"
    check_agent(s.get("actor"), f"{where}.actor" if sub else "actor")
    verb = _obj(s.get("verb"), "verb")
    if set(verb) - {"id", "display"}:
        _fail("verb: unknown properties")
    _iri(verb.get("id"), "verb.id")
    if "display" in verb:
        _lang_map(verb["display"], "verb.display")
    obj = _obj(s.get("object"), "object")
    otype = obj.get("objectType", "Activity")
    if otype == "Activity":
        _activity(obj, "object")
    elif otype in ("Agent", "Group"):
        check_agent(obj, "object")
    elif otype == "StatementRef":
        if set(obj) != {"objectType", "id"}:
            _fail("object: a StatementRef has exactly objectType and id")
    elif otype == "SubStatement":
        if sub:
            _fail("a SubStatement cannot contain a SubStatement")
        bad = {"id", "stored", "version", "authority"} & set(obj)
        if bad:
            _fail(f"object: a SubStatement cannot have {', '.join(sorted(bad))}")
        _statement_body(obj, True)
    else:
        _fail(f"object.objectType {otype!r} is not valid")
    if "result" in s:
        _result(s["result"])
    if "context" in s:
        _context(s["context"], otype == "Activity")
    if "attachments" in s:
        _attachments(s["attachments"])
    if verb.get("id") == "http://adlnet.gov/expapi/verbs/voided" and not sub and otype != "StatementRef":
        _fail("a voiding statement's object must be a StatementRef")


def validate(stmt: Any) -> None:
    """The shared profile's checks, then the rest of the xAPI data rules."""
    if _well_formed(stmt):
        return  # the fast path never takes a null outside extensions
    check_nulls(stmt)
    validate_profile_statement(stmt)
    _statement_body(stmt, False)
    if "version" in stmt and not (isinstance(stmt["version"], str) and _VERSION_RE.match(stmt["version"])):
        _fail("version must be 1.0.x or 2.0.x")
    if "authority" in stmt:
        check_agent(stmt["authority"], "authority")
    if "stored" in stmt and not isinstance(stmt["stored"], str):
        _fail("stored must be a timestamp")


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

_UUID_FULL = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch


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
