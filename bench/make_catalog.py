"""Make a data dir whose active catalog has N lessons (10,000 or 100,000), for the app
benchmarks. Titles are Chinese, built from textbook-like words, so pinyin search has real
work; about 10 % of the lessons count as installed (their blob rows exist; no files).

    .venv/bin/python bench/make_catalog.py DATA_DIR --lessons 100000

The catalog goes through LibraryStore.add_catalog and activate, as a sync would store it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from eduteach_protocol.catalog import Catalog, Lesson, LessonFile  # noqa: E402
from eduteach_protocol.subjects import SUBJECTS  # noqa: E402

WORDS = (  # noqa: SIM905 - a paragraph of words reads better than a list
    "小星星 两只老虎 春天 秋天 雪花 小雨点 太阳 月亮 大海 小河 山村 田野 花园 果园 小鸟 蝴蝶 青蛙 "
    "小猫 小狗 熊猫 大象 猴子 燕子 蜜蜂 认识 数一数 比一比 分一分 找规律 图形 钟表 人民币 加法 减法 "
    "乘法 口诀 我的家 我爱 祖国 国旗 学校 老师 同学 朋友 妈妈 爸爸 爷爷 奶奶 劳动 安全 交通 卫生 节约 "
    "画一画 剪一剪 折一折 唱一唱 跳一跳 拍手歌 摇篮曲 新年好 过新年 中秋节 端午节 长城 长江 黄河 天安门 "
    "颜色 线条 形状 手工 泥塑 彩笔 水墨 字母 单词 你好 再见 谢谢 早上好 我的书包 动物 植物 水果 蔬菜 "
    "天气 季节 方向 身体 健康 游戏 故事 古诗 儿歌 童谣 拼音 汉字 笔画 识字 写字 朗读 背诵 看图 说话"
).split()
EDITIONS = {
    "chinese": ("统编版",), "math": ("人教版", "北师大版", "苏教版"), "english": ("外研版", "人教版"),
    "music": ("人音版", "湘艺版"), "art": ("人美版", "岭南版"), "morality": ("统编版",),
    "science": ("教科版", "苏教版"), "pe": ("人教版",),
}
KINDS = ("video", "audio", "slides", "pdf")


def make_lessons(n: int, seed: int = 7) -> list[Lesson]:
    rng = random.Random(seed)
    books = [(g, s, e, v) for g in (1, 2, 3) for s in SUBJECTS for e in EDITIONS[s] for v in ("上册", "下册")]
    per_book = max(1, n // len(books) + 1)
    lessons: list[Lesson] = []
    for g, s, e, v in books:
        for k in range(per_book):
            if len(lessons) >= n:
                break
            unit, order = k // 12 + 1, k % 12 + 1
            title = "".join(rng.sample(WORDS, rng.choice((1, 2, 2, 3))))
            i = len(lessons)
            sha = hashlib.sha256(f"{i}".encode()).hexdigest()
            size = rng.randint(200_000, 80_000_000)
            lessons.append(Lesson(
                id=f"b{i:06d}-g{g}-{s}", title=title, grade=g, subject=s, edition=e, volume=v,
                unit=unit, order=order, kind=rng.choice(KINDS), duration=float(rng.randint(60, 1800)),
                files=(LessonFile("media", "m.bin", sha, size),), unit_title=f"单元{unit}",
                summary="", captions=(),
            ))
    return lessons


def make_data_dir(data_dir: Path, n: int, installed_fraction: float = 0.1) -> float:
    from eduteach_desktop.core.clock import iso_utc
    from eduteach_desktop.services import Services
    from eduteach_desktop.store import settings as keys

    t0 = time.perf_counter()
    services = Services.open(data_dir)
    try:
        lessons = make_lessons(n)
        catalog = Catalog(version=1, published="2026-09-01T00:00:00Z", lessons=tuple(lessons))
        body = catalog.to_bytes()
        services.library.add_catalog(catalog, hashlib.sha256(body).hexdigest(), body, "bench")
        services.library.activate(1)
        now = iso_utc(services.clock.now())
        with services.db.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO blobs (sha256, size, verified_at) VALUES (?, ?, ?)",
                [(ls.files[0].sha256, ls.files[0].size, now)
                 for ls in lessons[: int(len(lessons) * installed_fraction)]],
            )
        # No demo import, no hub: the app starts straight on this catalog.
        services.settings.update({keys.DEMO_IMPORTED: True})
    finally:
        services.close()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--lessons", type=int, default=10_000)
    args = parser.parse_args()
    seconds = make_data_dir(args.data_dir, args.lessons)
    print(f"{args.lessons} lessons into {args.data_dir} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
