"""`eduteach doctor` on healthy and damaged data dirs, against a real hub; and its support
bundle carries no personal data. Runs from source (fast); the frozen smoke test runs
doctor in the bundle too."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eduteach_desktop.cli import doctor
from eduteach_desktop.cli.main import build_parser
from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.services import Services
from eduteach_desktop.store.roster import Pupil

from .frozen import Hub

PUPILS = [("王小明", "G430123201501010012"), ("李娜", "G43012320150202002X"), ("欧阳晓燕", None)]


def doctor_run(capsys: pytest.CaptureFixture[str], data: Path, *extra: str,
               clock: ManualClock | None = None) -> tuple[int, str]:
    args = build_parser().parse_args(["--data-dir", str(data), "doctor", *extra])
    code = doctor.run(args, clock=clock)
    return code, capsys.readouterr().out


def now_clock(offset: timedelta = timedelta()) -> ManualClock:
    return ManualClock(datetime.now(UTC) + offset)


@pytest.fixture
def enrolled(tmp_path: Path, county_hub: Hub, usb_repo: Path) -> Iterator[Path]:
    """A PC enrolled with the real hub, lessons copied in from the USB folder, one play."""
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        services.enroll(county_hub.url, county_hub.new_code(), "教室电脑")
        report = services.sync([str(usb_repo)])
        assert report.ok, report.problems
        lesson = services.library.installed_lessons()[0]
        services.usage.record_play(lesson, services.clock.now(), 12.0, False)
    finally:
        services.close()
    yield data


def test_healthy_enrolled_pc_exits_0_and_says_so(capsys, enrolled):
    code, out = doctor_run(capsys, enrolled, clock=now_clock())
    assert code == 0, out
    assert "[FAIL]" not in out
    assert "[ OK ] database: intact" in out
    assert "[ OK ] lessons: catalogue v1: 5 lessons" in out
    # a new hub signs root v2 at init: v1, then the apps key pinned (eduteach_hub/apps)
    assert "[ OK ] trust root: v2:" in out and "(hub)" in out
    assert "reachable in" in out and "this PC is known" in out
    assert "[ OK ] clock: agrees with the hub" in out
    assert "[ OK ] records: 2 waiting" in out or "[ OK ] records: 1 waiting" in out
    # Qt was probed in a child process: a backend, and at worst no sound card on CI
    assert "plays lessons (FFmpeg)" in out or "no sound device was found" in out
    assert "Qt 6." in out


def test_clock_three_hours_behind_the_hub_is_a_problem_with_a_fix(capsys, enrolled):
    code, out = doctor_run(capsys, enrolled, "--no-probe", clock=now_clock(-timedelta(hours=3)))
    assert code == 1
    assert "[FAIL] clock: this PC's clock is 3 h 0 min behind the hub" in out
    assert "CMOS battery" in out and "Fix: set the correct date and time" in out


def test_clock_a_few_minutes_off_is_only_a_warning(capsys, enrolled):
    code, out = doctor_run(capsys, enrolled, "--no-probe", clock=now_clock(timedelta(minutes=3)))
    assert code == 0, out
    assert "[WARN] clock: this PC's clock is 3 min ahead of the hub" in out


def test_corrupt_database_is_reported_not_crashed_on(capsys, enrolled):
    db = enrolled / "eduteach.sqlite3"
    raw = bytearray(db.read_bytes())
    raw[4096:4096 * 3] = b"\xa5" * (4096 * 2)  # pages 2 and 3: tables the app needs
    db.write_bytes(bytes(raw))
    code, out = doctor_run(capsys, enrolled, "--no-probe", clock=now_clock())
    assert code == 1
    assert "[FAIL] database: eduteach.sqlite3 is damaged" in out
    assert "Fix: close EduTeach, copy the whole data folder somewhere safe" in out
    assert "Traceback" not in out


def test_missing_lesson_file_names_the_lesson_and_the_repair(capsys, enrolled):
    services = Services.open(enrolled)
    try:
        lesson = next(ls for ls in services.library.installed_lessons() if ls.title == "小星星")
        sha = lesson.files_with_role("media")[0].sha256
        services.blobs.path(sha).unlink()
    finally:
        services.close()
    code, out = doctor_run(capsys, enrolled, "--no-probe", clock=now_clock())
    assert code == 1
    assert "[FAIL] lessons:" in out and "1 file(s) missing or damaged, in: 小星星" in out
    assert "Fix: run `eduteach verify --repair`, then `eduteach sync`" in out


def test_unreachable_hub_is_a_warning_records_wait(capsys, enrolled):
    services = Services.open(enrolled)
    try:
        services.settings.set("hub_url", "http://127.0.0.1:9")  # nothing listens there
    finally:
        services.close()
    code, out = doctor_run(capsys, enrolled, "--no-probe", clock=now_clock())
    assert code == 0, out
    assert "[WARN] hub: cannot reach http://127.0.0.1:9" in out
    assert "records wait safely on this PC" in out


def test_offline_pc_whose_clock_went_back_before_its_last_sync(capsys, tmp_path):
    data = tmp_path / "data"
    services = Services.open(data)
    try:
        services.import_demo_if_first_run()  # records last_sync with today's date
    finally:
        services.close()
    code, out = doctor_run(capsys, data, "--no-probe", clock=now_clock(-timedelta(days=400)))
    assert code == 1
    assert "[note] hub: not enrolled" in out
    assert "[FAIL] clock: this PC's clock is earlier than its own last sync" in out


def test_missing_data_dir_is_explained_and_not_created(capsys, tmp_path):
    code, out = doctor_run(capsys, tmp_path / "nowhere", "--no-probe", clock=now_clock())
    assert code == 1
    assert "[FAIL] data folder:" in out and "does not exist" in out
    assert not (tmp_path / "nowhere").exists()


def test_doctor_works_while_the_app_holds_the_data_dir(capsys, enrolled):
    services = Services.open(enrolled)  # holds the writer lock, like the open app
    try:
        code, out = doctor_run(capsys, enrolled, "--no-probe", "--offline", clock=now_clock())
    finally:
        services.close()
    assert code == 0, out
    assert "EduTeach is open now" in out


def test_support_bundle_has_no_names_registry_numbers_secrets_or_keys(capsys, enrolled, tmp_path):
    services = Services.open(enrolled)
    try:
        services.roster.replace_grade(1, [Pupil("", 1, name, "女", reg) for name, reg in PUPILS])
        secret = services.settings.get("device_secret")
        key_pem = services.datadir.device_key.read_text(encoding="ascii")
    finally:
        services.close()
    assert secret
    # A log as a careless library might write it: names, numbers, the secret, a code.
    (enrolled / "logs").mkdir(exist_ok=True)
    (enrolled / "logs" / "eduteach.log").write_text(
        "2026-03-02 08:00:01 INFO roster: imported 王小明 G430123201501010012\n"
        "2026-03-02 08:00:02 ERROR sync: Authorization: Basic ZGV2aWNlOnNlY3JldA==\n"
        f"2026-03-02 08:00:03 ERROR upload: device secret={secret} refused for 李娜\n"
        "2026-03-02 08:00:04 WARNING enroll: code 7KQ2-M9XD-4RTA used; pupil 欧阳晓燕 absent\n"
        f"2026-03-02 08:00:05 ERROR key dump {key_pem}\n"
        "2026-03-02 08:00:06 ERROR id 43012320150202002X http://dev:pw@hub.example/x\n",
        encoding="utf-8",
    )
    target = tmp_path / "support.zip"
    code, out = doctor_run(capsys, enrolled, "--no-probe", "--bundle", str(target), clock=now_clock())
    assert target.exists(), out
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        blob = "\n".join(zf.read(n).decode("utf-8") for n in names)
    assert {"README.txt", "doctor.txt", "doctor.json", "status.json", "logs/eduteach.log"} <= set(names)
    assert not [n for n in names if n.endswith((".sqlite3", ".pem", ".key", "-wal", "-shm"))]
    forbidden = [name for name, _ in PUPILS] + [reg for _, reg in PUPILS if reg]
    forbidden += [secret, "43012320150202002X", "7KQ2-M9XD-4RTA", "ZGV2aWNlOnNlY3JldA==", "dev:pw@"]
    forbidden += [line for line in key_pem.splitlines() if line and not line.startswith("-----")]
    leaked = [f for f in forbidden if f in blob]
    assert not leaked, leaked
    # ... and it is still useful to the county
    assert "[pupil]" in blob and "[registry-no]" in blob and "ERROR sync" in blob
    status = json.loads(zipfile.ZipFile(target).read("status.json"))
    assert status["records"]["pending"] >= 1 and status["lessons"]["lessons"] == 5


def test_the_cli_process_never_loads_qt(enrolled):
    code = (
        "import sys\n"
        "from eduteach_desktop.cli.main import main\n"
        f"rc = main(['--data-dir', {str(enrolled)!r}, 'doctor', '--offline'])\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "] media: " in proc.stdout and "ffmpegmediaplugin" in proc.stdout  # probed in a child
