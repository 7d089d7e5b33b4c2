"""Resource lists (资源目录) in Excel and CSV: Chinese headings or English aliases, the values
people type, GB18030 CSV, merged cells and blank rows, 3,000 rows, and the CLI end to end."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from eduteach_hub.importer import columns
from eduteach_hub.importer.model import ERROR, WARNING
from eduteach_hub.importer.spreadsheet import read_list
from tests.helpers.media_fixtures import make_audio, make_video, need_ffmpeg
from tests.integration.hubproc import run_cli

HEAD = ["年级", "学科", "教材版本", "册次", "单元", "单元名称", "课序", "课题", "文件名", "类型", "简介"]


def write_xlsx(path: Path, rows: list[list[object]], title: str | None = "某某县电教馆 教学点资源目录") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))  # as counties do
    sheet.append(HEAD)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return book


@pytest.mark.parametrize(("typed", "parse", "want"), [
    ("一年级", columns.parse_grade, 1), ("1年级", columns.parse_grade, 1), ("1", columns.parse_grade, 1),
    ("三年级", columns.parse_grade, 3), ("四年级", columns.parse_grade, None),
    ("音乐", columns.parse_subject, "music"), ("Music", columns.parse_subject, "music"),
    ("道德与法治", columns.parse_subject, "morality"), ("音律", columns.parse_subject, None),
    ("人音版", columns.parse_edition, "人音版"), ("人民音乐出版社", columns.parse_edition, "人音版"),
    ("部编版", columns.parse_edition, "统编版"), ("火星版", columns.parse_edition, None),
    ("上册", columns.parse_volume, "上册"), ("上", columns.parse_volume, "上册"),
    ("第一册", columns.parse_volume, "上册"), ("下", columns.parse_volume, "下册"),
    ("第三册", columns.parse_volume, None),
])
def test_the_values_people_type_are_understood(typed: str, parse, want) -> None:
    assert parse(typed) == want


def test_unit_and_lesson_numbers_in_the_ways_they_are_written() -> None:
    assert columns.split_numbered("第1单元 快乐的一天", unit=True) == (1, "快乐的一天")
    assert columns.split_numbered("第十二单元", unit=True) == (12, "")
    assert columns.split_numbered("03 小星星", unit=False) == (3, "小星星")
    assert columns.split_numbered("第3课 小星星", unit=False) == (3, "小星星")
    assert columns.split_numbered("小星星", unit=False) is None


def test_a_3000_row_list_with_chinese_headings_parses_into_3000_distinct_lessons(tmp_path: Path) -> None:
    grades, subjects = ["一年级", "2年级", "3"], ["音乐", "美术", "数学", "语文", "英语"]
    editions = {"音乐": "人民音乐出版社", "美术": "人美版", "数学": "人教版", "语文": "部编版", "英语": "外研版"}
    rows = []
    for i in range(3000):
        # (i % 5, i % 2) differ for ten consecutive rows, so i // 10 numbers each book's lessons
        subject, order = subjects[i % 5], i % 1000 // 10 + 1
        rows.append([grades[i // 1000], subject, editions[subject], "上册" if i % 2 else "下", f"第{order // 10 + 1}单元",
                     "单元", order, f"第{i}课", f"files/{i}.mp4", "视频", ""])
    path = tmp_path / "资源目录.xlsx"
    write_xlsx(path, rows)
    entries, findings = read_list(path, tmp_path)
    assert [f for f in findings if f.status == ERROR] == []
    assert len(entries) == 3000
    assert len({e.lesson_id for e in entries}) == 3000
    first = entries[0]
    assert (first.grade, first.subject, first.edition, first.volume, first.title) == (1, "music", "人音版", "下册", "第0课")
    assert first.media == [tmp_path / "files/0.mp4"] and first.kind == "video"


def test_merged_cells_and_blank_rows_are_reported_by_row(tmp_path: Path) -> None:
    (tmp_path / "a.mp3").write_bytes(b"x")
    path = tmp_path / "list.xlsx"
    book = write_xlsx(path, [
        ["一年级", "音乐", "人音版", "上册", 1, "", 1, "小星星", "a.mp3"],
        [None] * 9,
        ["一年级", "音乐", "人音版", "上册", 1, "", 2, "两只老虎", "a.mp3"],
        [None, "音乐", "人音版", "上册", 1, "", 3, "粉刷匠", "a.mp3"],
    ])
    sheet = book.active
    sheet.merge_cells("A5:A6")  # 年级 merged over the last two rows
    book.save(path)
    entries, findings = read_list(path, tmp_path)
    by_row = {f.where: f for f in findings}
    assert by_row["list.xlsx row 4"].status == WARNING and "blank row" in by_row["list.xlsx row 4"].reason
    assert by_row["list.xlsx row 5"].status == ERROR and "merged cells A5:A6" in by_row["list.xlsx row 5"].reason
    assert by_row["list.xlsx row 6"].status == ERROR
    assert [e.title for e in entries] == ["小星星"]


def test_a_gb18030_csv_with_english_headings(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Grade", "Subject", "Edition", "Volume", "Unit", "Order", "Title", "File", "Lyrics"])
    w.writerow(["二年级", "music", "湘艺版", "下册", "第1单元", "1", "两只老虎", "歌/老虎.mp3", "歌/老虎.lrc"])
    w.writerow(["二年级", "音乐", "湘艺", "下", "1", "第2课", "𠀀字", "歌/老虎.mp3", ""])
    path = tmp_path / "list.csv"
    path.write_bytes(buf.getvalue().encode("gb18030"))
    entries, findings = read_list(path, tmp_path)
    assert [f for f in findings if f.status == ERROR] == []
    assert [(e.lesson_id, e.title) for e in entries] == [
        ("music-g2-xiangyi-b-u01-l01", "两只老虎"), ("music-g2-xiangyi-b-u01-l02", "𠀀字")]
    assert entries[0].lyrics == tmp_path / "歌/老虎.lrc"


def test_cli_imports_a_list_and_publishes_in_one_step(tmp_path: Path) -> None:
    need_ffmpeg()
    media = tmp_path / "光盘"
    make_video(media / "视频" / "shu5", "flv")
    make_audio(media / "歌曲" / "xxx", -30.0)
    path = tmp_path / "资源目录.xlsx"
    write_xlsx(path, [
        ["一年级", "数学", "人教版", "上册", "第3单元", "1~5的认识", 1, "数一数", "视频/shu5.flv", "视频", "数苹果"],
        ["一年级", "音乐", "人音版", "上册", 2, "可爱的星星", 1, "小星星", "歌曲/xxx.mp3", "音频", ""],
        ["一年级", "音乐", "人音版", "上册", 2, "可爱的星星", 2, "不见了", "歌曲/missing.mp3", "音频", ""],
    ])
    home, out = tmp_path / "hub", tmp_path / "sources"
    assert run_cli("init", str(home), "--county", "430123").returncode == 0
    report = tmp_path / "报告.xlsx"
    args = ("import", str(media), "--catalog", str(path), "--out", str(out), "--report", str(report), "--publish")

    refused = run_cli(*args, home=home, timeout=300)
    assert refused.returncode == 1
    assert "nothing written" in refused.stderr and "资源目录.xlsx row 5" in refused.stdout
    assert "file not found" in refused.stdout
    sheet = openpyxl.load_workbook(report).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][0].startswith("错误") and rows[0][1] == "资源目录.xlsx row 5: 歌曲/missing.mp3" and "file not found" in rows[0][4]
    assert "none published yet" in run_cli("repo", "status", home=home).stdout
    assert not any((out / d).is_dir() for d in ("math-g1-renjiao-a-u03-l01", "music-g1-renyin-a-u02-l01"))

    done = run_cli(*args, "--skip-bad", home=home, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "catalog v1: 2 lessons (2 added" in done.stdout
    again = run_cli(*args, "--skip-bad", home=home, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "0 prepared" in again.stdout and "0 new or changed, 2 unchanged" in again.stdout
    assert "unchanged: catalog v1 (2 lessons)" in again.stdout


def test_a_missing_ffmpeg_is_named_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    make_dir = tmp_path / "src" / "一年级/音乐/人音版/上册/第1单元 歌"
    make_dir.mkdir(parents=True)
    (make_dir / "01 歌.mp3").write_bytes(b"ID3" + b"\0" * 100)
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(sys.executable, bare / "python3")
    env = dict(os.environ, PATH=str(bare), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "eduteach_hub", "import", str(tmp_path / "src"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "eduteach-hub: error: ffmpeg/ffprobe not found: install FFmpeg (Debian/UOS/Kylin: apt-get install ffmpeg; "
        "Windows: put ffmpeg.exe and ffprobe.exe on PATH)"]
    assert shutil.which("ffmpeg", path=str(bare)) is None


def test_importing_the_list_again_updates_a_lesson_instead_of_adding_one(tmp_path: Path) -> None:
    from eduteach_hub.importer.command import run_import

    need_ffmpeg()
    media = tmp_path / "disc"
    make_audio(media / "xxx", -16.0)
    make_audio(media / "laohu", -16.0)
    path = tmp_path / "list.xlsx"
    rows = [["一年级", "音乐", "人音版", "上册", 2, "可爱的星星", 1, "小星星", "xxx.mp3", "", ""],
            ["一年级", "音乐", "人音版", "上册", 2, "可爱的星星", 2, "两只老虎", "laohu.mp3", "", ""]]
    write_xlsx(path, rows)
    out = tmp_path / "sources"
    assert run_import(media, out, path, skip_bad=False, jobs=1).written == 2
    rows[0][7] = "小星星（修订）"  # the officer fixes a title
    write_xlsx(path, rows)
    again = run_import(media, out, path, skip_bad=False, jobs=1)
    assert (again.written, again.unchanged, again.removed, again.cache_misses) == (1, 1, [], 0)
    folders = sorted(p.name for p in out.iterdir() if (p / "lesson.toml").is_file())
    assert folders == ["music-g1-renyin-a-u02-l01", "music-g1-renyin-a-u02-l02"]
    assert 'title = "小星星（修订）"' in (out / folders[0] / "lesson.toml").read_text(encoding="utf-8")


def test_a_missing_libreoffice_is_named_in_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eduteach_hub.importer.command import ImportFailed, run_import
    from tests.helpers.media_fixtures import make_pptx

    need_ffmpeg()
    src = tmp_path / "src"
    make_pptx(src / "一年级/音乐/人音版/上册/第1单元 歌/01 课件.pptx", ["一"])
    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("ffmpeg", "ffprobe"):
        os.symlink(shutil.which(tool), bare / tool)
    monkeypatch.setenv("PATH", str(bare))
    with pytest.raises(ImportFailed) as failed:
        run_import(src, tmp_path / "out", None, skip_bad=False, jobs=1)
    assert str(failed.value).startswith("LibreOffice (soffice) not found: install LibreOffice (Debian/UOS/Kylin: apt-get install")
    assert "\n" not in str(failed.value)
    assert not (tmp_path / "out" / "music-g1-renyin-a-u01-l01").exists()


def test_two_rows_claiming_one_lesson_are_both_refused_by_row(tmp_path: Path) -> None:
    from eduteach_hub.importer.command import run_import

    need_ffmpeg()
    make_audio(tmp_path / "disc" / "a", -16.0)
    make_audio(tmp_path / "disc" / "b", -16.0)
    path = tmp_path / "list.xlsx"
    write_xlsx(path, [["二年级", "音乐", "湘艺版", "下册", 1, "", 1, "两只老虎", "a.mp3", "", ""],
                      ["2", "music", "湖南文艺出版社", "下", "第1单元", "", "第1课", "两只老虎（重复）", "b.mp3", "", ""]])
    result = run_import(tmp_path / "disc", tmp_path / "out", path, skip_bad=True, jobs=1)
    dup = sorted((f.where, f.reason) for f in result.findings if f.status == ERROR)
    assert dup == [
        ("list.xlsx row 3", "the same lesson (grade, subject, edition, volume, unit, number) as list.xlsx row 4"),
        ("list.xlsx row 4", "the same lesson (grade, subject, edition, volume, unit, number) as list.xlsx row 3"),
    ]
    assert result.lessons_ok == 0 and not (tmp_path / "out" / "music-g2-xiangyi-b-u01-l01").exists()


def test_a_county_adds_an_edition_the_built_in_list_lacks(tmp_path: Path) -> None:
    from eduteach_hub.importer.columns import EditionTable, edition_option
    from eduteach_hub.importer.command import run_import

    need_ffmpeg()
    src = tmp_path / "src"
    make_audio(src / "一年级/音乐/鲁教版/上册/第1单元 歌/01 小鸭子", -16.0)
    refused = run_import(src, tmp_path / "out", None, skip_bad=False, jobs=1)
    assert any("edition (版本) '鲁教版' is not known" in f.reason for f in refused.findings)
    table = EditionTable(dict([edition_option("鲁教版=lujiao")]))
    done = run_import(src, tmp_path / "out", None, skip_bad=False, jobs=1, editions=table)
    assert done.errors == 0 and (tmp_path / "out" / "music-g1-lujiao-a-u01-l01").is_dir()
    with pytest.raises(ValueError, match="already used by 人音版"):
        EditionTable({"鲁教版": "renyin"})
    with pytest.raises(ValueError, match="NAME=SLUG"):
        edition_option("鲁教版=Lu Jiao")
    cli = run_cli("import", str(src), "--out", str(tmp_path / "out2"), "--edition", "鲁教版=lujiao")
    assert cli.returncode == 0, cli.stderr


def test_text_a_school_pc_would_refuse_is_reported_by_row(tmp_path: Path) -> None:
    (tmp_path / "a.mp3").write_bytes(b"x")
    path = tmp_path / "list.csv"
    path.write_text("年级,学科,版本,册,单元,课序,课题,文件\n"
                    f"一年级,音乐,人音版,上册,1,1,{'长' * 250},a.mp3\n"
                    "一年级,音乐,人音版,上册,1,2,小星星\u202e反,a.mp3\n"
                    "一年级,音乐,人音版,上册,1,12000,小星星,a.mp3\n", encoding="utf-8")
    entries, findings = read_list(path, tmp_path)
    reasons = {f.where: f.reason for f in findings if f.status == ERROR}
    assert entries == []
    assert reasons["list.csv row 2"] == "title (课题) is 250 characters long (at most 200)"
    assert reasons["list.csv row 3"].startswith("title (课题) holds the control or invisible character U+202E")
    assert reasons["list.csv row 4"] == "lesson number (课序) 12000 is more than 9999"
