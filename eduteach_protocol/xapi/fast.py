"""The hub's fast path: a one-pass check of the statements the app sends.

Ingest runs validate() on every statement. The full check (validate.check) walks a
statement several times and builds sets and messages; for the statements the app sends
that was about a quarter of the hub's time per statement. well_formed() checks, in one
pass and without allocating, the common shapes: Agents identified by an account, an
Activity or StatementRef object, a plain result and context. It only ever answers True
for a statement the full check accepts (same rules, same patterns from patterns.py; it
gives up on anything less common), so the full check still runs, and words the error,
for everything else. tests/unit/test_xapi_fast_path.py holds the two to that with
generated statements.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .patterns import (
    DURATION_RE,
    IRI_RE,
    LANG_RE,
    SCHOOL_CODE_RE,
    TIMESTAMP_RE,
    UUID_FULL,
    VERSION_RE,
    Memo,
)
from .profile import EXT_MODES, EXT_SCHOOL, EXT_TRACKS, classroom_ok

_IRI = Memo(IRI_RE)
_LANG = Memo(LANG_RE)
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
    if type(home) is not str or type(name) is not str or not _IRI(home):
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


def well_formed(s: Any) -> bool:
    """True only for a statement check() accepts (False: run the full check)."""
    if type(s) is not dict:
        return False
    for k in s:
        if k not in _FAST_TOP:
            return False
    if "id" in s:
        sid = s["id"]
        if type(sid) is not str or not UUID_FULL(sid):
            return False  # "id": null too (no null values outside extensions)
    if not _fast_account_agent(s.get("actor")):
        return False
    verb = s.get("verb")
    if type(verb) is not dict:
        return False
    vid = verb.get("id")
    if type(vid) is not str or not _IRI(vid):
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
        if type(oid) is not str or not _IRI(oid):
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
                        if not _fast_extensions(dv, _IRI):
                            return False
                    elif type(dv) is not str or not _IRI(dv):
                        return False
            elif k != "objectType" and k != "id":
                return False
    elif otype == "StatementRef":
        ref = obj.get("id")
        if len(obj) != 2 or type(ref) is not str or not UUID_FULL(ref):
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
                if type(v) is not str or not DURATION_RE.match(v):
                    return False
            elif not _fast_extensions(v, _IRI):
                return False
    ctx = s.get("context")
    if type(ctx) is not dict:
        return False  # the profile needs the context (school code)
    for k, v in ctx.items():
        if k not in _FAST_CONTEXT:
            return False
        if k == "registration":
            if type(v) is not str or not UUID_FULL(v):
                return False
        elif k == "instructor":
            if not _fast_account_agent(v):
                return False
        elif k == "language":
            if type(v) is not str or not _LANG(v):
                return False
        elif k == "extensions":
            if not _fast_extensions(v, _IRI):
                return False
        elif otype != "Activity" or type(v) is not str:  # platform, revision
            return False
    ext = ctx.get("extensions")
    if type(ext) is not dict:
        return False  # the profile needs the school code, an extension
    school = ext.get(EXT_SCHOOL)
    if type(school) is not str or not SCHOOL_CODE_RE.match(school):
        return False
    if (EXT_MODES in ext or EXT_TRACKS in ext) and not classroom_ok(ext):
        return False
    if "timestamp" in s:
        ts = s["timestamp"]
        if type(ts) is not str or not TIMESTAMP_RE.match(ts):
            return False
        try:
            datetime.fromisoformat(ts)  # a real instant: no February 30 (as the full check)
        except ValueError:
            return False
    if "version" in s:
        version = s["version"]
        if type(version) is not str or not VERSION_RE.match(version):
            return False
    return True
