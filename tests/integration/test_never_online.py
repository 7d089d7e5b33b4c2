"""Never-online schools: a PC joins from an enrollment file, its first USB record file binds
it at the hub, and a later online contact is the same device with no record counted twice.
Every bad file is refused with a reason: tampered, expired, used twice, another county's,
another school's, a record file from a PC the hub never bound."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from eduteach_desktop.core.clock import ManualClock, SystemClock
from eduteach_desktop.core.errors import EnrollmentError
from eduteach_desktop.records.first_contact import set_hub_url
from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.sync import enroll_file as pc_enroll
from eduteach_hub.records_import import import_bytes
from eduteach_protocol import enroll_file as protocol
from eduteach_protocol import record_file
from eduteach_protocol.record_file import RecordsFileError
from eduteach_protocol.records import EXT_COUNTY, EXT_SCHOOL
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import add_admin, admin_session, cli, init_home, running_hub, sql

SCHOOL = "4301230001"
OTHER_SCHOOL = "4301230002"


def _hub(base: Path, county: str = "430123") -> Path:
    home = init_home(base, county=county)
    src = base / "lessons"
    write_lesson(src, "song-a")
    rc, out = cli("publish", str(src), home=home)
    assert rc == 0, out
    return home


def _enroll_file(home: Path, school: str, out: Path, name: str = "大坪村教学点", *extra: str) -> Path:
    rc, text = cli("school", "add", school, "--name", name, "--enroll-file", str(out), *extra, home=home)
    assert rc == 0, text
    return out


def _pc(path: Path, clock: object | None = None) -> Services:
    return Services.open(path, clock=clock)  # type: ignore[arg-type]


def _enroll(pc: Services, file: Path) -> pc_enroll.FileEnrollment:
    return pc_enroll.apply(pc, pc_enroll.read(pc, file), "教室电脑")


def _import(home: Path, data: bytes) -> object:
    from eduteach_hub.db import Database
    from eduteach_hub.db.times import utc_now
    from tests.integration.hubproc import db_path_or_url

    db = Database.open(db_path_or_url(home))
    try:
        db.migrate()
        return import_bytes(db, data, utc_now)
    finally:
        db.dispose()


def _play(pc: Services, tmp: Path) -> None:
    """One play of the only lesson: three records in the outbox."""
    repo = tmp / "hub" / "repo"
    assert pc.sync([str(repo)]).ok
    pc.usage.record_play(pc.library.lesson("song-a"), pc.clock.now(), 3.0, True, segments=[(0, 3.0)])


def _export(pc: Services, dest: Path) -> bytes:
    path, _ = pc.export_records(dest)
    return path.read_bytes()


def test_enroll_from_file_records_get_identity_first_usb_file_binds_and_online_is_the_same_device(tmp_path):
    home = _hub(tmp_path)
    stick = _enroll_file(home, SCHOOL, tmp_path / "stick" / "school.etenroll")
    pc = _pc(tmp_path / "pc")
    try:
        # a record made before enrollment (demo lessons era) carries placeholders …
        pc.trust.install_root((home / "repo" / "metadata" / "root.json").read_bytes())
        _play(pc, tmp_path)
        pc.library.reset()
        preview = pc_enroll.read(pc, stick)
        assert (preview.school_code, preview.school_name, preview.county_code) == (SCHOOL, "大坪村教学点", "430123")
        assert preview.fingerprint == protocol.root_fingerprint((home / "repo" / "metadata" / "root.json").read_bytes())
        done = pc_enroll.apply(pc, preview, "教室电脑")
        assert done.records_adopted == 3
        # … and gets the school's identity, with its id unchanged
        for st in (item.statement for item in pc.outbox.pending(100)):
            assert st["context"]["extensions"][EXT_SCHOOL] == SCHOOL
            assert st["context"]["extensions"][EXT_COUNTY] == "430123"
            assert st["actor"]["account"]["name"] == done.device_id
        assert not pc.settings.enrolled() and pc.settings.has_identity()  # no hub address: USB only
        _play(pc, tmp_path)
        data = _export(pc, tmp_path / "stick")
        doc = record_file.decode(data)
        assert doc["enrollment"]["device_id"] == done.device_id and doc["enrollment"]["code"] == preview.file.code
        assert "secret" not in json.dumps(doc["enrollment"]).replace("secret_hash", "")  # only its hash travels

        report = _import(home, data)
        assert (report.device_id, report.new, report.repeated) == (done.device_id, 6, 0)  # type: ignore[attr-defined]
        again = _import(home, data)  # the same stick imported twice
        assert (again.new, again.repeated) == (0, 6)  # type: ignore[attr-defined]
        assert sql(home, "SELECT count(*) FROM devices") == (1,)
        assert sql(home, "SELECT count(*) FROM statements") == (6,)
        assert sql(home, "SELECT count(*), max(days) FROM usb_imports WHERE school_code = :s", s=SCHOOL) == (2, 1)
        assert sql(home, "SELECT used_at IS NOT NULL, device_id FROM enroll_codes") == (True, done.device_id)

        # later the PC comes online: the same device, its credential works, nothing twice
        add_admin(home)
        with running_hub(home) as url:
            set_hub_url(pc, url)
            up = pc.upload()
            assert up.sent == 6 and up.remaining == 0
            assert pc.settings.get(keys.ENROLL_CLAIM) is None
            assert sql(home, "SELECT count(*) FROM devices") == (1,)
            assert sql(home, "SELECT count(*) FROM statements") == (6,)
            assert sql(home, "SELECT last_seen_at IS NOT NULL FROM devices") == (True,)
            # a new play (not finished: two records) goes up online as from any enrolled PC
            pc.usage.record_play(pc.library.lesson("song-a"), pc.clock.now(), 1.0, False)
            assert pc.upload().sent == 2
            assert sql(home, "SELECT count(*) FROM statements") == (8,)
            assert sql(home, "SELECT count(*) FROM devices") == (1,)
    finally:
        pc.close()


def test_online_first_then_the_usb_file_binds_the_same_device(tmp_path):
    home = _hub(tmp_path)
    stick = _enroll_file(home, SCHOOL, tmp_path / "s.etenroll")
    pc = _pc(tmp_path / "pc")
    try:
        done = _enroll(pc, stick)
        _play(pc, tmp_path)
        data = _export(pc, tmp_path)  # written while offline, carries the claim
        with running_hub(home) as url:
            set_hub_url(pc, url)
            assert pc.upload().sent == 3
        report = _import(home, data)  # the stick arrives after the records came online
        assert (report.device_id, report.new, report.repeated) == (done.device_id, 0, 3)  # type: ignore[attr-defined]
        assert sql(home, "SELECT count(*) FROM devices") == (1,)
        assert sql(home, "SELECT count(*) FROM statements") == (3,)
    finally:
        pc.close()


def test_bad_enrollment_files_are_refused_with_a_reason(tmp_path):
    home = _hub(tmp_path / "a")
    good = _enroll_file(home, SCHOOL, tmp_path / "good.etenroll")
    other_school = _enroll_file(home, OTHER_SCHOOL, tmp_path / "other-school.etenroll", "小河教学点")
    other_home = _hub(tmp_path / "b", county="430999")
    other_county = _enroll_file(other_home, "4309990001", tmp_path / "other-county.etenroll", "别县教学点")

    doc = json.loads(good.read_bytes())
    doc["school"]["name"] = "假教学点"
    tampered = tmp_path / "tampered.etenroll"
    tampered.write_bytes(protocol.encode(doc))
    doc = json.loads(good.read_bytes())
    doc["root"] = json.loads(other_county.read_bytes())["root"]  # another county's root, same signature
    swapped = tmp_path / "swapped.etenroll"
    swapped.write_bytes(protocol.encode(doc))
    notfile = tmp_path / "notes.etenroll"
    notfile.write_text("hello", encoding="utf-8")

    pc = _pc(tmp_path / "pc")
    try:
        for path, reason in ((tampered, "tampered"), (swapped, "tampered"), (notfile, "not_enroll_file")):
            with pytest.raises(pc_enroll.EnrollFileProblem) as err:
                pc_enroll.read(pc, path)
            assert err.value.reason == reason, path
        # Someone else's stick: a FIFO must not hang the wizard, a sparse giant is not read,
        # a link to a file elsewhere is not followed.
        hostile = {"fifo": "unreadable", "sparse": "not_enroll_file", "link": "unreadable"}
        if hasattr(os, "mkfifo"):
            os.mkfifo(tmp_path / "fifo.etenroll")
            with open(tmp_path / "sparse.etenroll", "wb") as fh:
                fh.truncate(10 * 1024**3)
            (tmp_path / "link.etenroll").symlink_to(good)
            for name, reason in hostile.items():
                with pytest.raises(pc_enroll.EnrollFileProblem) as err:
                    pc_enroll.read(pc, tmp_path / f"{name}.etenroll")
                assert err.value.reason == reason, name
        assert not pc.settings.has_identity()
        _enroll(pc, good)
        for path, reason in ((good, "used"), (other_school, "other_school"), (other_county, "other_county")):
            with pytest.raises(pc_enroll.EnrollFileProblem) as err:
                pc_enroll.read(pc, path)
            assert err.value.reason == reason, path
        assert pc.settings.get(keys.SCHOOL_CODE) == SCHOOL
    finally:
        pc.close()

    # expired: the PC's clock is past the file's expiry
    late = _pc(tmp_path / "late", clock=ManualClock(datetime.now(UTC) + timedelta(days=400)))
    try:
        with pytest.raises(pc_enroll.EnrollFileProblem) as err:
            pc_enroll.read(late, good)
        assert err.value.reason == "expired"
        assert not late.settings.has_identity()
    finally:
        late.close()


def test_hub_refuses_a_used_twice_file_an_unbound_pc_and_a_claim_from_another_hub(tmp_path):
    home = _hub(tmp_path / "a")
    other_home = _hub(tmp_path / "b", county="430999")
    file = _enroll_file(home, SCHOOL, tmp_path / "one.etenroll")
    first, second = _pc(tmp_path / "pc1"), _pc(tmp_path / "pc2")
    foreign = _pc(tmp_path / "pc3")
    try:
        _enroll(first, file)
        _enroll(second, file)  # the same file taken by a second PC: the hub decides
        for pc in (first, second):
            _play(pc, tmp_path / "a")
        assert _import(home, _export(first, tmp_path)).new == 3  # type: ignore[attr-defined]
        with pytest.raises(RecordsFileError) as err:
            _import(home, _export(second, tmp_path / "second.etrec"))
        assert err.value.code == "code_used" and "another PC" in str(err.value)

        # a PC enrolled at another county's hub brings its file here
        _enroll(foreign, _enroll_file(other_home, "4309990001", tmp_path / "b.etenroll", "别县教学点"))
        _play(foreign, tmp_path / "b")
        with pytest.raises(RecordsFileError) as err:
            _import(home, _export(foreign, tmp_path / "foreign.etrec"))
        assert err.value.code == "invalid_code"

        # a record file from a PC whose key the hub never bound (no claim in it)
        unbound = record_file.decode(_export(second, tmp_path / "again.etrec"))
        unbound.pop("enrollment")
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        resigned = record_file.build(Ed25519PrivateKey.generate(), unbound["device_id"], SCHOOL,
                                     unbound["created"], unbound["statements"])
        with pytest.raises(RecordsFileError) as err:
            _import(home, record_file.encode(resigned))
        assert err.value.code == "unknown_device" and "enroll the PC" in str(err.value)

        # the bound PC's claim with another key: the file's signature must be the claim's key
        doc = record_file.decode(_export(first, tmp_path / "first-again.etrec"))
        forged = record_file.build(Ed25519PrivateKey.generate(), doc["device_id"], SCHOOL, doc["created"],
                                   doc["statements"], enrollment=doc["enrollment"])
        with pytest.raises(RecordsFileError) as err:
            _import(home, record_file.encode(forged))
        assert err.value.code == "bad_signature"
        assert sql(home, "SELECT count(*) FROM devices") == (1,)
        assert sql(home, "SELECT count(*) FROM statements") == (3,)

        # a PC the county revoked cannot come back with its first file's claim
        assert cli("device", "revoke", doc["device_id"], home=home)[0] == 0
        with pytest.raises(RecordsFileError) as err:
            _import(home, _export(first, tmp_path / "after-revoke.etrec"))
        assert err.value.code == "revoked_device" and "enroll it again" in str(err.value)
    finally:
        for pc in (first, second, foreign):
            pc.close()


def test_online_claim_needs_the_claimed_key_and_says_why_it_is_refused(tmp_path):
    home = _hub(tmp_path)
    file = _enroll_file(home, SCHOOL, tmp_path / "one.etenroll")
    pc, thief = _pc(tmp_path / "pc"), _pc(tmp_path / "thief")
    try:
        _enroll(pc, file)
        claim = pc.settings.get(keys.ENROLL_CLAIM)
        with running_hub(home) as url:
            # someone who copied the claim from the stick cannot sign it
            from eduteach_desktop.records.first_contact import claim_signature

            resp = requests.post(f"{url}/api/v1/enroll/claim",
                                 json={"claim": claim, "signature": claim_signature(thief, claim)}, timeout=10)
            assert resp.status_code == 403 and resp.json()["error"]["code"] == "bad_signature"
            _enroll(thief, file)
            set_hub_url(pc, url)
            set_hub_url(thief, url)
            pc.upload()
            with pytest.raises(EnrollmentError) as err:
                thief.upload()
            assert err.value.details["reason"] == "code_used" and err.value.details["status"] == 403
            assert "already used by another PC" in str(err.value)
        assert sql(home, "SELECT count(*) FROM devices") == (1,)
    finally:
        pc.close()
        thief.close()


def test_dashboard_lists_never_online_schools_and_offers_the_enrollment_file(tmp_path):
    import re

    home = _hub(tmp_path)
    file = _enroll_file(home, SCHOOL, tmp_path / "one.etenroll")
    rc, _ = cli("school", "add", OTHER_SCHOOL, "--name", "联网教学点", home=home)
    assert rc == 0
    add_admin(home)
    pc = _pc(tmp_path / "pc", clock=SystemClock())
    try:
        done = _enroll(pc, file)
        _play(pc, tmp_path)
        _import(home, _export(pc, tmp_path))
    finally:
        pc.close()
    with running_hub(home) as url:
        s = admin_session(url)
        page = s.get(f"{url}/dashboard/offline", timeout=10)
        assert page.status_code == 200
        row = re.search(rf"<tr[^>]*>\s*<td[^>]*><a href=\"/dashboard/schools/{SCHOOL}\">.*?</tr>", page.text, re.S)
        assert row is not None, page.text
        assert done.device_id[:12] in row.group(0) and "教室电脑" in row.group(0)
        csv = s.get(f"{url}/dashboard/export/offline.csv", timeout=10).content.decode("utf-8-sig")
        line = next(ln for ln in csv.splitlines() if ln.startswith(SCHOOL))
        assert ",1," in line  # one day covered
        school_page = s.get(f"{url}/dashboard/schools/{SCHOOL}", timeout=10).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', school_page).group(1)  # type: ignore[union-attr]
        assert s.post(f"{url}/dashboard/schools/{SCHOOL}/enroll-file", timeout=10).status_code == 403
        got = s.post(f"{url}/dashboard/schools/{SCHOOL}/enroll-file", data={"csrf": csrf}, timeout=10)
        assert got.status_code == 200 and "attachment" in got.headers["Content-Disposition"]
        parsed = protocol.decode(got.content)
        assert parsed.school_code == SCHOOL and parsed.code != json.loads(file.read_bytes())["code"]


def test_a_stick_pulled_out_mid_copy_loses_nothing_and_installs_nothing_partial(tmp_path):
    """The enrollment file, the lessons and the record file each cut short on the stick."""
    home = _hub(tmp_path)
    good = _enroll_file(home, SCHOOL, tmp_path / "good.etenroll")
    cut = tmp_path / "cut.etenroll"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    pc = _pc(tmp_path / "pc")
    try:
        with pytest.raises(pc_enroll.EnrollFileProblem) as err:
            pc_enroll.read(pc, cut)
        assert err.value.reason == "not_enroll_file" and not pc.settings.has_identity()
        _enroll(pc, good)

        # lessons: the stick was pulled while its metadata and a blob were being written
        import shutil

        from eduteach_protocol.repo_layout import blob_relpath

        stick = tmp_path / "stick"
        shutil.copytree(home / "repo", stick)
        ts = stick / "metadata" / "timestamp.json"
        ts.write_bytes(ts.read_bytes()[:100])
        report = pc.sync([str(stick)])
        assert not report.ok and report.catalog_version is None and pc.library.lessons() == []
        shutil.copyfile(home / "repo" / "metadata" / "timestamp.json", ts)
        lesson = json.loads(next((home / "repo" / "targets").iterdir()).read_bytes())["lessons"][0]
        media = next(f for f in lesson["files"] if f["role"] == "media")
        blob = stick / blob_relpath(media["sha256"])
        blob.write_bytes(blob.read_bytes()[: media["size"] // 2])
        report = pc.sync([str(stick)])
        assert not report.ok and pc.library.installed_lessons() == []
        assert not pc.blobs.has(media["sha256"])  # never a partial file installed
        shutil.copyfile(home / "repo" / blob_relpath(media["sha256"]), blob)  # copied again
        assert pc.sync([str(stick)]).ok and [ls.id for ls in pc.library.installed_lessons()] == ["song-a"]

        # records: the export was cut; the hub refuses it whole and the PC still has them all
        pc.usage.record_play(pc.library.lesson("song-a"), pc.clock.now(), 3.0, True, segments=[(0, 3.0)])
        data = _export(pc, tmp_path / "records.etrec")
        with pytest.raises(RecordsFileError) as rerr:
            _import(home, data[: len(data) // 2])
        assert rerr.value.code == "truncated"
        assert sql(home, "SELECT count(*) FROM statements") == (0,)
        assert sql(home, "SELECT count(*) FROM devices") == (0,)  # nothing half-bound either
        assert pc.outbox.counts().pending == 3
        assert _import(home, _export(pc, tmp_path / "again.etrec")).new == 3  # type: ignore[attr-defined]
    finally:
        pc.close()


def test_the_cli_says_what_is_wrong_in_one_sentence_and_keeps_the_detail_for_doctor(tmp_path):
    import subprocess
    import sys

    home = _hub(tmp_path)
    good = _enroll_file(home, SCHOOL, tmp_path / "good.etenroll")
    doc = json.loads(good.read_bytes())
    doc["expires"] = "2099-01-01T00:00:00.000Z"  # someone stretched its life
    tampered = tmp_path / "stretched.etenroll"
    tampered.write_bytes(protocol.encode(doc))

    def eduteach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "eduteach_desktop", "--data-dir", str(tmp_path / "pc"), *args],
                              capture_output=True, text=True, encoding="utf-8", timeout=120,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))

    bad = eduteach("enroll", "--file", str(tampered))
    assert bad.returncode == 1
    first = bad.stderr.splitlines()[0]
    assert first == ("eduteach: this enrollment file was changed after the county made it; "
                     "ask the county for a new file")
    assert "Traceback" not in bad.stderr
    ok = eduteach("enroll", "--file", str(good))
    assert ok.returncode == 0 and "school 大坪村教学点 (4301230001)" in ok.stdout
    again = eduteach("enroll", "--file", str(good))
    assert again.returncode == 0 and "already enrolled from this file" in again.stderr
    code = eduteach("enroll", "http://127.0.0.1:9", "K7QM-2XPD-4RTA")  # would be a second device
    assert code.returncode == 1 and "already enrolled from the county's enrollment file" in code.stderr
    doctor = eduteach("doctor", "--offline")
    assert "enrolled from a USB enrollment file" in doctor.stdout
    assert "last enrollment file refused" in doctor.stdout and "used:" in doctor.stdout


def test_a_pc_enrolled_from_a_file_refuses_another_countys_stick_and_an_older_one(tmp_path):
    import shutil
    import subprocess
    import sys

    home = _hub(tmp_path / "a")
    other = _hub(tmp_path / "b", county="430999")
    old_copy = tmp_path / "old-stick"
    shutil.copytree(home / "repo", old_copy)
    write_lesson(tmp_path / "a" / "lessons", "song-b", order=2)
    assert cli("publish", str(tmp_path / "a" / "lessons"), home=home)[0] == 0

    def eduteach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "eduteach_desktop", "--data-dir", str(tmp_path / "pc"), *args],
                              capture_output=True, text=True, encoding="utf-8", timeout=120,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))

    assert eduteach("enroll", "--file", str(_enroll_file(home, SCHOOL, tmp_path / "e.etenroll"))).returncode == 0
    assert eduteach("sync", "--from", str(home / "repo"), "--quiet").returncode == 0
    # after enrolling from a file the PC trusts its county: another county's stick and last
    # term's copy are refused in one line each (the sync's own wording and code)
    foreign = eduteach("sync", "--from", str(other / "repo"), "--quiet")
    assert foreign.returncode != 0 and "another county's repository" in foreign.stderr
    assert "[other_repository]" in foreign.stderr
    older = eduteach("sync", "--from", str(old_copy), "--quiet")
    assert older.returncode != 0 and "older metadata than this PC already has" in older.stderr
    assert "[rollback]" in older.stderr
    assert "Traceback" not in foreign.stderr + older.stderr


def test_enroll_file_for_an_existing_school_carries_the_countys_editions(tmp_path):
    home = _hub(tmp_path)
    assert cli("school", "add", SCHOOL, "--name", "大坪村教学点", home=home)[0] == 0
    assert cli("school", "set", SCHOOL, "--edition", "音乐=人音版", home=home)[0] == 0
    rc, out = cli("school", "enroll-file", SCHOOL, "--out", str(tmp_path / "stick") + "/", home=home)
    assert rc == 0 and "valid until" in out
    file = tmp_path / "stick" / f"eduteach-enroll-{SCHOOL}.etenroll"
    assert cli("school", "enroll-file", "4309999999", "--out", str(tmp_path / "x.etenroll"), home=home)[0] == 1
    pc = _pc(tmp_path / "pc")
    try:
        _enroll(pc, file)
        assert [(r.subject, r.grade, r.edition) for r in pc.library.county_editions()] == [("music", 0, "人音版")]
    finally:
        pc.close()
    assert sql(home, "SELECT count(*) FROM enroll_codes WHERE used_at IS NULL") == (2,)  # the add's code too
