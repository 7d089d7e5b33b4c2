"""What do fixed chunks save on realistic lesson revisions, vs content-defined chunking?

    .venv/bin/python bench/delta_chunking.py [--seconds 60] [--keep]

Our scheme (eduteach_protocol/chunks.py + sync/downloader.py): a file is cut into FIXED
1 MiB chunks; a revised file re-uses every chunk whose SHA-256 equals a chunk of the old
version this PC holds, and fetches the rest. For comparison, this script implements (here
only) a FastCDC-style content-defined chunker: a gear rolling hash, normalized chunking
(a harder mask before the normal point, an easier one after it), min = avg/4, max = 4 x avg.
Both schemes run at ~1 MiB (min 256 KiB, max 4 MiB) and at ~64 KiB (16 KiB / 256 KiB).

Needs ffmpeg (libx264, aac) and ImageMagick `convert`. Makes, in a temp dir:
  video   60 s 1280x720 25 fps H.264 (CRF 23, veryfast, GOP 2 s, testsrc2 + a little
          temporal noise, like camera grain) + AAC 128k, +faststart like our demo lessons
  (a) re-encoded       same content, CRF 26, preset faster
  (b) trimmed start    first 3 s cut, `-ss 3 -c copy`
      trimmed end      last 3 s cut, `-t 57 -c copy`
  (c) new audio        `-c:v copy` + a different AAC track
  each video case also with the moov atom at the END (ffmpeg's default layout); ffmpeg
  interleaves audio and video frame by frame, so (c) is also made with 1 s interleaving
  (`-chunk_duration 1000000`, both versions) to see what a publisher could do about it
  (d) a 20-page PDF (a small generator here: 15 photo-like JPEG pages + 5 text pages,
      Helvetica text in Flate streams), then one page's text edited and the whole file
      regenerated (new ModDate and /ID, as editors do), and the same edit appended as a
      PDF incremental update (new objects + xref section + trailer with /Prev).

For each case: the new file's size, the bytes that must cross the wire under each scheme
(chunks not in the old version + the chunk index: 32 B per chunk for fixed, 40 B per chunk
for CDC, which must also carry the lengths), and the saving as a share of the new size.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import multiprocessing
import random
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

from _common import KiB, MiB, machine, table, workdir

M64 = (1 << 64) - 1
_rng = random.Random(0x6765_6172)  # "gear"
GEAR = [_rng.getrandbits(64) for _ in range(256)]


# --- chunkers -----------------------------------------------------------------------------------
def fixed_cuts(n: int, size: int) -> list[int]:
    return list(range(size, n, size)) + [n] if n else []


def cdc_cuts(data: bytes, avg: int) -> list[int]:
    """FastCDC-style cut points (chunk ends). min = avg/4, max = 4*avg. The hash restarts at
    every chunk and only runs from start+min; before the normal point a mask with 2 more bits
    (cuts rarer), after it 2 fewer (cuts likelier). Masks use the top bits of the 64-bit gear
    hash (they depend on the last 64 bytes). The normal point sits at 13/16 of avg so that the
    mean chunk size comes out at ~avg (measured on random data)."""
    mn, mx = avg // 4, avg * 4
    normal = avg * 13 // 16
    bits = round(math.log2(avg))
    mask_s = ((1 << (bits + 2)) - 1) << (64 - bits - 2)
    mask_l = ((1 << (bits - 2)) - 1) << (64 - bits + 2)
    gear = GEAR
    n = len(data)
    start = 0
    out = []
    while start < n:
        if n - start <= mn:
            out.append(n)
            break
        end = min(start + mx, n)
        norm = min(start + normal, end)
        h = 0
        cut = 0
        pos = start + mn
        for b in data[pos:norm]:
            pos += 1
            h = ((h << 1) + gear[b]) & M64
            if not h & mask_s:
                cut = pos
                break
        if not cut:
            for b in data[pos:end]:
                pos += 1
                h = ((h << 1) + gear[b]) & M64
                if not h & mask_l:
                    cut = pos
                    break
        if not cut:
            cut = end
        out.append(cut)
        start = cut
    return out


def chunk_list(path: str, scheme: str, size: int) -> list[tuple[bytes, int]]:
    """[(sha256 digest, length)] of the file's chunks."""
    data = Path(path).read_bytes()
    cuts = fixed_cuts(len(data), size) if scheme == "fixed" else cdc_cuts(data, size)
    view = memoryview(data)
    out, prev = [], 0
    for c in cuts:
        out.append((hashlib.sha256(view[prev:c]).digest(), c - prev))
        prev = c
    return out


