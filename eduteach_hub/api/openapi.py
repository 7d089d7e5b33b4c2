"""OpenAPI descriptions of the hand-parsed endpoints (they read Request directly, so FastAPI
cannot infer them). Used by /openapi.json, tools such as schemathesis, and docs/hub.md."""

from __future__ import annotations

from typing import Any

from eduteach_protocol.app_release import MAX_ERROR_CHARS, PLATFORMS, STATUS_FIELDS, UPDATE_STATES
from eduteach_protocol.subjects import SUBJECTS

_APP_VERSION = r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$"

_VERSION = {
    "name": "X-Experience-API-Version",
    "in": "header",
    "required": True,
    "schema": {"type": "string", "enum": ["2.0.0", "1.0.3"]},
}
_AGENT_JSON = {"type": "string", "description": "an Agent or identified Group, as JSON"}
_STATEMENT = {"type": "object", "description": "an xAPI 2.0 statement of the EduTeach record profile"}


def _q(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    """A required application/json request body; the routes parse it themselves."""
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_BOOL = {"type": "string", "enum": ["true", "false"]}

GET_STATEMENTS: dict[str, Any] = {
    "summary": "xAPI GET Statements (one statement, or a StatementResult with `more`)",
    "parameters": [
        _VERSION,
        _q("statementId", {"type": "string", "format": "uuid"}),
        _q("voidedStatementId", {"type": "string", "format": "uuid"}),
        _q("agent", _AGENT_JSON),
        _q("verb", {"type": "string", "format": "iri"}),
        _q("activity", {"type": "string", "format": "iri"}),
        _q("registration", {"type": "string", "format": "uuid"}),
        _q("related_activities", _BOOL),
        _q("related_agents", _BOOL),
        _q("since", {"type": "string", "format": "date-time"}),
        _q("until", {"type": "string", "format": "date-time"}),
        _q("limit", {"type": "integer", "minimum": 0}),
        _q("format", {"type": "string", "enum": ["ids", "exact", "canonical"]}),
        _q("attachments", _BOOL),
        _q("ascending", _BOOL),
        _q("cursor", {"type": "string"}, "set by the `more` URL"),
    ],
    "responses": {"200": {"description": "a Statement or a StatementResult"}},
}

POST_STATEMENTS: dict[str, Any] = {
    "summary": "xAPI POST Statements: one statement or an array; gzip bodies accepted",
    "parameters": [_VERSION],
    "requestBody": _json_body({"oneOf": [_STATEMENT, {"type": "array", "items": _STATEMENT}]}),
    "responses": {"200": {"description": "the statement ids, in request order"}},
}

PUT_STATEMENT: dict[str, Any] = {
    "summary": "xAPI PUT Statements: one statement with the given id",
    "parameters": [_VERSION, {**_q("statementId", {"type": "string", "format": "uuid"}), "required": True}],
    "requestBody": _json_body(_STATEMENT),
    "responses": {"204": {"description": "stored (or an identical repeat)"}},
}

ENROLL: dict[str, Any] = {
    "summary": "Enroll a teacher PC with a one-time code",
    "requestBody": _json_body(
        {
            "type": "object",
            "required": ["code", "device_name", "public_key", "app_version"],
            "properties": {
                "code": {"type": "string"},
                "device_name": {"type": "string"},
                "public_key": {"type": "string", "description": "base64 of a raw Ed25519 key"},
                "app_version": {"type": "string"},
            },
        }
    ),
    "responses": {"200": {"description": "device credentials, repository URL, trust root, the school's textbook editions and its app release channel"}},
}

INVENTORY: dict[str, Any] = {
    "summary": "A device reports the content it holds",
    "requestBody": _json_body(
        {
            "type": "object",
            "required": ["catalog_version", "lessons_installed", "lessons_subscribed", "bytes"],
            # The app fields come together (eduteach_protocol.app_release, docs/updates.md).
            "dependentRequired": {k: ["app_version", "app_platform", "update_state"] for k in STATUS_FIELDS},
            "properties": {
                "catalog_version": {"type": "integer", "minimum": 0},
                "lessons_installed": {"type": "integer", "minimum": 0},
                "lessons_subscribed": {"type": "integer", "minimum": 0},
                "bytes": {"type": "integer", "minimum": 0},
                "last_sync": {"type": ["string", "null"], "format": "date-time"},
                "app_version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$",
                                "description": "the app version running (with app_platform and update_state)"},
                "app_platform": {"type": "string", "enum": list(PLATFORMS)},
                "update_state": {"type": "string", "enum": list(UPDATE_STATES)},
                "update_version": {"type": ["string", "null"], "pattern": r"^\d+\.\d+\.\d+$"},
                "last_update_error": {"type": ["string", "null"], "minLength": 1, "maxLength": MAX_ERROR_CHARS},
                "books": {
                    "type": ["array", "null"],
                    "maxItems": 500,
                    "description": "the subscribed books of the active catalog, and what the PC holds of each",
                    "items": {
                        "type": "object",
                        "required": ["grade", "subject", "edition", "lessons", "installed"],
                        "additionalProperties": False,
                        "properties": {
                            "grade": {"type": "integer", "enum": [1, 2, 3]},
                            "subject": {"type": "string", "enum": list(SUBJECTS)},
                            "edition": {"type": "string", "minLength": 1, "maxLength": 80},
                            "lessons": {"type": "integer", "minimum": 0, "maximum": 1000000},
                            "installed": {"type": "integer", "minimum": 0, "maximum": 1000000},
                        },
                    },
                },
            },
        }
    ),
    "responses": {"200": {"description": "stored"}},
}
