"""Records by USB: signed .etrec files imported from the CLI, idempotently, and refused when
tampered with, unsigned by the device, from an unknown device or for another school."""

from __future__ import annotations

import gzip
import json
import uuid
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eduteach_protocol import record_file as records_file
from eduteach_protocol import records as r
from tests.integration.hubproc import (
    XAPI_HEADERS,
    add_school,
    enroll_with_key,
    init_home,
    run_cli,
    running_hub,
    sql,
)

SCHOOL = "4201000071"
OTHER = "4201000072"
LESSON = r.LessonRef("music-g1-star", "小星星", "audio", 1, "music", "人音版", 50.0)


def _events(origin: r.Origin, first_seq: int, n: int) -> list[dict]:
    out: list[dict] = []
    seq = first_seq
    for _ in range(n):
        ids = [(str(uuid.uuid4()), seq + i) for i in range(3)]
        seq += 3
        out += r.playback_events(origin, LESSON, ids, "2026-03-02T08:00:00+08:00", "2026-03-02T08:01:00+08:00", 50, True, registration=str(uuid.uuid4()))
    return out


def _write(path: Path, doc: dict) -> Path:
    path.write_bytes(records_file.encode(doc))
    return path


def test_import_cli_idempotent_and_refusals(tmp_path: Path, db_url: str | None) -> None:
    home = init_home(tmp_path, db_url=db_url)
    code, other_code = add_school(home, SCHOOL), add_school(home, OTHER)
    with running_hub(home) as url:
        dev, key = enroll_with_key(url, code)
        other, other_key = enroll_with_key(url, other_code)
        origin = r.Origin(dev.id, SCHOOL, "420100", "0.2")
        stmts = _events(origin, 1, 4)  # 12 statements
        # Three of them went up online before the USB stick.
        resp = requests.post(f"{url}/xapi/statements", json=stmts[:3], headers=XAPI_HEADERS, auth=dev.auth, timeout=10)
        assert resp.status_code == 200
        doc = records_file.build(key, dev.id, SCHOOL, "2026-03-03T08:00:00Z", stmts)  # type: ignore[arg-type]
        good = _write(tmp_path / "ok.etrec", doc)

        res = run_cli("records", "import", str(good), home=home)
        assert res.returncode == 0, res.stderr
        assert "12 records" in res.stdout and "9 new, 3 already stored" in res.stdout
        again = run_cli("records", "import", str(good), home=home)
        assert again.returncode == 0 and "0 new, 12 already stored" in again.stdout
        assert sql(home, "SELECT count(*) FROM statements") == (12,)
        assert sql(home, "SELECT sum(plays) FROM usage_daily") == (4,), "counted once"

        tampered = json.loads(json.dumps(doc))
        tampered["statements"][2]["result"]["completion"] = False
        bad = _write(tmp_path / "tampered.etrec", tampered)
        res = run_cli("records", "import", str(bad), home=home)
        assert res.returncode == 1 and "bad_signature" in res.stderr

        forged = records_file.build(Ed25519PrivateKey.generate(), dev.id, SCHOOL, "2026-03-03T08:00:00Z", _events(origin, 100, 1))
        res = run_cli("records", "import", str(_write(tmp_path / "forged.etrec", forged)), home=home)
        assert res.returncode == 1 and "bad_signature" in res.stderr

        unknown = records_file.build(key, "dev-" + "0" * 32, SCHOOL, "2026-03-03T08:00:00Z", [])  # type: ignore[arg-type]
        res = run_cli("records", "import", str(_write(tmp_path / "unknown.etrec", unknown)), home=home)
        assert res.returncode == 1 and "unknown_device" in res.stderr

        # Signed by the other school's device, but carrying statements of SCHOOL.
        cross = records_file.build(other_key, other.id, OTHER, "2026-03-03T08:00:00Z", _events(origin, 200, 1))  # type: ignore[arg-type]
        res = run_cli("records", "import", str(_write(tmp_path / "cross.etrec", cross)), home=home)
        assert res.returncode == 1 and "wrong_school" in res.stderr
        claims = records_file.build(other_key, other.id, SCHOOL, "2026-03-03T08:00:00Z", [])  # type: ignore[arg-type]
        res = run_cli("records", "import", str(_write(tmp_path / "claims.etrec", claims)), home=home)
        assert res.returncode == 1 and "wrong_school" in res.stderr

        (tmp_path / "junk.etrec").write_bytes(b"not gzip")
        trunc = tmp_path / "trunc.etrec"
        trunc.write_bytes(good.read_bytes()[:-20])
        plain = tmp_path / "plain.etrec"
        plain.write_bytes(gzip.compress(b'{"format": "other"}'))
        res = run_cli("records", "import", str(tmp_path / "junk.etrec"), str(trunc), str(plain), home=home)
        assert res.returncode == 1 and res.stderr.count("refused") == 3
        assert sql(home, "SELECT count(*) FROM statements") == (12,), "refused files store nothing"


def test_canonical_bytes_are_stable() -> None:
    doc = {"b": 1, "a": "教学点", "signature": "x", "statements": [{"z": 1, "y": [1, 2]}]}
    assert records_file.canonical_bytes(doc) == '{"a":"教学点","b":1,"statements":[{"y":[1,2],"z":1}]}'.encode()


@pytest.mark.parametrize("field", ["format", "format_version", "signature"])
def test_decode_rejects_shape(field: str) -> None:
    key = Ed25519PrivateKey.generate()
    doc = records_file.build(key, "dev-x", SCHOOL, "2026-03-03T08:00:00Z", [])
    del doc[field]
    with pytest.raises(records_file.RecordsFileError):
        records_file.decode(records_file.encode(doc))
