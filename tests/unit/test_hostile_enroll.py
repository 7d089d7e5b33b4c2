"""Hostile enrollment files and school names: a signed file (a stolen or buggy county key)
whose school name holds terminal escapes or a right-to-left override, a huge or deeply
nested file, and a hub asked to store such a name. Each is one clear refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from eduteach_protocol import enroll_file
from eduteach_protocol.enroll_file import EnrollFileError


def _signed(school_name: str, **overrides: str) -> bytes:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    root = json.dumps({"signed": {
        "roles": {enroll_file.SIGNING_ROLE: {"keyids": ["k1"]}},
        "keys": {"k1": {"keytype": "ed25519", "keyval": {"public": public}}}}}).encode()
    fields = dict(school_code="4201000001", county_code="420100", code="ABCD-EFGH",
                  created="2026-09-01T00:00:00Z", expires="2026-12-01T00:00:00Z")
    fields.update(overrides)
    doc = enroll_file.build(key, "k1", school_name=school_name, hub_url=None, root=root, **fields)
    return enroll_file.encode(doc)


def test_a_sane_file_still_decodes() -> None:
    assert enroll_file.decode(_signed("杨树湾教学点")).school_name == "杨树湾教学点"


@pytest.mark.parametrize(("name", "said"), [
    ("\x1b]0;pwned\x07杨树湾", "U+001B"),
    ("杨树湾\u202e点学教", "U+202E"),
    ("\x9b2J小学", "U+009B"),
    ("长" * 101, "the limit is 100"),
])
def test_a_signed_hostile_school_name_is_refused(name: str, said: str) -> None:
    with pytest.raises(EnrollFileError) as info:
        enroll_file.decode(_signed(name))
    assert info.value.code == "bad_format" and said in str(info.value)
    assert "\x1b" not in str(info.value) and "\u202e" not in str(info.value)


def test_other_signed_fields_are_bounded_too() -> None:
    with pytest.raises(EnrollFileError, match="expires"):
        enroll_file.decode(_signed("小学", expires="2026" + "9" * 10_000))


def test_huge_deep_and_odd_files_are_one_refusal() -> None:
    for data in (b" " * (enroll_file.MAX_BYTES + 1), b"[" * 100_000 + b"]" * 100_000,
                 b"\xff\xfe\x00", json.dumps({"format": "eduteach-enrollment",
                                              "format_version": "9" * 100_000}).encode()):
        with pytest.raises(EnrollFileError) as info:
            enroll_file.decode(data)
        assert len(str(info.value)) < 300


def test_the_hub_will_not_store_a_name_its_pcs_refuse(tmp_path: Path) -> None:
    from tests.integration.hubproc import cli, init_home

    home = init_home(tmp_path)
    code, _ = cli("school", "add", "4201000001", "--name", "小学\u202e", home=home)
    assert code != 0
    code, _ = cli("school", "add", "4201000001", "--name", "杨树湾教学点", home=home)
    assert code == 0


def _claim(**overrides: str) -> dict[str, str]:
    import base64

    key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    claim = enroll_file.claim(code="ABCD-EFGH", device_id="dev-" + "a" * 32,
                              public_key=base64.b64encode(key).decode(), secret_hash="0" * 64,
                              device_name="教室电脑", app_version="0.9.0")
    claim.update(overrides)
    return claim


@pytest.mark.parametrize("override", [
    {"device_name": "教室\x1b[2J电脑"}, {"device_name": "电脑\u202e"}, {"device_name": "x" * 101},
    {"device_id": "dev-../../etc"}, {"device_id": "dev-" + "a" * 33}, {"app_version": "1\x9b"},
])
def test_a_record_files_claim_is_bounded_like_an_online_enrollment(override: dict[str, str]) -> None:
    """The claim in a PC's first record file names the PC on the dashboard: the same rules
    as the online enrollment, which now also refuses C1 controls and bidi overrides."""
    from eduteach_hub.api.enroll import parse_enroll_request
    from eduteach_hub.api.errors import ApiError

    assert enroll_file.parse_claim(_claim())["device_name"] == "教室电脑"
    with pytest.raises(EnrollFileError) as info:
        enroll_file.parse_claim(_claim(**override))
    assert info.value.code == "bad_claim"
    if "device_name" in override or "app_version" in override:
        with pytest.raises(ApiError):
            parse_enroll_request(dict(_claim(**override), public_key=_claim()["public_key"]))
