"""Hostile folders on the PC side and the shared safe-file layer: links out of a stick, FIFOs,
loops, NUL bytes and oversized files in folder sources; a stick planted with links for
`eduteach export`; lyric, subtitle and title limits."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from eduteach_desktop.cli.main import main as cli_main
from eduteach_desktop.core.lyrics import MAX_LINE_CHARS, MAX_TEXT_FILE_BYTES, parse_lrc_bytes
from eduteach_desktop.core.subtitles import parse_subtitles_bytes
from eduteach_desktop.services import Services
from eduteach_desktop.sync.export import ExportRefused
from eduteach_desktop.sync.sources import FolderSource, NotFound, TooLarge, UnsafeFile
from eduteach_protocol import safefs
from eduteach_protocol.catalog import Catalog, Lesson, LessonFile
from eduteach_protocol.repo_layout import blob_relpath
from eduteach_protocol.text_rules import escape_for_terminal, forbidden_char, text_problem
from tests.helpers.lessons import TestRepo, pseudo_random, write_lesson
from tests.helpers.pcs import trusting_pc

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks, FIFOs and sockets are POSIX here")
MiB = 1024 * 1024


# --- safefs ---------------------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/ with a plain file, and beside it a secret the root must never reach."""
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "plain.txt").write_bytes(b"plain")
    (root / "sub" / "inner.txt").write_bytes(b"inner")
    (tmp_path / "secret.pem").write_bytes(b"SECRET KEY")
    return root


def code_of(root: Path, relpath: str, **kw: object) -> str:
    with pytest.raises(safefs.UnsafeFileError) as info:
        safefs.read_regular(root, relpath, 1000, **kw)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and repr(relpath.rpartition("/")[2]).strip("'")[:1] in message
    return info.value.code


def test_plain_files_are_read(tree):
    assert safefs.read_regular(tree, "plain.txt", 100) == b"plain"
    assert safefs.read_regular(tree, "sub/inner.txt", 100) == b"inner"
    assert safefs.read_regular(tree, "./sub//inner.txt", 100) == b"inner"


def test_links_of_every_kind_are_refused(tree):
    (tree / "key.lrc").symlink_to(tree.parent / "secret.pem")
    (tree / "passwd").symlink_to("/etc/passwd")
    (tree / "inside.txt").symlink_to("plain.txt")  # even a link that stays inside
    (tree / "outdir").symlink_to(tree.parent)
    (tree / "loop").symlink_to("loop")
    (tree / "a").symlink_to("b")
    (tree / "b").symlink_to("a")
    for name in ("key.lrc", "passwd", "inside.txt", "loop", "a"):
        assert code_of(tree, name) == safefs.LINK, name
    assert code_of(tree, "outdir/secret.pem") == safefs.LINK


def test_special_files_are_refused_without_blocking(tree):
    os.mkfifo(tree / "fifo")  # no writer: a plain open() would wait forever
    assert code_of(tree, "fifo") == safefs.NOT_REGULAR
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tree / "sock"))
        assert code_of(tree, "sock") == safefs.NOT_REGULAR
    finally:
        sock.close()
    assert code_of(tree, "sub") == safefs.IS_DIR
    assert code_of(tree, "plain.txt/x") == safefs.NOT_DIR


def test_names_that_escape_or_are_malformed_are_refused(tree):
    assert code_of(tree, "../secret.pem") == safefs.ESCAPE
    assert code_of(tree, "sub/../../secret.pem") == safefs.ESCAPE
    assert code_of(tree, "/etc/passwd") == safefs.ABSOLUTE
    assert code_of(tree, "C:/Windows/win.ini") == safefs.ABSOLUTE
    assert code_of(tree, "plain.txt\x00.lrc") == safefs.BAD_NAME
    assert code_of(tree, "sub\\inner.txt") == safefs.BAD_NAME
    assert code_of(tree, "x" * 5000) == safefs.BAD_NAME
    assert code_of(tree, "") == safefs.BAD_NAME
    assert code_of(tree, "nothing.txt") == safefs.MISSING


def test_a_root_that_is_a_loop_is_refused(tmp_path):
    (tmp_path / "stick").symlink_to("stick")
    assert code_of(tmp_path / "stick", "metadata/root.json") == safefs.LOOP


def test_hard_links_are_refused_only_when_asked(tree):
    os.link(tree.parent / "secret.pem", tree / "hard.lrc")
    assert safefs.read_regular(tree, "hard.lrc", 100) == b"SECRET KEY"
    assert code_of(tree, "hard.lrc", refuse_hardlinks=True) == safefs.HARDLINK


