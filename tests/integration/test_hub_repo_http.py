"""The static repository over real HTTP: ranges, If-Range, ETags, caching, traversal."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import cli, init_home, running_hub

MEDIA = os.urandom(2 * 1024 * 1024 + 12345)  # more than one chunk: gets a chunk index too
SHA = hashlib.sha256(MEDIA).hexdigest()
SIZE = len(MEDIA)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("repo_http")
    home = init_home(base)
    write_lesson(base / "src", "music-g1-big", media_bytes=MEDIA)
    assert cli("publish", str(base / "src"), home=home)[0] == 0
    (home / "repo" / "escape").symlink_to(home / "hub.toml")
    with running_hub(home) as url:
        yield url, home


@pytest.fixture
def blob_url(hub: tuple[str, Path]) -> str:
    return f"{hub[0]}/repo/blobs/{SHA[:2]}/{SHA}"


def get(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers={"Accept-Encoding": "identity", **headers}, timeout=10)


def test_full_blob(blob_url: str) -> None:
    resp = requests.get(blob_url, headers={"Accept-Encoding": "gzip, deflate"}, timeout=10)
    assert resp.status_code == 200
    assert resp.content == MEDIA
    assert resp.headers["ETag"] == f'"{SHA}"'
    assert resp.headers["Accept-Ranges"] == "bytes"
    assert resp.headers["Content-Length"] == str(SIZE)
    assert "Content-Encoding" not in resp.headers
    assert resp.headers["Content-Type"] == "application/octet-stream"
    assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable, no-transform"


@pytest.mark.parametrize(
    ("spec", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, SIZE - 1),
        ("bytes=-100", SIZE - 100, SIZE - 1),
        (f"bytes={SIZE - 10}-{SIZE + 1000}", SIZE - 10, SIZE - 1),  # end clipped
        (f"bytes=-{SIZE * 2}", 0, SIZE - 1),  # suffix longer than the file
        (f"bytes={SIZE - 1}-{SIZE - 1}", SIZE - 1, SIZE - 1),
        ("BYTES = 5 - 9", 5, 9),
    ],
)
def test_single_ranges(blob_url: str, spec: str, first: int, last: int) -> None:
    resp = get(blob_url, Range=spec)
    assert resp.status_code == 206
    assert resp.headers["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
    assert resp.headers["Content-Length"] == str(last - first + 1)
    assert resp.content == MEDIA[first : last + 1]
    assert resp.headers["ETag"] == f'"{SHA}"'


@pytest.mark.parametrize("spec", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 10}", "bytes=-0"])
def test_unsatisfiable_416(blob_url: str, spec: str) -> None:
    resp = get(blob_url, Range=spec)
    assert resp.status_code == 416
    assert resp.headers["Content-Range"] == f"bytes */{SIZE}"
    assert resp.json()["error"]["code"] == "range_not_satisfiable"


@pytest.mark.parametrize(
    "spec", ["bytes=0-1,5-6", "bytes=9-3", "items=0-5", "bytes=abc", "bytes=-"]
)
def test_ignored_ranges_serve_everything(blob_url: str, spec: str) -> None:
    resp = get(blob_url, Range=spec)
    assert resp.status_code == 200
    assert "Content-Range" not in resp.headers
    assert resp.content == MEDIA


def test_if_range(blob_url: str) -> None:
    match = get(blob_url, Range="bytes=1000-", **{"If-Range": f'"{SHA}"'})
    assert match.status_code == 206
    assert match.headers["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    assert match.content == MEDIA[1000:]
    for stale in ('"0123"', f'W/"{SHA}"', "Mon, 30 Nov 2026 03:00:00 GMT"):
        resp = get(blob_url, Range="bytes=1000-", **{"If-Range": stale})
        assert resp.status_code == 200, stale
        assert "Content-Range" not in resp.headers
        assert resp.content == MEDIA
    # If-Range that does not match turns an unsatisfiable range into the whole file.
    resp = get(blob_url, Range=f"bytes={SIZE}-", **{"If-Range": '"other"'})
    assert resp.status_code == 200 and len(resp.content) == SIZE


def test_head_and_conditional_get(blob_url: str) -> None:
    head = requests.head(blob_url, timeout=10)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == str(SIZE)
    assert head.headers["ETag"] == f'"{SHA}"'
    assert head.content == b""
    again = get(blob_url, **{"If-None-Match": f'"{SHA}"'})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == f'"{SHA}"'


def test_metadata_caching_and_etags(hub: tuple[str, Path]) -> None:
    url, home = hub
    meta = home / "repo" / "metadata"
    for name in ("timestamp.json", "root.json"):
        resp = get(f"{url}/repo/metadata/{name}")
        assert resp.status_code == 200
        assert resp.content == (meta / name).read_bytes()
        assert resp.headers["Cache-Control"] == "no-cache, no-transform"
        st = (meta / name).stat()
        assert resp.headers["ETag"] == f'"{st.st_size:x}-{st.st_mtime_ns:x}"'
        assert resp.headers["Content-Type"] == "application/json"
    snapshot_version = json.loads((meta / "timestamp.json").read_bytes())["signed"]["meta"][
        "snapshot.json"
    ]["version"]
    resp = get(f"{url}/repo/metadata/{snapshot_version}.snapshot.json")
    assert resp.status_code == 200
    assert "immutable" in resp.headers["Cache-Control"]
    ranged = get(f"{url}/repo/metadata/root.json", Range="bytes=0-0")
    assert ranged.status_code == 206 and ranged.content == (meta / "root.json").read_bytes()[:1]


def raw_get(url: str, path: str) -> int:
    """Send the path exactly as given (no client-side normalization of '..')."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


@pytest.mark.parametrize(
    "path",
    [
        "/repo/../hub.toml",
        "/repo/%2e%2e/hub.toml",
        "/repo/..%2fhub.toml",
        "/repo/metadata/../../keys/root.pem",
        "/repo/metadata/%2e%2e/%2e%2e/keys/timestamp.pem",
        "/repo//etc/passwd",
        "/repo/escape",  # a symlink out of the repository
        "/repo/",
        "/repo/blobs",
        "/repo/metadata/timestamp.json.tmp",
        "/repo/.hidden",
    ],
)
def test_traversal_and_non_files_are_404(hub: tuple[str, Path], path: str) -> None:
    assert raw_get(hub[0], path) == 404


def test_missing_file_json_error(hub: tuple[str, Path]) -> None:
    resp = get(f"{hub[0]}/repo/blobs/00/{'0' * 64}")
    assert resp.status_code == 404
    assert resp.json() == {
        "error": {"code": "not_found", "message": "no such file in the repository"}
    }
