"""Make docs/screenshots/import-report.png: import a small county library (a folder tree and an
Excel list with the usual mistakes), render the report with LibreOffice, rasterise with
pdftoppm. Needs ffmpeg, LibreOffice (calc + impress), poppler-utils and Pillow.

    python scripts/import_report_screenshot.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from eduteach_hub.importer.command import run_import  # noqa: E402
from eduteach_hub.importer.report import write_xlsx  # noqa: E402
from tests.helpers.media_fixtures import (  # noqa: E402
    LRC_TEXT,
    make_audio,
    make_pptx,
    make_video,
    truncate,
    write_gbk,
)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        disc = base / "县资源光盘"
        make_video(disc / "数学" / "shu5", "flv", level_lufs=-24)
        make_video(disc / "数学" / "fenlei", "good", level_lufs=-15.5)
        make_audio(disc / "音乐" / "xiaoxingxing", -31.0)
        write_gbk(disc / "音乐" / "xiaoxingxing.lrc", LRC_TEXT)
        make_audio(disc / "音乐" / "laohu", -7.0, "wma")
        make_pptx(disc / "美术" / "taiyang.pptx", ["画太阳", "涂颜色"])
        make_video(disc / "英语" / "hello", "wmv")
        truncate(make_video(disc / "英语" / "colours", "good"))
        (disc / "音乐" / "empty.mp3").write_bytes(b"")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["某某县电教馆 教学点资源目录（2025 秋季）"])
        sheet.append(["年级", "学科", "版本", "册", "单元", "单元名称", "课序", "课题", "文件", "歌词"])
        rows = [
            ["一年级", "数学", "人教版", "上册", 3, "1~5的认识", 1, "数一数", "数学/shu5.flv", ""],
            ["一年级", "数学", "人教版", "上册", 3, "1~5的认识", 2, "分一分", "数学/fenlei.mp4", ""],
            ["一年级", "音乐", "人民音乐出版社", "上", 2, "可爱的星星", 1, "小星星", "音乐/xiaoxingxing.mp3", "音乐/xiaoxingxing.lrc"],
            ["二年级", "音乐", "湘艺版", "下册", 1, "快乐的歌", 1, "两只老虎", "音乐/laohu.wma", ""],
            ["二年级", "音乐", "湘艺版", "下册", 1, "快乐的歌", 1, "两只老虎（重复）", "音乐/laohu.wma", ""],
            ["一年级", "美术", "岭南版", "上册", 1, "画太阳", 1, "画一个笑脸太阳", "美术/taiyang.pptx", ""],
            [None] * 10,
            ["三年级", "英语", "外研版", "上册", 1, "Hello!", 1, "Hello! 你好", "英语/hello.wmv", ""],
            ["三年级", "英语", "外研社", "上册", 1, "Hello!", 2, "Colours", "英语/colours.mp4", ""],
            ["三年级", "英语", "新概念", "上册", 2, "", 1, "Goodbye", "英语/bye.mp4", ""],
            ["一年级", "音乐", "人音版", "上册", 2, "可爱的星星", 2, "静夜", "音乐/empty.mp3", ""],
        ]
        for r in rows:
            sheet.append(r)
        book.save(base / "资源目录.xlsx")
        result = run_import(disc, base / "sources", base / "资源目录.xlsx", skip_bad=False, jobs=2)
        report = base / "导入报告.xlsx"
        write_xlsx(report, result.findings, "EduTeach 导入报告 · 县资源光盘 · 资源目录.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation={(base / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(base), str(report)], check=True, capture_output=True)
        out = ROOT / "docs" / "screenshots" / "import-report"
        subprocess.run(["pdftoppm", "-png", "-r", "130", "-f", "1", "-l", "1", "-singlefile", str(base / "导入报告.pdf"), str(out)], check=True)
        # the page is A4 landscape; keep the part with the table (and a margin)
        from PIL import Image, ImageChops

        page = Image.open(f"{out}.png").convert("RGB")
        box = ImageChops.difference(page, Image.new("RGB", page.size, "white")).getbbox()
        assert box is not None
        page.crop((box[0] - 16, box[1] - 16, box[2] + 16, box[3] + 16)).save(f"{out}.png", optimize=True)
        print(f"{out}.png: {result.lessons_ok} lessons ready, {result.errors} errors")


if __name__ == "__main__":
    main()
