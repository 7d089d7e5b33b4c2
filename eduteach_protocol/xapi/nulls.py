"""Null values: xAPI Data 2.2 (LRS Requirements) says "The LRS MUST reject Statements with
any null values (except inside extensions)"."""

from __future__ import annotations

import json
from typing import Any

from .errors import NullValueError
from .patterns import PLAIN_KEY

# An extension's value is arbitrary JSON, null included; a
# null anywhere else is refused, even where the property is optional ("timestamp": null is
# not a missing timestamp). Extensions objects are the "extensions" of a context, a result
# and an Activity definition (in a statement or its SubStatement): the walk skips the
# values of an "extensions" property of an object reached as context, result or
# definition. The extensions object itself must not be null.

_EXTENSION_HOLDERS = frozenset({"context", "result", "definition"})


def key_path(prefix: str, key: object) -> str:
    """prefix.key, or prefix["key"] for a key that would not read plainly."""
    if isinstance(key, str) and PLAIN_KEY(key):
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
                (v, key_path(path, k), k)
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
