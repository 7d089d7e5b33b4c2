"""lesson.toml's tracks (范唱, 伴奏, speech) and teacher's notes, from the folder to the signed catalog
(a PDF lesson's slide_notes checked against its pages)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from eduteach_hub.publish.pdf_pages import PageCountUnknown, count_pages
from eduteach_hub.publish.publisher import PublishError
from eduteach_hub.publish.sources import SourceError, read_lesson
from eduteach_protocol import cli_i18n
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.notes import LessonNotes
from eduteach_protocol.repo_layout import blob_relpath
from tests.helpers.lessons import TestRepo
from tests.helpers.media_fixtures import make_picture, make_tone, need_ffmpeg

HEAD = """id = "{id}"
title = "小星星"
grade = 1
subject = "音乐"
edition = "人音版"
volume = "上册"
unit = 1
order = 1
kind = "{kind}"
duration = {duration}
"""


def _song(root: Path, lesson_id: str = "music-star", demo: float = 1.0, acc: float = 1.0, extra: str = "") -> Path:
    folder = root / lesson_id
    make_tone(folder / "小星星-范唱", demo, 440)
    make_tone(folder / "小星星-伴奏", acc, 330)
    (folder / "lesson.toml").write_text(HEAD.format(id=lesson_id, kind="audio", duration=demo) + (
        'tracks = [{file = "小星星-范唱.mp3", role = "demo"}, {file = "小星星-伴奏.mp3", role = "accompaniment"}]\n'
        + extra), encoding="utf-8")
    return folder


def _published(repo: TestRepo) -> Catalog:
    data = repo.writer.current_catalog_bytes()
    assert data is not None
    return Catalog.from_bytes(data)


def _notes_of(repo: TestRepo, catalog: Catalog, lesson_id: str) -> LessonNotes:
    notes = catalog.by_id()[lesson_id].first_file("notes")
    assert notes is not None and notes.name == "notes.json"
    return LessonNotes.from_bytes((repo.repo / blob_relpath(notes.sha256)).read_bytes())


def test_two_tracks_and_notes_reach_the_signed_catalog(tmp_path: Path) -> None:
    need_ffmpeg()
    repo = TestRepo(tmp_path)
    _song(repo.src, demo=1.0, acc=1.3, extra=(  # 0.3 s apart: an encoder's padding, published
        'notes = """\n## 教学建议\n先完整听一遍范唱，再跟伴奏唱。\n"""\n'
        '[[range_notes]]\nstart = 0\nend = 0.5\ntext = "第一句：拍手打节奏"\n'))
    result = repo.publish()
    assert result.changed
    catalog = _published(repo)
    lesson = catalog.by_id()["music-star"]
    assert [(f.name, f.track) for f in lesson.tracks()] == [("小星星-范唱.mp3", "demo"), ("小星星-伴奏.mp3", "accompaniment")]
    notes = _notes_of(repo, catalog, "music-star")
    assert notes.markup == "markdown" and notes.lesson.startswith("## 教学建议")
    assert notes.at(0.2) == "第一句：拍手打节奏" and notes.at(0.8) == ""
    # Publishing again changes nothing: the notes file is built with the same bytes.
    assert not repo.publish().changed


def test_slide_notes_and_a_plain_text_notes_file(tmp_path: Path) -> None:
    need_ffmpeg()
    repo = TestRepo(tmp_path)
    folder = repo.src / "art-sun"
    for n in (1, 2):
        make_picture(folder / f"{n}.png", n)
    (folder / "教学建议.txt").write_text("本课用两张图。\r\n先看后画。", encoding="utf-8-sig")
    (folder / "lesson.toml").write_text(HEAD.format(id="art-sun", kind="slides", duration=0) + (
        'media = ["1.png", "2.png"]\nnotes_file = "教学建议.txt"\n[slide_notes]\n1 = "问：太阳是什么颜色？"\n2 = "请学生动手画"\n'),
        encoding="utf-8")
    repo.publish()
    notes = _notes_of(repo, _published(repo), "art-sun")
    assert notes.markup == "plain" and notes.lesson == "本课用两张图。\n先看后画。"
    assert notes.for_slide(1) == "问：太阳是什么颜色？" and notes.for_slide(2) == "请学生动手画"


def test_tracks_seconds_apart_are_refused_naming_the_lesson_and_files(tmp_path: Path) -> None:
    need_ffmpeg()
    repo = TestRepo(tmp_path)
    _song(repo.src, demo=1.0, acc=3.0)
    with pytest.raises(PublishError) as err:
        repo.publish()
    message = str(err.value)
    assert "\n" not in message
    assert "music-star" in message and "小星星-伴奏.mp3" in message and "小星星-范唱.mp3" in message
    assert repo.writer.current_catalog_bytes() is None  # nothing published


