"""The `format` parameter of GET Statements: ids, exact or canonical (xAPI Communication 2.1.3).

ids: Agents, Groups, Verbs and Activities reduced to what identifies them. canonical: every
language map of Activities and Verbs reduced to the one language the Accept-Language header
prefers (applied to each map by itself). exact: as stored.
"""

from __future__ import annotations

from typing import Any

FORMATS = ("ids", "exact", "canonical")
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _agent_ids(agent: Any) -> Any:
    if not isinstance(agent, dict):
        return agent
    out: dict[str, Any] = {"objectType": agent.get("objectType", "Agent")}
    for k in _IFIS:
        if k in agent:
            out[k] = agent[k]
            break
    if agent.get("objectType") == "Group" and "member" in agent and len(out) == 1:
        out["member"] = [_agent_ids(m) for m in agent["member"]]  # anonymous: members identify it
    return out


def _ids(stmt: dict[str, Any]) -> dict[str, Any]:
    s = dict(stmt)
    s["actor"] = _agent_ids(s.get("actor"))
    if isinstance(s.get("verb"), dict):
        s["verb"] = {"id": s["verb"].get("id")}
    if "authority" in s:
        s["authority"] = _agent_ids(s["authority"])
    obj = s.get("object")
    if isinstance(obj, dict):
        otype = obj.get("objectType", "Activity")
        if otype == "Activity":
            s["object"] = {"objectType": "Activity", "id": obj.get("id")}
        elif otype in ("Agent", "Group"):
            s["object"] = _agent_ids(obj)
        elif otype == "SubStatement":
            s["object"] = {**_ids(obj), "objectType": "SubStatement"}
    ctx = s.get("context")
    if isinstance(ctx, dict):
        ctx = dict(ctx)
        for who in ("instructor", "team"):
            if who in ctx:
                ctx[who] = _agent_ids(ctx[who])
        cas = ctx.get("contextActivities")
        if isinstance(cas, dict):
            ctx["contextActivities"] = {
                k: [{"objectType": "Activity", "id": a.get("id")} for a in (v if isinstance(v, list) else [v]) if isinstance(a, dict)]
                for k, v in cas.items()
            }
        s["context"] = ctx
    return s


def parse_accept_language(header: str) -> list[str]:
    """Language ranges by preference (q=0 ones dropped)."""
    ranked = []
    for pos, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > 0:
            ranked.append((-q, pos, tag))
    return [t for _, _, t in sorted(ranked)]


def pick_language(lang_map: dict[str, str], preferred: list[str]) -> dict[str, str]:
    if not isinstance(lang_map, dict) or len(lang_map) <= 1:
        return lang_map
    keys = list(lang_map)
    for want in preferred:
        if want == "*":
            return {keys[0]: lang_map[keys[0]]}
        for k in keys:  # RFC 4647 basic filtering: "zh" matches "zh-CN"
            kl = k.lower()
            if kl == want or kl.startswith(want + "-"):
                return {k: lang_map[k]}
    return {keys[0]: lang_map[keys[0]]}


def _canonical_activity(act: Any, langs: list[str]) -> Any:
    if not isinstance(act, dict) or not isinstance(act.get("definition"), dict):
        return act
    d = dict(act["definition"])
    for key in ("name", "description"):
        if key in d:
            d[key] = pick_language(d[key], langs)
    for key in ("choices", "scale", "source", "target", "steps"):
        if isinstance(d.get(key), list):
            d[key] = [
                {**c, "description": pick_language(c["description"], langs)}
                if isinstance(c, dict) and "description" in c
                else c
                for c in d[key]
            ]
    return {**act, "definition": d}


def _canonical(stmt: dict[str, Any], langs: list[str]) -> dict[str, Any]:
    s = dict(stmt)
    verb = s.get("verb")
    if isinstance(verb, dict) and "display" in verb:
        s["verb"] = {**verb, "display": pick_language(verb["display"], langs)}
    obj = s.get("object")
    if isinstance(obj, dict):
        otype = obj.get("objectType", "Activity")
        if otype == "Activity":
            s["object"] = _canonical_activity(obj, langs)
        elif otype == "SubStatement":
            s["object"] = _canonical(obj, langs)
    ctx = s.get("context")
    if isinstance(ctx, dict) and isinstance(ctx.get("contextActivities"), dict):
        s["context"] = {
            **ctx,
            "contextActivities": {
                k: [_canonical_activity(a, langs) for a in (v if isinstance(v, list) else [v])]
                for k, v in ctx["contextActivities"].items()
            },
        }
    return s


def apply(stmt: dict[str, Any], fmt: str, accept_language: str = "") -> dict[str, Any]:
    if fmt == "ids":
        return _ids(stmt)
    if fmt == "canonical":
        return _canonical(stmt, parse_accept_language(accept_language))
    return stmt