def test_sizes_are_capped_even_for_sparse_files(tree):
    with open(tree / "sparse.bin", "wb") as fh:
        fh.truncate(2 * 1024**3)
    with pytest.raises(safefs.UnsafeFileError, match="is 2,147,483,648 bytes; the limit is 1,000") as info:
        safefs.read_regular(tree, "sparse.bin", 1000)
    assert info.value.code == safefs.TOO_LARGE


def test_write_file_never_writes_through_a_link(tree):
    secret = tree.parent / "secret.pem"
    outside = tree.parent / "outside"
    outside.mkdir()
    (tree / "linked").symlink_to(outside)
    (tree / "target.bin").symlink_to(secret)
    (tree / "fresh.bin.tmp").symlink_to(secret)  # a planted temp name
    with pytest.raises(safefs.UnsafeFileError) as info:
        safefs.write_file(tree, "linked/x.bin", b"data")
    assert info.value.code == safefs.LINK
    with pytest.raises(safefs.UnsafeFileError) as info:
        safefs.write_file(tree, "target.bin", b"data")
    assert info.value.code == safefs.LINK
    assert safefs.write_file(tree, "fresh.bin", [b"da", b"ta"]) == 4
    assert (tree / "fresh.bin").read_bytes() == b"data" and not (tree / "fresh.bin").is_symlink()
    assert not os.path.lexists(tree / "fresh.bin.tmp")
    assert secret.read_bytes() == b"SECRET KEY" and list(outside.iterdir()) == []
    assert safefs.write_file(tree, "new/deep/f.bin", b"x") == 1
    assert safefs.write_file(tree, "new/deep/f.bin", b"y", overwrite=False) == 0
    assert (tree / "new" / "deep" / "f.bin").read_bytes() == b"x"
    safefs.ensure_dirs(tree, "made/here")
    assert (tree / "made" / "here").is_dir()
    with pytest.raises(safefs.UnsafeFileError):
        safefs.ensure_dirs(tree, "linked/below")
    assert list(outside.iterdir()) == []


def test_find_link_reports_the_first_link_or_special_file(tree):
    assert safefs.find_link(tree, ["sub", "missing"]) is None
    os.mkfifo(tree / "sub" / "fifo")
    assert safefs.find_link(tree, ["sub"]) == "sub/fifo"


# --- FolderSource ---------------------------------------------------------------------------
@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "video-a", kind="video", media_bytes=pseudo_random(b"v", 2 * MiB + 77))
    write_lesson(repo.src, "song-a")
    repo.publish()
    return repo


@pytest.fixture
def pc(tmp_path: Path, hub: TestRepo):
    with trusting_pc(tmp_path / "pc", hub) as services:
        yield services


def lessons_of(hub: TestRepo) -> Catalog:
    body = hub.writer.current_catalog_bytes()
    assert body is not None
    return Catalog.from_bytes(body)


def media_sha(hub: TestRepo, lesson_id: str) -> str:
    return lessons_of(hub).by_id()[lesson_id].first_file("media").sha256