def test_a_track_that_is_not_media_is_refused(tmp_path: Path) -> None:
    need_ffmpeg()
    repo = TestRepo(tmp_path)
    folder = _song(repo.src)
    (folder / "小星星-伴奏.mp3").write_bytes(b"not a recording at all" * 100)
    with pytest.raises(PublishError, match="小星星-伴奏.mp3"):
        repo.publish()


@pytest.mark.parametrize(("kind", "body", "field", "says"), [
    ("audio", 'media = "a.mp3"\ntracks = [{file = "b.mp3", role = "demo"}]\n', "tracks", "not both"),
    ("pdf", 'tracks = [{file = "a.mp3", role = "demo"}]\n', "tracks", "only audio and video"),
    ("audio", 'tracks = [{file = "a.mp3", role = "demo"}, {file = "b.mp3", role = "demo"}]\n', "tracks", "two tracks"),
    ("audio", 'tracks = [{file = "a.mp3", role = "karaoke"}]\n', "tracks", "role must be one of"),
    ("audio", 'media = ["a.mp3", "b.mp3"]\n', "media", "use tracks"),
    ("slides", 'media = ["1.png"]\n[slide_notes]\n2 = "x"\n', "slide_notes", "slide 2 does not exist"),
    ("slides", 'media = ["1.png"]\n[slide_notes]\nfirst = "x"\n', "slide_notes", "not a slide number"),
    ("audio", 'media = "a.mp3"\n[slide_notes]\n1 = "x"\n', "slide_notes", "only slides and PDF"),
    ("slides", 'media = ["1.png"]\n[[range_notes]]\nstart = 0\nend = 1\ntext = "x"\n', "range_notes", "only audio and video"),
    ("audio", 'media = "a.mp3"\n[[range_notes]]\nstart = 9\nend = 10\ntext = "x"\n', "range_notes", "after the lesson ends"),
    ("audio", 'media = "a.mp3"\nnotes = "x"\nnotes_file = "n.md"\n', "notes", "not both"),
    ("audio", 'media = "a.mp3"\nnotes = "\\u202e"\n', "notes", "notes"),
    ("audio", 'media = "a.mp3"\nnotes_file = "n.doc"\n', "notes", "expected one of"),
])
def test_bad_tracks_and_notes_say_what_is_wrong(tmp_path: Path, kind: str, body: str, field: str, says: str) -> None:
    folder = tmp_path / "lesson"
    folder.mkdir()
    for name in ("a.mp3", "b.mp3", "1.png", "n.md", "n.doc", "x.pdf"):
        (folder / name).write_bytes(b"x")
    if kind == "pdf":
        body = 'media = "x.pdf"\n' + body
    (folder / "lesson.toml").write_text(HEAD.format(id="les", kind=kind, duration=2) + body, encoding="utf-8")
    with pytest.raises(Exception) as err:  # noqa: PT011 - SourceError; the message is the point
        read_lesson(folder / "lesson.toml")
    assert err.value.__class__.__name__ == "SourceError"
    message = str(err.value)
    assert message.startswith(str(folder / "lesson.toml")) and f": {field}: " in message and says in message
    assert "\n" not in message


def test_an_unchanged_song_is_not_probed_again(tmp_path: Path) -> None:
    need_ffmpeg()
    from eduteach_hub.publish.alignment import ffprobe_duration
    from eduteach_hub.publish.chunking import hash_file
    from eduteach_hub.publish.hash_cache import HashCache
    from eduteach_hub.publish.publisher import publish

    repo = TestRepo(tmp_path)
    folder = _song(repo.src)
    probed: list[str] = []
    ffprobe = ffprobe_duration()

    def counting(path: Path) -> float:
        probed.append(path.name)
        return ffprobe(path)

    def run() -> None:
        publish(repo.src, repo.writer, cache=HashCache(tmp_path / "cache.json", hash_file), prober=counting)

    run()
    assert sorted(probed) == ["小星星-伴奏.mp3", "小星星-范唱.mp3"]
    probed.clear()
    run()
    assert probed == []  # the lengths are remembered by content hash
    make_tone(folder / "小星星-伴奏", 4.0, 330)  # the wrong file copied over the accompaniment
    with pytest.raises(PublishError, match="小星星-伴奏.mp3"):
        run()
    assert probed == ["小星星-伴奏.mp3"]


# --- slide_notes of a PDF lesson: checked against the PDF's pages (pypdf) -----------------