def _chunk_task(args: tuple[str, str, int]) -> tuple[tuple[str, str, int], list[tuple[bytes, int]], float]:
    t0 = time.perf_counter()
    res = chunk_list(*args)
    return args, res, time.perf_counter() - t0


INDEX_ENTRY = {"fixed": 32, "cdc": 40}


def wire_bytes(old: list[tuple[bytes, int]], new: list[tuple[bytes, int]], scheme: str) -> int:
    have = {d for d, _ in old}
    return sum(n for d, n in new if d not in have) + INDEX_ENTRY[scheme] * len(new)


# --- media --------------------------------------------------------------------------------------
def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout.strip()
    return float(out)


def make_videos(work: Path, seconds: int) -> list[tuple[str, Path, Path]]:
    ff = ["ffmpeg", "-v", "error", "-y"]
    video = "testsrc2=size=1280x720:rate=25,noise=alls=3:allf=t"
    audio = "sine=frequency=440:sample_rate=48000:beep_factor=4"
    common = ["-t", str(seconds), "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k"]
    src = work / "v1.mp4"
    t0 = time.perf_counter()
    run(ff + ["-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio, "-c:v", "libx264", "-preset", "veryfast",
              "-crf", "23", *common, "-movflags", "+faststart", str(src)])
    print(f"  source video: {src.stat().st_size / MiB:.1f} MiB, {duration(src):.1f} s "
          f"(encoded in {time.perf_counter() - t0:.0f} s)", flush=True)
    t0 = time.perf_counter()
    reenc = work / "v2-reencoded.mp4"
    run(ff + ["-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio, "-c:v", "libx264", "-preset", "faster",
              "-crf", "26", *common, "-movflags", "+faststart", str(reenc)])
    print(f"  re-encoded: {reenc.stat().st_size / MiB:.1f} MiB (in {time.perf_counter() - t0:.0f} s)", flush=True)
    cases = []
    for layout, flags in (("faststart", ["-movflags", "+faststart"]), ("moov at end", [])):
        tag = "fs" if flags else "me"
        if flags:
            old, re_ = src, reenc
        else:
            old, re_ = work / "v1-me.mp4", work / "v2-reencoded-me.mp4"
            run(ff + ["-i", str(src), "-map", "0", "-c", "copy", str(old)])
            run(ff + ["-i", str(reenc), "-map", "0", "-c", "copy", str(re_)])
        trim_start = work / f"v2-trim-start-{tag}.mp4"
        run(ff + ["-ss", "3", "-i", str(old), "-map", "0", "-c", "copy", *flags, str(trim_start)])
        trim_end = work / f"v2-trim-end-{tag}.mp4"
        run(ff + ["-i", str(old), "-t", str(seconds - 3), "-map", "0", "-c", "copy", *flags, str(trim_end)])
        new_audio = work / f"v2-new-audio-{tag}.mp4"
        run(ff + ["-i", str(old), "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000:beep_factor=2",
                  "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-shortest",
                  *flags, str(new_audio)])
        cases += [
            (f"(a) video re-encoded [{layout}]", old, re_),
            (f"(b) video trimmed, first 3 s [{layout}]", old, trim_start),
            (f"(b) video trimmed, last 3 s [{layout}]", old, trim_end),
            (f"(c) video, new audio track [{layout}]", old, new_audio),
        ]
    # the same audio replacement with audio and video interleaved in ~1 s runs
    old_i, new_i = work / "v1-fs-1s.mp4", work / "v2-new-audio-fs-1s.mp4"
    inter = ["-chunk_duration", "1000000", "-movflags", "+faststart"]
    run(ff + ["-i", str(src), "-map", "0", "-c", "copy", *inter, str(old_i)])
    run(ff + ["-i", str(old_i), "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000:beep_factor=2",
              "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-shortest",
              *inter, str(new_i)])
    cases.append(("(c) video, new audio track [faststart, 1 s interleave]", old_i, new_i))
    for _, _, new in cases:
        assert duration(new) > seconds - 5, new
    return cases


