"""Codes, ids, timestamps and IRIs with a line break after them are refused: a `$`
anchor matches before a final "\\n", so "4301230001\\n" used to pass as a school code."""

from __future__ import annotations

import re

import pytest

from eduteach_desktop.store import rosterimport
from eduteach_hub import config
from eduteach_hub.api import repo_files, xapi
from eduteach_hub.db import schools, users
from eduteach_protocol import catalog, records
from eduteach_protocol.xapi import patterns

CASES = [
    (config.COUNTY_CODE_RE, "430123"),
    (schools.SCHOOL_CODE_RE, "4301230001"),
    (users.NAME_RE, "county.admin"),
    (records.SCHOOL_CODE_RE, "4301230001"),
    (records.COUNTY_CODE_RE, "430123"),
    (patterns.TIMESTAMP_RE, "2026-11-30T08:00:00.123+08:00"),
    (patterns.DURATION_RE, "PT1M30.5S"),
    (patterns.IRI_RE, "https://eduteach.cn/xapi/verbs/attended"),
    (catalog.LESSON_ID_RE, "music-g1-renyin-xiaoxingxing"),
    (catalog.FILE_NAME_RE, "小星星.mp3"),
    (repo_files._SHA256_RE, "a" * 64),
    (repo_files._VERSIONED_METADATA_RE, "3.snapshot.json"),
    (xapi._VERSION_RE, "2.0.0"),
    (patterns.LANG_RE, "zh-CN"),
    (patterns.MBOX_RE, "mailto:teacher@example.cn"),
    (patterns.SHA1_RE, "b" * 40),
    (patterns.SHA2_RE, "c" * 64),
    (patterns.VERSION_RE, "1.0.3"),
    (rosterimport._REGISTRY_RE, "G43012320190001"),
]


@pytest.mark.parametrize(("pattern", "good"), CASES, ids=[p.pattern[:30] for p, _ in CASES])
def test_good_value_passes_and_with_a_line_break_does_not(pattern: re.Pattern[str], good: str):
    assert pattern.match(good)
    assert not pattern.match(good + "\n")


def test_xapi_plain_keys_and_the_profile_refuse_a_line_break():
    assert patterns.PLAIN_KEY("school_code") and not patterns.PLAIN_KEY("school_code\n")
    with pytest.raises(catalog.CatalogError):
        catalog.lesson_from_dict({"id": "music-g1-x\n"}, "lessons[0]")