def _pdf_bytes(pages: int, **encrypt: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt(**encrypt, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_lesson(root: Path, pdf: bytes, notes: dict[int, str]) -> Path:
    """A PDF lesson in a folder with Chinese names (as county folders are)."""
    folder = root / "语文-一年级上册"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "课件.pdf").write_bytes(pdf)
    (folder / "lesson.toml").write_text(HEAD.format(id="chinese-pdf", kind="pdf", duration=0) + (
        'media = "课件.pdf"\n[slide_notes]\n' + "".join(f'{n} = "{text}"\n' for n, text in notes.items())),
        encoding="utf-8")
    return folder


def test_pdf_notes_up_to_the_last_page_are_published(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = TestRepo(tmp_path)
    _pdf_lesson(repo.src, _pdf_bytes(3), {1: "先读课题", 3: "最后一页：布置作业"})
    with caplog.at_level(logging.WARNING):
        assert repo.publish().changed
    assert not [r for r in caplog.records if "slide_notes" in r.getMessage()]  # counted, not skipped
    notes = _notes_of(repo, _published(repo), "chinese-pdf")
    assert notes.for_slide(1) == "先读课题" and notes.for_slide(3) == "最后一页：布置作业"


def test_a_pdf_note_one_past_the_last_page_is_refused(tmp_path: Path) -> None:
    repo = TestRepo(tmp_path)
    folder = _pdf_lesson(repo.src, _pdf_bytes(3), {1: "先读课题", 4: "没有这一页"})
    with pytest.raises(PublishError) as err:
        repo.publish()
    message = str(err.value)
    assert "\n" not in message
    assert f"{folder / 'lesson.toml'}: slide_notes: page 4 does not exist (the PDF has 3)" in message
    assert repo.writer.current_catalog_bytes() is None  # nothing published
    # The CLI says it in Chinese.
    with pytest.raises(SourceError) as caught:
        read_lesson(folder / "lesson.toml")
    try:
        cli_i18n.use("zh_CN")
        assert "第 4 页不存在（这个 PDF 共 3 页）" in cli_i18n.render(caught.value)
    finally:
        cli_i18n.use("en")


def test_an_owner_password_pdf_is_counted_as_pdfium_opens_it(tmp_path: Path) -> None:
    # Locked against editing only (no password to open it): PDFium shows it, so it is checked.
    folder = _pdf_lesson(tmp_path, _pdf_bytes(2, user_password="", owner_password="教研室"), {3: "x"})
    with pytest.raises(SourceError, match=r"page 3 does not exist \(the PDF has 2\)"):
        read_lesson(folder / "lesson.toml")


@pytest.mark.parametrize(("pdf", "why"), [
    (b"%PDF-1.7\n" + bytes(range(256)) * 40, "pypdf cannot read it"),           # garbage named .pdf
    (b"this is not a PDF at all\n" * 100, "pypdf cannot read it"),
    (_pdf_bytes(5)[:-600], "pypdf cannot read it"),                                # cut short
    (_pdf_bytes(5, user_password="学生", owner_password="教研室"), "encrypted with a password"),
])
def test_a_pdf_pypdf_cannot_read_is_published_with_its_notes_unchecked(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, pdf: bytes, why: str) -> None:
    repo = TestRepo(tmp_path)
    # Without notes the publish path takes such a file as it is (the player says when PDFium
    # cannot draw it): the page check must not add a refusal of its own.
    folder = _pdf_lesson(repo.src, pdf, {})
    (folder / "lesson.toml").write_text(HEAD.format(id="chinese-pdf", kind="pdf", duration=0) + 'media = "课件.pdf"\n',
                                        encoding="utf-8")
    assert repo.publish().changed
    _pdf_lesson(repo.src, pdf, {1: "第一页", 99: "第九十九页"})
    with caplog.at_level(logging.WARNING, logger="eduteach_hub.publish"):
        assert repo.publish().changed
    warned = [r.getMessage() for r in caplog.records if r.name == "eduteach_hub.publish"]
    assert len(warned) == 1
    assert "slide_notes: page numbers not checked" in warned[0] and "课件.pdf" in warned[0] and why in warned[0]
    assert str(folder / "lesson.toml") in warned[0]
    assert _notes_of(repo, _published(repo), "chinese-pdf").for_slide(99) == "第九十九页"


def _with_count(pages: int, count: int) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, NumberObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(pages))))
    writer.root_object["/Pages"].get_object()[NameObject("/Count")] = NumberObject(count)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_count_pages_reads_the_page_tree_within_a_budget() -> None:
    pdf = _pdf_bytes(40)
    assert count_pages(io.BytesIO(pdf)) == 40
    with pytest.raises(PageCountUnknown, match="needs more than 2,000 bytes"):
        count_pages(io.BytesIO(pdf), budget=2000)
    # PDFium believes a plausible /Count over the page tree: when the two differ, the PC's
    # count is not known here, so nothing is claimed.
    with pytest.raises(PageCountUnknown, match="page tree has 3 pages but its /Count says 5"):
        count_pages(io.BytesIO(_with_count(3, 5)))
    assert count_pages(io.BytesIO(_with_count(3, 0))) == 3  # PDFium walks the tree then too
