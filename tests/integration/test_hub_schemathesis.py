"""schemathesis against the hub's OpenAPI spec over real HTTP: whatever it sends (valid or
not, with device credentials or without), the hub never answers 5xx. Bounded: a fixed
number of examples per operation, well under two minutes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.hubproc import (
    XAPI_HEADERS,
    add_admin,
    add_school,
    enroll,
    init_home,
    playback,
    running_hub,
)

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra")

SCHOOL = "4201000091"
EXAMPLES = int(os.environ.get("EDUTEACH_SCHEMATHESIS_EXAMPLES", "40"))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, tuple[str, str]]]:
    home = init_home(tmp_path_factory.mktemp("fuzz"))
    cfg = home / "hub.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("requests_per_minute = 600", "requests_per_minute = 100000").replace("enroll_attempts_per_minute = 20", "enroll_attempts_per_minute = 100000"), encoding="utf-8")
    add_admin(home)
    code = add_school(home, SCHOOL)
    with running_hub(home) as url:
        dev = enroll(url, code)
        requests.post(f"{url}/xapi/statements", json=[playback(dev.id, SCHOOL)], headers=XAPI_HEADERS, auth=dev.auth, timeout=10)
        yield url, dev.auth


def test_no_server_errors(hub: tuple[str, tuple[str, str]]) -> None:
    url, auth = hub
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 6, [o.label for o in operations]
    failures: list[str] = []
    session = requests.Session()
    for op in operations:
        if op.path.startswith("/dashboard"):
            continue

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy(), who=st.sampled_from(["device", "admin", "nobody"]))
        def check(case: object, who: str) -> None:
            headers = dict(getattr(case, "headers", None) or {})
            kwargs = {}
            if who == "device":
                kwargs["auth"] = auth
            elif who == "admin":
                kwargs["auth"] = ("admin", "correct horse battery")
            resp = case.call(base_url=url, session=session, headers=headers, timeout=30, **kwargs)  # type: ignore[attr-defined]
            if resp.status_code >= 500:
                failures.append(f"{resp.status_code} {resp.text[:200]} for {case!r}")
            assert "Traceback" not in resp.text

        check()
    assert not failures, failures[:5]