# --- a small PDF writer -------------------------------------------------------------------------
def _pdf_text(s: str) -> bytes:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def page_text(page: int, edited: bool) -> list[str]:
    lines = [f"Grade 2 Mathematics - Unit 3, page {page + 1}",
             "Addition and subtraction within 100"]
    if page == 7 and edited:
        lines += ["Exercise 3: 13 + 8 = ?   (corrected)", "Exercise 4: 45 - 19 = ?",
                  "Teacher's note: do exercise 4 together on the blackboard first."]
    else:
        lines += [f"Exercise {page}: {12 + page} + {7 + page % 5} = ?", f"Exercise {page + 1}: {40 + page} - 19 = ?"]
    lines += ["Write the answers in your exercise book.", "Count on your fingers if it helps."]
    return lines


def content_stream(page: int, edited: bool, image: bool) -> bytes:
    ops = []
    if image:
        ops.append("q 480 0 0 360 320 30 cm /Im1 Do Q")
    ops.append("BT /F1 22 Tf 40 550 Td 28 TL")
    for line in page_text(page, edited):
        ops.append(f"({_pdf_text(line).decode('latin-1')}) Tj T*")
    ops.append("ET")
    return zlib.compress("\n".join(ops).encode("latin-1"), 6)


class PdfWriter:
    def __init__(self) -> None:
        self.buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        self.offsets: dict[int, int] = {}

    def obj(self, num: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[num] = len(self.buf)
        self.buf += f"{num} 0 obj\n".encode() + body
        if stream is not None:
            self.buf += b"\nstream\n" + stream + b"\nendstream"
        self.buf += b"\nendobj\n"

    def xref(self, nums: list[int], trailer: str) -> None:
        start = len(self.buf)
        self.buf += b"xref\n"
        nums = sorted(nums)
        if nums[0] == 1:
            nums = [0] + nums
        # one subsection per run of consecutive numbers
        runs: list[list[int]] = []
        for n in nums:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        for r in runs:
            self.buf += f"{r[0]} {len(r)}\n".encode()
            for n in r:
                self.buf += b"0000000000 65535 f \n" if n == 0 else f"{self.offsets[n]:010d} 00000 n \n".encode()
        self.buf += f"trailer\n{trailer}\nstartxref\n{start}\n%%EOF\n".encode()
        self.last_xref = start


def pdf_objects(n_pages: int) -> tuple[int, dict[int, tuple[int, int, int | None]]]:
    """Object numbers: 1 catalog, 2 pages, 3 font, 4 info, then per page (page, content, image)."""
    layout = {}
    num = 5
    for p in range(n_pages):
        has_image = p % 4 != 3
        layout[p] = (num, num + 1, num + 2 if has_image else None)
        num += 3 if has_image else 2
    return num, layout


def write_pdf(path: Path, images: list[bytes], edited: bool, stamp: str, doc_id: str) -> None:
    n_pages = len(images)
    size, layout = pdf_objects(n_pages)
    w = PdfWriter()
    kids = " ".join(f"{layout[p][0]} 0 R" for p in range(n_pages))
    w.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    w.obj(2, f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    w.obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for p in range(n_pages):
        page, content, image = layout[p]
        xobj = f" /XObject << /Im1 {image} 0 R >>" if image else ""
        w.obj(page, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >>"
                    f"{xobj} >> /Contents {content} 0 R >>".encode())
        stream = content_stream(p, edited, image is not None)
        w.obj(content, f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode(), stream)
        if image:
            jpg = images[p]
            w.obj(image, f"<< /Type /XObject /Subtype /Image /Width 1600 /Height 1200 /ColorSpace /DeviceRGB"
                         f" /BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpg)} >>".encode(), jpg)
    w.obj(4, f"<< /Title (Unit 3 exercises) /Producer (eduteach bench) /CreationDate (D:20240901080000+08'00')"
             f" /ModDate ({stamp}) >>".encode())
    w.xref(list(w.offsets), f"<< /Size {size} /Root 1 0 R /Info 4 0 R /ID [<{doc_id}> <{doc_id}>] >>")
    path.write_bytes(bytes(w.buf))


def append_incremental_update(src: Path, dst: Path, n_pages: int, doc_id: str, new_id: str) -> None:
    """The page-8 edit as an incremental update: the old bytes unchanged, then a new content
    stream, the page object and the info dictionary re-defined, an xref section, a trailer."""
    size, layout = pdf_objects(n_pages)
    old = src.read_bytes()
    prev = int(old.rsplit(b"startxref", 1)[1].split()[0])
    w = PdfWriter()
    w.buf = bytearray(old)
    page, _, image = layout[7]
    new_content = size  # a new object number
    stream = content_stream(7, True, image is not None)
    w.obj(new_content, f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode(), stream)
    xobj = f" /XObject << /Im1 {image} 0 R >>" if image else ""
    w.obj(page, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >>"
                f"{xobj} >> /Contents {new_content} 0 R >>".encode())
    w.obj(4, b"<< /Title (Unit 3 exercises) /Producer (eduteach bench) /CreationDate (D:20240901080000+08'00')"
             b" /ModDate (D:20241015093000+08'00') >>")
    w.xref([new_content, page, 4], f"<< /Size {size + 1} /Root 1 0 R /Info 4 0 R /Prev {prev}"
                                   f" /ID [<{doc_id}> <{new_id}>] >>")
    dst.write_bytes(bytes(w.buf))


def make_pdfs(work: Path, n_pages: int = 20) -> list[tuple[str, Path, Path]]:
    images = []
    for p in range(n_pages):
        jpg = work / f"page{p:02d}.jpg"
        if p % 4 != 3:
            run(["convert", "-size", "1600x1200", "-seed", str(100 + p), "plasma:fractal", "-quality", "80",
                 "-strip", "-interlace", "none", str(jpg)])
            images.append(jpg.read_bytes())
        else:
            images.append(b"")
    v1, v2, v1u = work / "lesson-v1.pdf", work / "lesson-v2.pdf", work / "lesson-v1-incremental.pdf"
    id1, id2 = hashlib.md5(b"v1").hexdigest(), hashlib.md5(b"v2").hexdigest()
    write_pdf(v1, images, False, "D:20240901080000+08'00'", id1)
    write_pdf(v2, images, True, "D:20241015093000+08'00'", id2)
    append_incremental_update(v1, v1u, n_pages, id1, id2)
    print(f"  PDF: {n_pages} pages, {v1.stat().st_size / MiB:.1f} MiB", flush=True)
    if shutil.which("qpdf"):
        for f in (v1, v2, v1u):
            run(["qpdf", "--check", str(f)])
    return [("(d) PDF, page 8 text edited, regenerated", v1, v2),
            ("(d) PDF, page 8 text edited, incremental update", v1, v1u)]


# --- main ---------------------------------------------------------------------------------------
SCHEMES = [("fixed", MiB), ("cdc", MiB), ("fixed", 64 * KiB), ("cdc", 64 * KiB)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=int, default=60, help="video length (default 60)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir with the media")
    args = ap.parse_args()
    for tool in ("ffmpeg", "ffprobe", "convert"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed")
    print(f"machine: {machine()}", flush=True)
    t_start = time.perf_counter()
    with workdir("delta", keep=args.keep) as work:
        print("making media ...", flush=True)
        cases = make_videos(work, args.seconds) + make_pdfs(work)
        files = sorted({str(p) for _, old, new in cases for p in (old, new)})
        tasks = [(f, scheme, size) for f in files for scheme, size in SCHEMES]
        print(f"chunking {len(files)} files x {len(SCHEMES)} schemes on {min(len(tasks), multiprocessing.cpu_count())} "
              f"processes ...", flush=True)
        t0 = time.perf_counter()
        chunks: dict[tuple[str, str, int], list[tuple[bytes, int]]] = {}
        cdc_seconds, cdc_bytes = 0.0, 0
        with multiprocessing.get_context("spawn").Pool(multiprocessing.cpu_count()) as pool:
            for key, res, secs in pool.imap_unordered(_chunk_task, tasks):
                chunks[key] = res
                if key[1] == "cdc":
                    cdc_seconds += secs
                    cdc_bytes += sum(n for _, n in res)
        print(f"  done in {time.perf_counter() - t0:.0f} s (the pure-Python CDC runs at "
              f"{cdc_bytes / cdc_seconds / MiB:.1f} MiB/s per process)", flush=True)

        rows = []
        summary: dict[tuple[str, int], list[float]] = {}
        per_case: list[tuple[str, int, dict[tuple[str, int], int]]] = []
        for name, old, new in cases:
            size = new.stat().st_size
            wires = {(s, z): wire_bytes(chunks[(str(old), s, z)], chunks[(str(new), s, z)], s) for s, z in SCHEMES}
            per_case.append((name, size, wires))
            cells = [name, f"{old.stat().st_size / MiB:.2f}", f"{size / MiB:.2f}"]
            for z in (MiB, 64 * KiB):
                fw, cw = wires[("fixed", z)], wires[("cdc", z)]
                fs, cs = 1 - fw / size, 1 - cw / size
                summary.setdefault(("fixed", z), []).append(fs)
                summary.setdefault(("cdc", z), []).append(cs)
                cells += [f"{fw / MiB:.2f} ({fs:+.0%})", f"{cw / MiB:.2f} ({cs:+.0%})", f"{(cs - fs) * 100:+.1f}"]
            rows.append(cells)
        mean_chunk = {}
        for s, z in SCHEMES:
            lens = [n for f in files for _, n in chunks[(f, s, z)]]
            mean_chunk[(s, z)] = sum(lens) / len(lens)
    print()
    print("wire MiB (saving as a share of the new file size); delta = CDC saving - fixed saving, in points")
    print(table(["case", "old MiB", "new MiB", "fixed 1 MiB", "CDC ~1 MiB", "delta pp", "fixed 64 KiB",
                 "CDC ~64 KiB", "delta pp"], rows))
    print("\nmean chunk size over all files: " + ", ".join(
        f"{s} {z // KiB} KiB: {mean_chunk[(s, z)] / KiB:.0f} KiB" for s, z in SCHEMES))

    def verdict(pred) -> None:  # noqa: ANN001
        sel = [(n, size, w) for n, size, w in per_case if pred(n)]
        for z in (MiB, 64 * KiB):
            f = [1 - w[("fixed", z)] / size for _, size, w in sel]
            c = [1 - w[("cdc", z)] / size for _, size, w in sel]
            tot = sum(size for _, size, _ in sel)
            fw = sum(w[("fixed", z)] for _, _, w in sel)
            cw = sum(w[("cdc", z)] for _, _, w in sel)
            cats: dict[str, list[float]] = {}
            for (n, _, _), fs, cs in zip(sel, f, c, strict=True):
                cats.setdefault(n[:3], []).append(cs - fs)
            cat_means = {k: sum(v) / len(v) for k, v in cats.items()}
            print(f"  ~{z // KiB} KiB: saving fixed {sum(f) / len(f):.1%} vs CDC {sum(c) / len(c):.1%} (mean of "
                  f"{len(sel)} cases) -> CDC {(sum(c) - sum(f)) / len(f) * 100:+.1f} points; by kind "
                  + " ".join(f"{k} {v * 100:+.1f}" for k, v in cat_means.items())
                  + f", mean of kinds {sum(cat_means.values()) / len(cat_means) * 100:+.1f}; byte-weighted "
                  f"fixed {1 - fw / tot:.1%} vs CDC {1 - cw / tot:.1%} ({(fw - cw) / tot * 100:+.1f})")
    print("\nMP4s with faststart (as our lesson pipeline writes them) + the PDFs:")
    verdict(lambda n: "moov at end" not in n and "interleave" not in n)
    print("MP4s with the moov at the end + the PDFs:")
    verdict(lambda n: "faststart" not in n)
    print(f"\ntotal {time.perf_counter() - t_start:.0f} s")


if __name__ == "__main__":
    main()