def stick_from(hub: TestRepo, tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    shutil.copytree(hub.repo, stick)
    return stick


def test_folder_source_refuses_what_is_not_a_plain_file_inside_it(tmp_path, hub):
    stick = stick_from(hub, tmp_path)
    (tmp_path / "secret.pem").write_bytes(b"SECRET")
    sha = media_sha(hub, "song-a")
    blob = stick / blob_relpath(sha)
    blob.unlink()
    blob.symlink_to(tmp_path / "secret.pem")
    src = FolderSource(stick)
    with pytest.raises(UnsafeFile, match="is a link") as info:
        src.open_range(blob_relpath(sha), 0, 10, None)
    assert isinstance(info.value, NotFound) and "\n" not in str(info.value)
    os.mkfifo(stick / "metadata" / "fifo.json")
    with pytest.raises(UnsafeFile, match="FIFO"):
        src.read_small("metadata/fifo.json", 1000)
    (stick / "metadata" / "loop.json").symlink_to("loop.json")
    with pytest.raises(UnsafeFile, match="link"):
        src.read_small("metadata/loop.json", 1000)
    with pytest.raises(NotFound):
        src.read_small("metadata/root.json\x00", 1000)
    with pytest.raises(NotFound):
        src.read_small("../hub/keys/root.pem", 1000)
    with pytest.raises(NotFound):
        src.read_small("nothing.json", 1000)
    with open(stick / "metadata" / "huge.json", "wb") as fh:
        fh.truncate(2 * 1024**3)
    with pytest.raises(TooLarge):
        src.read_small("metadata/huge.json", 1000)
    loop_root = FolderSource(tmp_path / "looped")
    (tmp_path / "looped").symlink_to("looped")
    with pytest.raises(NotFound):
        loop_root.read_small("metadata/root.json", 1000)


def test_sync_from_a_hostile_stick_never_hangs_never_installs_foreign_bytes(tmp_path, hub, pc):
    stick = stick_from(hub, tmp_path)
    secret = tmp_path / "secret.pem"
    secret.write_bytes(b"SECRET" * 100)
    song = stick / blob_relpath(media_sha(hub, "song-a"))
    song.unlink()
    song.symlink_to(secret)
    video = stick / blob_relpath(media_sha(hub, "video-a"))
    video.unlink()
    os.mkfifo(video)
    report = pc.sync([str(stick)])
    # A PC's first catalog is active at once (it replaces nothing), but no lesson whose
    # files came from the link or the FIFO is complete.
    assert report.lessons_complete == 0 and not report.ok
    text = "\n".join(report.problems)
    assert "unsafe_file" in text and "is a link" in text and "FIFO" in text, text
    assert all("Traceback" not in p for p in report.problems)
    assert not pc.blobs.has(media_sha(hub, "song-a"))
    # the same stick, mended, gives everything
    song.unlink()
    shutil.copyfile(hub.repo / blob_relpath(media_sha(hub, "song-a")), song)
    video.unlink()
    shutil.copyfile(hub.repo / blob_relpath(media_sha(hub, "video-a")), video)
    mended = pc.sync([str(stick)])
    assert mended.ok and mended.lessons_complete == mended.lessons_wanted == 2


def test_a_fifo_as_timestamp_json_is_a_refused_source_not_a_hang(tmp_path, hub, pc):
    stick = stick_from(hub, tmp_path)
    (stick / "metadata" / "timestamp.json").unlink()
    os.mkfifo(stick / "metadata" / "timestamp.json")
    report = pc.sync([str(stick)])
    assert not report.activated and report.problems


# --- export ---------------------------------------------------------------------------------
def tree_state(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes())
                  for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture
def synced(pc, hub):
    assert pc.sync([str(hub.repo)]).activated
    return pc


@pytest.mark.parametrize("plant", ["metadata_dir", "blob", "catalog", "temp_name", "blobs_fanout", "fifo"])
def test_export_refuses_a_stick_planted_with_links_and_changes_nothing_outside(
        tmp_path, hub, synced, plant):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_bytes(b"precious")
    stick = tmp_path / "stick"
    stick.mkdir()
    catalog_sha = hashlib.sha256(hub.writer.current_catalog_bytes() or b"").hexdigest()
    song = media_sha(hub, "song-a")
    if plant == "metadata_dir":
        (stick / "metadata").symlink_to(outside)
    elif plant == "blob":
        (stick / "blobs" / song[:2]).mkdir(parents=True)
        (stick / blob_relpath(song)).symlink_to(victim)
    elif plant == "catalog":
        (stick / "targets").mkdir()
        (stick / "targets" / f"{catalog_sha}.catalog.json").symlink_to(victim)
    elif plant == "temp_name":
        (stick / "metadata").mkdir()
        (stick / "metadata" / "root.json.tmp").symlink_to(victim)
        (stick / "metadata" / "timestamp.json.tmp").symlink_to(victim)
    elif plant == "blobs_fanout":
        (stick / "blobs").mkdir()
        (stick / "blobs" / song[:2]).symlink_to(outside)
    else:
        (stick / "metadata").mkdir()
        os.mkfifo(stick / "metadata" / "root.json")
    before_outside = tree_state(outside)
    before_stick = sorted(p.relative_to(stick).as_posix() for p in stick.rglob("*"))
    with pytest.raises(ExportRefused) as info:
        synced.export_repository(stick)
    message = str(info.value)
    assert "\n" not in message and "nothing was written" in message
    assert tree_state(outside) == before_outside
    assert victim.read_bytes() == b"precious"
    assert sorted(p.relative_to(stick).as_posix() for p in stick.rglob("*")) == before_stick


def test_eduteach_export_says_it_in_one_line_and_fails(tmp_path, hub, capsys):
    services = Services.open(tmp_path / "pc2")
    try:
        services.trust.install_root(hub.root())
        assert services.sync([str(hub.repo)]).activated
    finally:
        services.close()
    outside = tmp_path / "outside"
    outside.mkdir()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "metadata").symlink_to(outside)
    code = cli_main(["--data-dir", str(tmp_path / "pc2"), "export", str(stick)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "'metadata' is a link" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []


def test_export_refuses_a_destination_that_is_itself_a_link(tmp_path, synced):
    home = tmp_path / "teacher-home"
    home.mkdir()
    (home / "notes.txt").write_bytes(b"mine")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "eduteach").symlink_to(home)
    with pytest.raises(ExportRefused, match="is a link; nothing was written"):
        synced.export_repository(stick / "eduteach")
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]


