"""Made-up but plausible records for trying the dashboard, screenshots and benchmarks.

`eduteach-hub sample-data --schools 30 --weeks 8` adds schools (codes 99xxxxxxxx, so they
never collide with real 学校标识码), one enrolled PC each, and for every school day their
class sessions, lesson playbacks (Video Profile events) and attendance, built with the
shared record profile (eduteach_protocol.records) and stored through the same code as an
upload. Deterministic for a given seed. Never use it on a production hub.
"""

from __future__ import annotations

import base64
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from eduteach_hub.api import lrs
from eduteach_hub.db import Database, devices, editions, schools, upsert
from eduteach_hub.db.facts import CHINA
from eduteach_hub.db.schema import inventories
from eduteach_hub.db.times import iso_ms
from eduteach_protocol import records as r
from eduteach_protocol.editions import EditionRule, edition_for

NAMES = ["杨树湾", "柳林", "石桥", "岔河", "龙潭", "青山", "竹园", "白沙", "枫树坪", "马家冲", "黄土岭", "桃花溪", "高家湾", "庙沟", "双河", "大坪", "枣林", "松树垭", "李家畈", "油坊"]
LESSONS = {
    "chinese": ("识字", "人教版"), "math": ("认识数字", "人教版"), "english": ("Hello", "外研版"),
    "music": ("小星星", "人音版"), "art": ("美丽的色彩", "人美版"), "morality": ("我上学了", "统编版"),
    "science": ("观察植物", "教科版"), "pe": ("广播操", "人教版"),
}
BASE_WEIGHTS = {"chinese": 8, "math": 7, "morality": 2, "science": 2, "pe": 2}


@dataclass(frozen=True)
class SampleSchool:
    code: str
    name: str
    county: str
    device_id: str
    grades: tuple[int, ...]
    pupils: dict[int, list[tuple[str, float]]]  # grade -> (registry number, absence rate)
    music: float  # share of weeks where music/art/english are taught as required
    silent_days: int


def _schools(rng: random.Random, n: int, county: str) -> list[SampleSchool]:
    out = []
    for i in range(n):
        grades = tuple(sorted(rng.sample([1, 2, 3], rng.choice([2, 3, 3]))))
        pupils = {}
        for g in grades:
            pupils[g] = [
                (f"G{county}{2016 + (3 - g)}{rng.randrange(10**7):07d}{rng.randrange(100):02d}X",
                 rng.choice([0.02, 0.03, 0.05, 0.05, 0.08, 0.3]))
                for _ in range(rng.randint(4, 10))
            ]
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i // len(NAMES) + 1)) + "教学点"
        out.append(SampleSchool(
            code=f"99{county[2:]}{i:04d}", name=name, county=county,
            device_id="dev-" + uuid.UUID(int=rng.getrandbits(128)).hex, grades=grades, pupils=pupils,
            music=rng.choice([1.0, 1.0, 0.9, 0.7, 0.4, 0.1]),
            silent_days=rng.choice([0] * 8 + [9, 20]),
        ))
    return out


def _events(rng: random.Random, s: SampleSchool, start: date, end: date) -> Iterator[dict[str, Any]]:
    origin = r.Origin(s.device_id, s.code, s.county, "0.2.0")
    seq = 0

    def ids(n: int) -> list[tuple[str, int]]:
        nonlocal seq
        out = []
        for _ in range(n):
            seq += 1
            out.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), seq))
        return out

    # How this school teaches (issue 15), from its own generator so the rest of the sample
    # (and every figure drawn from it) stays what it was: some schools sing their music
    # lessons with the accompaniment, others only play the model singing.
    style = random.Random(f"classroom:{s.code}")
    sings, repeats, presents = style.uniform(0.05, 0.9), style.uniform(0.1, 0.8), style.uniform(0.0, 0.3)

    def taught(subject: str) -> tuple[list[str], list[str]]:
        """(modes, tracks) of one play of `subject`."""
        modes: list[str] = []
        tracks: list[str] = []
        if subject == "music":
            if style.random() < sings:
                modes, tracks = (["sing-along"], ["accompaniment"]) if style.random() < 0.5 else ([], ["accompaniment", "demo"])
            elif style.random() < 0.6:
                tracks = ["demo"]
        elif subject == "english" and style.random() < repeats:
            modes, tracks = ["repeat-after-me"], ["speech"]
        if style.random() < presents:
            modes = sorted([*modes, "presenter"])
        return modes, tracks

    day = start
    last_day = end - timedelta(days=s.silent_days)
    while day <= last_day:
        if day.weekday() < 5:
            taught_required = rng.random() < s.music
            plan: list[str] = []
            # Required subjects twice a week (Tue/Thu), English from grade 3 only.
            if day.weekday() in (1, 3) and taught_required:
                plan += ["music", "art"] + (["english"] if 3 in s.grades else [])
            weights = dict(BASE_WEIGHTS)
            plan += rng.choices(list(weights), list(weights.values()), k=rng.randint(2, 4))
            for n, subject in enumerate(plan):
                # Music and art are usually taught to all grades at once (复式教学).
                if subject in ("music", "art"):
                    grade_list = list(s.grades)
                elif subject == "english":
                    grade_list = [3]
                else:
                    grade_list = list(s.grades) if rng.random() < 0.5 else [rng.choice(s.grades)]
                reg = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                hh = 8 + n
                t0 = f"{day.isoformat()}T{hh:02d}:00:00+08:00"
                t1 = f"{day.isoformat()}T{hh:02d}:35:00+08:00"
                title, edition = LESSONS[subject]
                played = rng.randint(1, 2)
                for k in range(played):
                    lesson = r.LessonRef(f"{subject}-g{grade_list[0]}-{k}", title, rng.choice(["video", "audio", "slides"]), grade_list[0], subject, edition, 600.0)
                    done = rng.random() < 0.8
                    modes, tracks = taught(subject)
                    yield from r.playback_events(origin, lesson, ids(3), t0, t1, 600.0 if done else rng.uniform(60, 500), done, registration=reg, modes=modes, tracks=tracks)
                (sid, sseq), = ids(1)
                yield r.session_statement(origin, sid, sseq, reg, subject, grade_list, t0, 2400, played)
                if n == 0:  # attendance at the first session of the day
                    for g in grade_list:
                        for pupil, p_absent in s.pupils[g]:
                            x = rng.random()
                            status = "absent" if x < p_absent else ("late" if x < p_absent + 0.03 else ("leave" if x < p_absent + 0.04 else "present"))
                            (aid, aseq), = ids(1)
                            yield r.attendance_statement(origin, aid, aseq, reg, subject, pupil, g, status, t0)
        day += timedelta(days=1)


