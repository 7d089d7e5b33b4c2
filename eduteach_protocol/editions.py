"""Textbook editions a county sets for a school, per subject and grade (the wire format the
hub sends with a PC's configuration, and the `[GRADE:]SUBJECT=EDITION` syntax of the hub's
command line).

A rule with grade 0 applies to every grade; a rule for one grade overrides it there. So
`音乐=人音版` and `3:英语=外研版` say "music: 人音版 in every grade; English: 外研版 in grade 3".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .cli_i18n import L_
from .subjects import GRADES, subject_code

ALL_GRADES = 0
MAX_EDITION = 40
MAX_RULES = 200


class EditionError(ValueError):
    """A rule is malformed; the message says what to write instead."""


@dataclass(frozen=True, order=True)
class EditionRule:
    subject: str  # subject code
    grade: int  # 0: every grade
    edition: str

    def to_wire(self) -> dict[str, Any]:
        return {"subject": self.subject, "grade": self.grade or None, "edition": self.edition}


def check_edition(text: str) -> str:
    value = text.strip()
    if not value or len(value) > MAX_EDITION or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise EditionError(L_("edition {text!r}: 1 to {n} printable characters, e.g. 人音版", text=text, n=MAX_EDITION))
    return value


def _grade(text: str) -> int:
    value = text.strip().removesuffix("年级")
    names = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
    grade = names.get(value) or (int(value) if value.isdigit() else 0)
    if grade not in GRADES:
        raise EditionError(L_("grade {text!r}: one of {grades}", text=text, grades=", ".join(str(g) for g in GRADES)))
    return grade


def parse_key(text: str) -> tuple[int, str]:
    """`音乐` or `3:英语` (also `music`, `三年级:英语`) → (grade or 0, subject code)."""
    grade_text, sep, subject_text = text.strip().rpartition(":")
    if not sep:
        grade_text, sep, subject_text = text.strip().rpartition("：")  # a Chinese colon
    grade = _grade(grade_text) if sep else ALL_GRADES
    try:
        return grade, subject_code(subject_text.strip())
    except KeyError:
        raise EditionError(L_("subject {text!r}: write it as 音乐, 美术, 英语 … or music, art, english …",
                               text=subject_text.strip())) from None


def parse_rule(text: str) -> EditionRule:
    """`[GRADE:]SUBJECT=EDITION`, e.g. `音乐=人音版` or `3:英语=外研版`."""
    key, sep, edition = text.partition("=")
    if not sep:
        raise EditionError(L_("{text!r}: write [GRADE:]SUBJECT=EDITION, e.g. 音乐=人音版 or 3:英语=外研版", text=text))
    grade, subject = parse_key(key)
    return EditionRule(subject, grade, check_edition(edition))


def rules_from_wire(raw: Any) -> list[EditionRule]:
    """Rules from the hub's JSON; raises EditionError on anything malformed."""
    if not isinstance(raw, list) or len(raw) > MAX_RULES:
        raise EditionError(f"editions: a list of at most {MAX_RULES} rules")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise EditionError("editions: each rule is an object")
        grade = item.get("grade")
        if grade is None:
            grade = ALL_GRADES
        if not isinstance(grade, int) or isinstance(grade, bool) or grade not in (ALL_GRADES, *GRADES):
            raise EditionError("editions: grade must be null or one of the grades")
        subject = item.get("subject")
        edition = item.get("edition")
        if not isinstance(subject, str) or not isinstance(edition, str):
            raise EditionError("editions: subject and edition are text")
        try:
            code = subject_code(subject)
        except KeyError:
            raise EditionError(f"editions: unknown subject {subject!r}") from None
        out.append(EditionRule(code, grade, check_edition(edition)))
    return sorted(set(out))


def edition_for(rules: Iterable[EditionRule], grade: int, subject: str) -> str | None:
    """The edition the rules give a grade's subject: its own rule, else the all-grades one."""
    general = None
    for rule in rules:
        if rule.subject == subject and rule.grade == grade:
            return rule.edition
        if rule.subject == subject and rule.grade == ALL_GRADES:
            general = rule.edition
    return general


def describe(rules: Iterable[EditionRule]) -> str:
    """The rules as the command line writes them: `音乐=人音版 3:英语=外研版`."""
    from .subjects import subject_name

    return " ".join(
        (f"{r.grade}:" if r.grade else "") + f"{subject_name(r.subject)}={r.edition}" for r in sorted(rules)
    )
