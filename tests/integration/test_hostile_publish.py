"""A hostile lesson source folder: the hub's publisher never publishes its own key, a system
file, a FIFO's nothing-forever or a 2 GiB sparse file, and says which file it refused and
why, in one line per file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eduteach_hub.publish.publisher import PublishError, publish
from eduteach_hub.publish.sources import DEFAULT_LIMITS, MiB, SourceLimits
from tests.helpers.lessons import TestRepo, write_lesson
from tests.integration.hubproc import run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks, FIFOs and sparse files are POSIX here")


@pytest.fixture
def hub(tmp_path: Path) -> TestRepo:
    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "music-g1-good")
    return repo


def repo_bytes(repo: Path) -> list[bytes]:
    return [p.read_bytes() for p in repo.rglob("*") if p.is_file()]


def refused(hub: TestRepo, *fragments: str) -> str:
    """Publish must fail, leave the repository untouched, and name each fragment."""
    before = sorted((p.relative_to(hub.repo).as_posix(), p.read_bytes())
                    for p in hub.repo.rglob("*") if p.is_file())
    with pytest.raises(PublishError) as info:
        hub.publish()
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text, text
    assert "Traceback" not in text and all("\n" not in str(e) for e in info.value.errors)
    after = sorted((p.relative_to(hub.repo).as_posix(), p.read_bytes())
                   for p in hub.repo.rglob("*") if p.is_file())
    assert after == before
    return text


def test_a_lyrics_link_to_the_hubs_own_key_is_refused_and_the_key_never_published(hub):
    key = hub.keys / "timestamp.pem"
    folder = write_lesson(hub.src, "music-g1-evil", lyrics=None)
    (folder / "song.lrc").symlink_to(key)
    (folder / "lesson.toml").write_text(
        (folder / "lesson.toml").read_text(encoding="utf-8") + 'lyrics = "song.lrc"\n', encoding="utf-8")
    text = refused(hub, "music-g1-evil", "lyrics", "'song.lrc' is a link")
    assert "only plain files are published" in text
    # and once the link is gone, everything publishes — without the key among the blobs
    (folder / "song.lrc").unlink()
    (folder / "song.lrc").write_text("[00:00.00]好\n", encoding="utf-8")
    hub.publish()
    assert key.read_bytes() not in repo_bytes(hub.repo)


def test_links_to_system_files_media_and_whole_lesson_folders_are_refused(hub, tmp_path):
    lesson = write_lesson(hub.src, "music-g1-passwd", lyrics=None)
    (lesson / "main.ogg").unlink()
    (lesson / "main.ogg").symlink_to("/etc/passwd")
    outside = write_lesson(tmp_path / "elsewhere", "music-g1-outside")
    (hub.src / "music-g1-linked").symlink_to(outside)
    refused(hub, "'main.ogg' is a link", "music-g1-linked: -: lesson folder is a link")
    assert Path("/etc/passwd").read_bytes() not in repo_bytes(hub.repo)


def test_a_hard_link_to_a_key_inside_the_source_tree_is_refused(hub):
    secret = hub.src / "hub-key.pem"
    secret.write_bytes(b"-----BEGIN PRIVATE KEY-----\nsecret\n")
    lesson = write_lesson(hub.src, "music-g1-hard")
    (lesson / "song.lrc").unlink()
    os.link(secret, lesson / "song.lrc")
    refused(hub, "'song.lrc' has other hard links")


def test_a_fifo_a_socketless_device_and_a_loop_are_refused_without_hanging(hub):
    fifo_lesson = write_lesson(hub.src, "music-g1-fifo")
    (fifo_lesson / "main.ogg").unlink()
    os.mkfifo(fifo_lesson / "main.ogg")  # nobody ever writes: an open() would wait forever
    loop_lesson = write_lesson(hub.src, "music-g1-loop")
    (loop_lesson / "song.lrc").unlink()
    (loop_lesson / "song.lrc").symlink_to("song.lrc")
    dev_lesson = write_lesson(hub.src, "music-g1-dev")
    (dev_lesson / "main.ogg").unlink()
    (dev_lesson / "main.ogg").symlink_to("/dev/zero")
    refused(hub, "'main.ogg' is a FIFO", "music-g1-loop", "'song.lrc' is a link",
            "music-g1-dev")


def test_a_2_gib_sparse_lyrics_file_and_an_oversized_video_are_refused_by_their_caps(hub):
    lesson = write_lesson(hub.src, "music-g1-sparse")
    with open(lesson / "song.lrc", "r+b") as fh:
        fh.truncate(2 * 1024**3)  # sparse: no disk used, 2 GiB to read
    video = write_lesson(hub.src, "music-g1-bigvideo", kind="video", lyrics=None)
    with open(video / "main.mp4", "r+b") as fh:
        fh.truncate(DEFAULT_LIMITS.media["video"] + 1)
    text = refused(hub, "music-g1-sparse", "'song.lrc' is 2,147,483,648 bytes; the limit is 1,048,576",
                   "for lyrics", "music-g1-bigvideo", "for media")
    assert "Source folder limits" in text


def test_the_video_cap_is_configurable(tmp_path):
    hub = TestRepo(tmp_path / "hub")
    write_lesson(hub.src, "video-g1-a", kind="video", media_bytes=b"v" * (2 * MiB))
    small = SourceLimits(media=dict(DEFAULT_LIMITS.media, video=1 * MiB))
    with pytest.raises(PublishError, match="the limit is 1,048,576"):
        publish(hub.src, hub.writer, limits=small)
    assert publish(hub.src, hub.writer).lessons == 1


def test_a_deeply_nested_lesson_toml_is_a_clean_error(hub):
    deep = write_lesson(hub.src, "music-g1-deep")
    (deep / "lesson.toml").write_text("x = " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")
    medium = write_lesson(hub.src, "music-g1-medium")
    (medium / "lesson.toml").write_text(
        (medium / "lesson.toml").read_text(encoding="utf-8") + 'summary_extra = [[[[[[["a"]]]]]]]\n',
        encoding="utf-8")
    dotted = write_lesson(hub.src, "music-g1-dotted")
    (dotted / "lesson.toml").write_text("x." * 20_000 + "y = 1\n", encoding="utf-8")
    header = write_lesson(hub.src, "music-g1-header")
    (header / "lesson.toml").write_text("[" + "a." * 20_000 + "b]\nc = 1\n", encoding="utf-8")
    refused(hub, "music-g1-deep/lesson.toml: -: nests lists or tables more than 4 deep",
            "music-g1-medium/lesson.toml: -: nests lists or tables more than 4 deep",
            "music-g1-dotted/lesson.toml: -: nests", "music-g1-header/lesson.toml: -: nests")


def test_a_huge_lesson_toml_is_refused_by_its_cap(hub):
    big = write_lesson(hub.src, "music-g1-bigtoml")
    (big / "lesson.toml").write_text((big / "lesson.toml").read_text(encoding="utf-8") + "#" * (70 * 1024) + "\n",
                                    encoding="utf-8")
    refused(hub, "'lesson.toml' is", "the limit is 65,536")


@pytest.mark.parametrize(("title", "reason"), [
    ("长" * 201, "201 characters long; the limit is 200"),
    ("课程\\u202e4pm.exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("课程\\u001b[2J", "U+001B"),
    ("课程\\u2066隐藏", "U+2066"),
])
def test_titles_are_limited_in_length_and_characters(hub, title, reason):
    write_lesson(hub.src, "music-g1-title", title=title)
    refused(hub, "music-g1-title/lesson.toml: title:", reason)


def test_other_fields_are_limited_too(hub):
    write_lesson(hub.src, "music-g1-fields", extra='summary = "' + "长" * 2001 + '"\n')
    write_lesson(hub.src, "music-g1-inf", extra="")
    inf = hub.src / "music-g1-inf" / "lesson.toml"
    inf.write_text(inf.read_text(encoding="utf-8").replace("duration = 4.0", "duration = inf"), encoding="utf-8")
    write_lesson(hub.src, "music-g1-unit", unit=10**12)
    refused(hub, "summary: is 2,001 characters long", "music-g1-inf/lesson.toml: duration:",
            "music-g1-unit/lesson.toml: unit: must be between 1 and 999")


def test_a_summary_may_have_line_breaks(hub):
    write_lesson(hub.src, "music-g1-summary", extra='summary = "第一行\\n第二行"\n')
    assert hub.publish().lessons == 2


def test_the_publish_command_prints_one_line_per_refused_file_and_exits_1(tmp_path):
    home = tmp_path / "hubhome"
    assert run_cli("init", str(home), "--county", "420100").returncode == 0
    src = tmp_path / "src"
    lesson = write_lesson(src, "music-g1-evil")
    (lesson / "song.lrc").unlink()
    (lesson / "song.lrc").symlink_to(home / "keys" / "timestamp.pem")
    fifo = write_lesson(src, "music-g1-fifo")
    (fifo / "main.ogg").unlink()
    os.mkfifo(fifo / "main.ogg")
    r = run_cli("publish", str(src), home=home)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3, r.stderr
    assert "music-g1-evil" in lines[0] and "'song.lrc' is a link" in lines[0]
    assert "music-g1-fifo" in lines[1] and "FIFO" in lines[1]
    assert lines[2] == "2 errors; nothing published, the repository is unchanged"
    assert "Traceback" not in r.stderr
    r = run_cli("publish", str(src), "--max-video-mib", "0", home=home)
    assert r.returncode != 0 and "--max-video-mib must be at least 1" in r.stderr


def test_a_file_changed_between_hashing_and_copying_is_not_published(hub, monkeypatch):
    from eduteach_hub.publish import publisher

    lesson = write_lesson(hub.src, "music-g1-moving", media_bytes=b"A" * 4000)
    real_hash = publisher.hash_file

    def hash_then_change(path):  # noqa: ANN001, ANN202
        result = real_hash(path)
        if path.name == "main.ogg" and path.parent.name == "music-g1-moving":
            (lesson / "main.ogg").write_bytes(b"B" * 4000)  # same size, other bytes
        return result

    monkeypatch.setattr(publisher, "hash_file", hash_then_change)
    with pytest.raises(PublishError, match="'main.ogg' changed while it was being published"):
        hub.publish()
    assert hub.writer.current_catalog_bytes() is None or b"music-g1-moving" not in hub.writer.current_catalog_bytes()
    assert b"B" * 4000 not in repo_bytes(hub.repo)
    assert not list(hub.repo.rglob("*.tmp"))


@pytest.mark.parametrize("name", ["a\\u0000.lrc", "../../keys/timestamp.lrc", "/etc/passwd.lrc",
                                  "sub/song.lrc", "..", "a\\\\b.lrc"])
def test_names_with_nul_bytes_or_paths_are_refused(hub, name):
    lesson = write_lesson(hub.src, "music-g1-names", lyrics=None)
    toml = lesson / "lesson.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'lyrics = "{name}"\n', encoding="utf-8")
    refused(hub, "music-g1-names/lesson.toml: lyrics:", "must be a plain file name")


def test_a_lesson_toml_that_is_a_link_or_a_fifo_is_refused(hub, tmp_path):
    elsewhere = write_lesson(tmp_path / "elsewhere", "music-g1-else")
    linked = hub.src / "music-g1-linked-toml"
    linked.mkdir()
    (linked / "lesson.toml").symlink_to(elsewhere / "lesson.toml")
    fifo = hub.src / "music-g1-fifo-toml"
    fifo.mkdir()
    os.mkfifo(fifo / "lesson.toml")
    refused(hub, "music-g1-linked-toml/lesson.toml: -: 'lesson.toml' is a link",
            "music-g1-fifo-toml/lesson.toml: -: 'lesson.toml' is a FIFO")
