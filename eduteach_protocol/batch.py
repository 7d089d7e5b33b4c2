"""A compact, lossless batch encoding for xAPI statements sent to our own hub.

Statements from one PC repeat almost everything (actor, verbs, context keys, school and
county codes). The batch keeps the values every statement shares once (the template) and,
per statement, only the rest (rows), then gzip. The hub expands it back to the exact same
statements. Third-party LRSs get plain JSON (see encode_plain).

    {"v": 1, "template": [[path, value], ...], "columns": [path, ...], "rows": [[v, ...], ...]}

A path is a list of object keys; a list value is a leaf. A statement lacking a column's
path has null there (statements never hold null values: encode() refuses them).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from typing import Any

MEDIA_TYPE = "application/vnd.eduteach.statements+json"
VERSION = 1
MAX_STATEMENTS = 10_000

Path = tuple[str, ...]


class BatchError(ValueError):
    pass


def _flatten(obj: Mapping[str, Any], prefix: Path, out: dict[Path, Any]) -> None:
    for key, value in obj.items():
        path = (*prefix, key)
        if isinstance(value, dict) and value:
            _flatten(value, path, out)
        elif value is None:
            raise BatchError(f"null value at {'/'.join(path)}")
        else:
            out[path] = value


def _set(obj: dict[str, Any], path: Sequence[str], value: Any) -> None:
    for key in path[:-1]:
        obj = obj.setdefault(key, {})
        if not isinstance(obj, dict):
            raise BatchError(f"path {'/'.join(path)} crosses a non-object")
    obj[path[-1]] = value


def encode(statements: Sequence[Mapping[str, Any]]) -> bytes:
    """Template + rows, gzip'd. Raises BatchError for statements it cannot represent."""
    flats = []
    for st in statements:
        flat: dict[Path, Any] = {}
        _flatten(st, (), flat)
        flats.append(flat)
    template: dict[Path, Any] = dict(flats[0]) if flats else {}
    for flat in flats[1:]:
        for path in list(template):
            if path not in flat or flat[path] != template[path]:
                del template[path]
    columns: list[Path] = []
    seen: set[Path] = set(template)
    for flat in flats:
        for path in flat:
            if path not in seen:
                seen.add(path)
                columns.append(path)
    rows = [[flat.get(path) for path in columns] for flat in flats]
    doc = {
        "v": VERSION,
        "template": [[list(p), v] for p, v in template.items()],
        "columns": [list(p) for p in columns],
        "rows": rows,
    }
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(body, compresslevel=9, mtime=0)


def decode(data: bytes, max_bytes: int = 64 * 1024 * 1024) -> list[dict[str, Any]]:
    """Inverse of encode (data may be gzip'd or already inflated). Strict about shape."""
    if data[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise BatchError("batch too large when inflated")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BatchError(f"batch is not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("v") != VERSION:
        raise BatchError("not an EduTeach statement batch (v1)")
    template, columns, rows = doc.get("template"), doc.get("columns"), doc.get("rows")
    if not (isinstance(template, list) and isinstance(columns, list) and isinstance(rows, list)):
        raise BatchError("batch needs template, columns and rows lists")
    if len(rows) > MAX_STATEMENTS:
        raise BatchError(f"at most {MAX_STATEMENTS} statements in one batch")

    def path_ok(p: Any) -> bool:
        return isinstance(p, list) and bool(p) and all(isinstance(k, str) for k in p)

    for item in template:
        if not (isinstance(item, list) and len(item) == 2 and path_ok(item[0])):
            raise BatchError("bad template entry")
    if not all(path_ok(c) for c in columns):
        raise BatchError("bad column path")
    out = []
    skeleton: _Skeleton | None = None
    # An object among the template's values is shared by every statement, and a column
    # may write into it: then each statement must see the template applied afresh.
    shared_objects = any(isinstance(value, dict) for _, value in template)
    for row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise BatchError("a row does not match the columns")
        if shared_objects:
            st: dict[str, Any] = {}
            for path, value in template:
                _set(st, path, value)
        else:
            if skeleton is None:
                skeleton = _Skeleton(template)
            st = skeleton.copy()
        for path, value in zip(columns, row, strict=True):
            if value is not None:
                _set(st, path, value)
        out.append(st)
    return out


class _Skeleton:
    """The template applied once; copy() is what applying it to a new statement gave.

    The hub expands every uploaded batch: setting each template path again for each
    statement cost about as much as the rest of the hub's checks. copy() makes new
    dicts where the walk made them, and shares the template's (non-object) values, as
    the walk did: statement for statement the same dicts, keys in the same order.
    """

    def __init__(self, template: list[list[Any]]):
        # Only for templates without object values (decode checks): every dict here is
        # then one the walk made, and copy() makes it anew.
        self.root: dict[str, Any] = {}
        for path, value in template:
            _set(self.root, path, value)

    def copy(self) -> dict[str, Any]:
        return _copy_objects(self.root)


def _copy_objects(node: dict[str, Any]) -> dict[str, Any]:
    return {k: _copy_objects(v) if isinstance(v, dict) else v for k, v in node.items()}


def encode_plain(statements: Sequence[Mapping[str, Any]], compress: bool = True) -> bytes:
    """A JSON array of statements, the standard xAPI body; optionally gzip'd."""
    body = json.dumps(list(statements), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(body, compresslevel=6, mtime=0) if compress else body
