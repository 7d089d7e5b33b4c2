"""The editions rules: the command-line syntax, the wire format, and what a PC subscribes to."""

from __future__ import annotations

import pytest

from eduteach_desktop.store.library import Subscription, county_subscriptions
from eduteach_protocol.editions import (
    EditionError,
    EditionRule,
    edition_for,
    parse_rule,
    rules_from_wire,
)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("音乐=人音版", EditionRule("music", 0, "人音版")),
        ("music=人音版", EditionRule("music", 0, "人音版")),
        ("3:英语=外研版", EditionRule("english", 3, "外研版")),
        ("三年级:英语= 外研版 ", EditionRule("english", 3, "外研版")),
        ("3：英语=外研版", EditionRule("english", 3, "外研版")),
    ],
)
def test_rules_are_parsed(text: str, rule: EditionRule) -> None:
    assert parse_rule(text) == rule


@pytest.mark.parametrize("text", ["音乐", "=人音版", "舞蹈=x", "4:英语=外研版", "音乐=", "音乐=a\tb"])
def test_bad_rules_say_what_to_write(text: str) -> None:
    with pytest.raises(EditionError):
        parse_rule(text)


def test_grade_rule_wins_over_all_grades() -> None:
    rules = [EditionRule("english", 0, "人教版"), EditionRule("english", 3, "外研版")]
    assert edition_for(rules, 3, "english") == "外研版"
    assert edition_for(rules, 1, "english") == "人教版"
    assert edition_for(rules, 1, "music") is None


def test_wire_round_trip_and_refusals() -> None:
    rules = [EditionRule("english", 3, "外研版"), EditionRule("music", 0, "人音版")]
    assert rules_from_wire([r.to_wire() for r in rules]) == rules
    for bad in (None, {}, [1], [{"subject": "music", "grade": 0.5, "edition": "x"}],
                [{"subject": "music", "grade": True, "edition": "x"}], [{"subject": "music", "grade": None}]):
        with pytest.raises(EditionError):
            rules_from_wire(bad)


def test_county_subscriptions_leave_unset_subjects_open() -> None:
    assert county_subscriptions([]) == []
    subs = county_subscriptions([EditionRule("music", 0, "人音版"), EditionRule("english", 3, "外研版")])
    assert Subscription(1, "music", "人音版") in subs
    assert Subscription(3, "english", "外研版") in subs
    assert Subscription(1, "english", "*") in subs and Subscription(2, "art", "*") in subs
    assert len(subs) == 3 * 8