SAMPLE_EDITIONS = {"music": ("人音版", "湘艺版"), "art": ("人美版", "岭南版"), "english": ("外研版",)}
SAMPLE_BOOK_LESSONS = 4  # lessons per book in the sample (tests publish as many)


def _editions(rng: random.Random) -> tuple[list[EditionRule], str]:
    """Editions the county set for a sample school, and the books its PC reports (JSON)."""
    import json

    rules = [EditionRule("music", 0, rng.choice(SAMPLE_EDITIONS["music"])),
             EditionRule("art", 0, rng.choice(SAMPLE_EDITIONS["art"])),
             EditionRule("english", 3, "外研版")]
    books = []
    for grade in (1, 2, 3):
        for subject in ("music", "art", "english"):
            edition = edition_for(rules, grade, subject)
            if edition is not None:
                installed = rng.choice([SAMPLE_BOOK_LESSONS] * 4 + [SAMPLE_BOOK_LESSONS - 1, 0])
                books.append({"grade": grade, "subject": subject, "edition": edition,
                              "lessons": SAMPLE_BOOK_LESSONS, "installed": installed})
    return rules, json.dumps(books, ensure_ascii=False, sort_keys=True)


def load(
    db: Database,
    n_schools: int = 30,
    weeks: int = 8,
    county: str = "420100",
    seed: int = 7,
    clock: Callable[[], datetime] = lambda: datetime.now(CHINA),
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Add sample schools and their records; returns (schools, statements)."""
    rng = random.Random(seed)
    now = clock()
    today = now.astimezone(CHINA).date()
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    total = 0
    sample = _schools(rng, n_schools, county)
    choices = random.Random(seed + 1)  # its own stream: the records stay as they were
    for s in sample:
        rules, books = _editions(choices)
        key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        with db.write() as conn:
            schools.add(conn, s.code, s.name, s.county, iso_ms(now))
            if devices.get(conn, s.device_id) is None:
                devices.insert_device(
                    conn, device_id=s.device_id, school_code=s.code, secret=devices.new_secret(),
                    public_key=base64.b64encode(key).decode(), name="教室电脑", app_version="0.2.0", now=iso_ms(now),
                )
            upsert.replace(conn, inventories, ("device_id",), [{
                "device_id": s.device_id, "school_code": s.code,
                "catalog_version": rng.choice([3, 3, 3, 2]), "lessons_installed": rng.choice([120, 118, 96, 120]),
                "lessons_subscribed": 120, "bytes": rng.randint(2, 9) * 10**9,
                "last_sync": iso_ms(now - timedelta(days=rng.choice([0, 1, 2, 5, 30]))), "reported_at": iso_ms(now),
                "books": books,
            }])
            editions.set_rules(conn, s.code, rules, iso_ms(now), replace_all=True)
            device = devices.get(conn, s.device_id)
        assert device is not None
        batch: list[dict[str, Any]] = []
        for st in _events(rng, s, start, today):
            batch.append(st)
            if len(batch) == 500:
                total += _store(db, device, batch, now)
                batch = []
        if batch:
            total += _store(db, device, batch, now)
        if progress:
            progress(total)
    return len(sample), total


def _store(db: Database, device: devices.Device, batch: list[dict[str, Any]], now: datetime) -> int:
    _, prepared = lrs.prepare_batch(batch, device, now)
    lrs.store_batch(db, device, prepared, now, touch=True)
    return len(batch)