def test_export_to_a_clean_stick_still_works_and_files_are_real(tmp_path, hub, synced):
    stick = tmp_path / "stick"
    report = synced.export_repository(stick)
    assert report.lessons_complete == 2
    assert safefs.find_link(stick, ["metadata", "targets", "blobs"]) is None
    assert not [p for p in stick.rglob("*") if p.name.endswith((".part", ".tmp"))]
    again = synced.export_repository(stick)  # into its own earlier export: nothing to copy
    assert again.blobs == 0
    other = Services.open(tmp_path / "next-school")
    try:
        other.trust.install_root(hub.root())
        assert other.sync([str(stick)]).activated
    finally:
        other.close()


# --- lyrics, subtitles, titles -------------------------------------------------------------
def test_a_200000_character_lyric_line_is_capped_with_an_ellipsis():
    data = ("[00:01.00]" + "啦" * 200_000 + "\n[00:02.00]下一句\n").encode()
    lines = parse_lrc_bytes(data)
    assert [len(line.text) for line in lines] == [MAX_LINE_CHARS, 3]
    assert lines[0].text.endswith("…")


def test_a_lyrics_file_is_read_up_to_its_cap_and_cut_at_a_line_end():
    line = "[00:01.00]一闪一闪亮晶晶\n".encode()
    data = line * (MAX_TEXT_FILE_BYTES // len(line) + 500)
    lines = parse_lrc_bytes(data)
    assert 0 < len(lines) <= MAX_TEXT_FILE_BYTES // len(line)
    assert {x.text for x in lines} == {"一闪一闪亮晶晶"}  # never a half character


def test_subtitle_lines_and_cues_are_capped():
    body = "x" * 200_000
    data = ("1\n00:00:01,000 --> 00:00:02,000\n" + body + "\n" + "\n".join("行" for _ in range(20))
            + "\n\n").encode()
    cues = parse_subtitles_bytes(data)
    assert len(cues) == 1
    lines = cues[0].text.split("\n")
    assert len(lines) == 4 and len(lines[0]) == MAX_LINE_CHARS and lines[0].endswith("…")


def test_text_rules():
    assert forbidden_char("小星星") is None
    assert forbidden_char("a\u202eb") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert forbidden_char("a\x1b[2J") == "U+001B"
    assert forbidden_char("a\nb") is not None and forbidden_char("a\nb", allow_newlines=True) is None
    assert text_problem("长" * 201, 200) == "is 201 characters long; the limit is 200"
    assert escape_for_terminal("课\x1b[31m\u202e程\x85") == "课\\x1b[31m\\u202e程\\x85"


def test_eduteach_lessons_escapes_control_and_bidi_characters(tmp_path, capsys):
    services = Services.open(tmp_path / "data")
    try:
        titles = ["\x1b]0;pwned\x07\x1b[2J清屏", "课程\u202egnp.exe", "长" * 100_000, "\x9b31m红"]
        lessons = tuple(
            Lesson(id=f"music-g1-{i}", title=t, grade=1, subject="music", edition="人音版",
                   volume="上册", unit=1, order=i + 1, kind="audio", duration=3.0,
                   files=(LessonFile("media", "a.ogg", hashlib.sha256(bytes([i])).hexdigest(), 10),))
            for i, t in enumerate(titles))
        catalog = Catalog(version=1, published="2026-09-01T00:00:00Z", lessons=lessons)
        body = catalog.to_bytes()
        services.library.add_catalog(catalog, hashlib.sha256(body).hexdigest(), body, "test")
        services.library.activate(1)
    finally:
        services.close()
    assert cli_main(["--data-dir", str(tmp_path / "data"), "lessons"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J清屏" in out and "课程\\u202egnp.exe" in out
    assert len(out.splitlines()) == 4 and max(len(line) for line in out.splitlines()) < 400
    assert cli_main(["--data-dir", str(tmp_path / "data"), "lessons", "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(0x7F <= ord(c) <= 0x9F or c in "\x1b\x07\u202e" for c in out)
    assert [row["title"] for row in json.loads(out)] == titles  # the same values, escaped


def test_a_full_stick_is_one_line_not_a_traceback(tmp_path, synced, monkeypatch):
    import errno

    from eduteach_desktop.core.errors import SyncError

    def full(fd, chunks):  # noqa: ANN001, ANN202
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safefs, "_write_all", full)
    stick = tmp_path / "stick"
    with pytest.raises(SyncError, match="No space left on device; run export again") as info:
        synced.export_repository(stick)
    assert "\n" not in str(info.value)
    assert not [p for p in stick.rglob("*") if p.is_file()]  # no half-written file left


def test_the_lstat_fallback_without_dir_fds_refuses_the_same(tree, monkeypatch):
    """What Windows runs (no O_NOFOLLOW, no dir_fd), exercised here."""
    monkeypatch.setattr(safefs, "_DIR_FD", False)
    (tree / "key.lrc").symlink_to(tree.parent / "secret.pem")
    (tree / "outdir").symlink_to(tree.parent)
    os.mkfifo(tree / "fifo")
    assert safefs.read_regular(tree, "sub/inner.txt", 100) == b"inner"
    assert code_of(tree, "key.lrc") == safefs.LINK
    assert code_of(tree, "outdir/secret.pem") == safefs.LINK
    assert code_of(tree, "fifo") == safefs.NOT_REGULAR
    assert code_of(tree, "nothing") == safefs.MISSING
    with pytest.raises(safefs.UnsafeFileError):
        safefs.write_file(tree, "outdir/evil.bin", b"x")
    assert safefs.write_file(tree, "made/new.bin", b"new") == 3
    assert (tree / "made" / "new.bin").read_bytes() == b"new"
    assert (tree.parent / "secret.pem").read_bytes() == b"SECRET KEY"


def test_a_folder_swapped_for_a_link_while_writing_is_caught_before_the_rename(tree, monkeypatch):
    outside = tree.parent / "outside"
    outside.mkdir()
    (outside / "f.bin").write_bytes(b"precious")
    real_write_all = safefs._write_all  # noqa: SLF001

    def swap_then_write(fh, chunks):  # noqa: ANN001, ANN202
        (tree / "sub").rename(tree / "sub-away")
        (tree / "sub").symlink_to(outside)  # the attacker's move, mid-write
        return real_write_all(fh, chunks)

    monkeypatch.setattr(safefs, "_write_all", swap_then_write)
    with pytest.raises(safefs.UnsafeFileError, match="replaced while it was written") as info:
        safefs.write_file(tree, "sub/f.bin", b"evil")
    assert info.value.code == safefs.LINK
    assert (outside / "f.bin").read_bytes() == b"precious"
    assert sorted(p.name for p in outside.iterdir()) == ["f.bin"]


def test_escaped_json_is_the_same_json():
    from eduteach_protocol.text_rules import escape_json_text

    value = {"t": "a\x7f\x9b\u202e\u2028\ufeff\ud800b\n"}
    text = escape_json_text(json.dumps(value, ensure_ascii=False))
    assert text.isprintable() and json.loads(text) == value


def test_one_escape_for_terminal_cuts_remote_text() -> None:
    reason = "Moved\x1b[2J" + "x" * 5_000_000  # a hostile server's reason phrase
    shown = escape_for_terminal(reason)
    assert "\x1b" not in shown and len(shown) <= 2000 + 10 and shown.endswith("…")
    assert escape_for_terminal("长" * 300, 200) == "长" * 199 + "…"
    assert escape_for_terminal("\x1b" * 10, None) == "\\x1b" * 10


def test_cli_escapes_school_names_and_error_text(tmp_path, capsys, monkeypatch):
    """A school name (from a hub or an enrollment file) and the text of an error (which may
    quote a server or a file name on a stick) reach the terminal escaped and short."""
    from eduteach_desktop.core.errors import SyncError
    from eduteach_desktop.store import settings as keys

    services = Services.open(tmp_path / "data")
    try:
        services.settings.set(keys.SCHOOL_NAME, "\x1b]0;pwned\x07小学\u202e")
        services.settings.set(keys.SCHOOL_CODE, "4201000001")
        monkeypatch.setattr(type(services.settings), "enrolled", lambda self: True)
    finally:
        services.close()
    assert cli_main(["--data-dir", str(tmp_path / "data"), "status"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b]0;pwned\\x07小学\\u202e" in out

    def hostile(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise SyncError("HTTP 500 \x9b2J" + "页" * 100_000)

    monkeypatch.setattr(Services, "verify", hostile)
    assert cli_main(["--data-dir", str(tmp_path / "data"), "verify"]) == 1
    err = capsys.readouterr().err
    assert "\x9b" not in err and "\\x9b2J" in err and len(err) < 2100
