"""Linux: shrink the ICU data library of the Qt wheels from ~31 MiB to ~8 MiB.

PySide6's Linux wheels link Qt against ICU 7x, whose data library (libicudata.so.NN)
carries every locale of the world, ~230 legacy character sets and transliteration
tables: a fifth of the bundle. Qt uses ICU here for collation (QCollator), locale-aware
case mapping, text boundaries and converters for legacy encodings. We keep:

* all core data (normalization, case mapping, properties, the UCA collation table,
  time zones, likely subtags, plural rules ...): anything that is not a locale,
  a converter, a dictionary or a transliterator;
* the locales root, en, en_US, en_001 and zh, zh_CN, zh_Hans, zh_Hans_CN, zh_SG,
  zh_Hans_SG in the trees Qt can reach (collation, break iterators, zone, currency,
  language and region names);
* the converters for Chinese legacy encodings (GB18030, GBK/CP936, Big5/CP950, EUC-CN)
  and the alias table;
* the Chinese/Japanese word-break dictionary, and the Thai/Lao/Khmer/Burmese ones
  (the root break rules refer to them, so ICU will not build a package without them).

Dropped: ~800 other locales, ~220 converters (EBCDIC, ISO-2022, Japanese, Korean ...),
transliterators, number spelling (rbnf), measurement unit names and Unicode character
names (Qt has no API that reaches those). Nothing in EduTeach asks ICU for those; a
locale that is gone falls back to root (English-like) data, it does not fail.

How: the library is one exported symbol, icudtNN_dat, in .rodata. We copy it out with
the section table from readelf, remove items with ICU's own `icupkg` (Debian package
icu-devtools; it checks that no kept item needs a removed one), and link the result back
into a data-only shared library with the same soname using `as` and `ld` (binutils).
No compiler. build.py then runs the frozen app's --qt-probe, which checks zh collation.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

KEEP_LOCALES = {
    "root", "en", "en_US", "en_001",
    "zh", "zh_CN", "zh_Hans", "zh_Hans_CN", "zh_SG", "zh_Hans_SG",
}
KEEP_CONVERTERS = {
    "gb18030",  # GB 18030 (what Chinese Windows text files often are)
    "windows-936-2000", "ibm-1386_P100-2001",  # GBK / CP936
    "ibm-1383_P110-1999",  # EUC-CN / GB 2312
    "windows-950-2000", "ibm-1373_P100-2002",  # Big5 / CP950
    "iso-8859_1-1998",
}
KEEP_DICTIONARIES = {"cjdict"}  # others come back if the break rules need them
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")


def _tool(name: str) -> str | None:
    for folder in (None, "/usr/sbin", "/usr/bin"):
        found = shutil.which(name, path=folder)
        if found:
            return found
    return None


def tools_available() -> list[str]:
    """The tools this needs that are missing (empty: ready)."""
    return [t for t in ("icupkg", "readelf", "objdump", "as", "ld") if _tool(t) is None]


def _wanted(item: str) -> bool:
    folder, _, base = item.rpartition("/")
    name, ext = os.path.splitext(base)
    if ext == ".cnv":
        return name in KEEP_CONVERTERS
    if folder in ("translit", "rbnf", "unit") or base == "unames.icu":
        return False  # transliteration, number spelling, unit names, character names
    if ext == ".dict":
        return name in KEEP_DICTIONARIES
    if ext == ".res" and _LOCALE.match(name):
        return name in KEEP_LOCALES
    return True


def _run(*cmd: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def _extract(lib: Path, work: Path) -> tuple[str, Path]:
    """Copy the data symbol's bytes out of the library: (symbol name, .dat path)."""
    symbols = _run(_tool("objdump") or "objdump", "-T", str(lib)).stdout
    found = re.search(r"^([0-9a-f]+)\s+g\s+DO\s+\.rodata\s+([0-9a-f]+)\s+(icudt\d+_dat)\s*$",
                      symbols, re.M)
    if not found:
        raise RuntimeError(f"{lib.name}: no icudtNN_dat symbol in .rodata")
    address, size, symbol = int(found.group(1), 16), int(found.group(2), 16), found.group(3)
    sections = _run(_tool("readelf") or "readelf", "-S", "-W", str(lib)).stdout
    for line in sections.splitlines():
        fields = line.split("]", 1)[-1].split()
        if len(fields) >= 5 and fields[0] == ".rodata":
            sec_addr, sec_off = int(fields[2], 16), int(fields[3], 16)
            break
    else:
        raise RuntimeError(f"{lib.name}: no .rodata section")
    data = lib.read_bytes()[sec_off + address - sec_addr: sec_off + address - sec_addr + size]
    # The package name inside the .dat (e.g. icudt73l) must match the file name for icupkg.
    dat = work / f"{symbol.removesuffix('_dat')}l.dat"
    dat.write_bytes(data)
    return symbol, dat


def _trimmed(dat: Path, work: Path) -> tuple[Path, int, int]:
    icupkg = _tool("icupkg") or "icupkg"
    items = [ln.strip() for ln in _run(icupkg, "-l", str(dat)).stdout.splitlines() if ln.strip()]
    if not items:
        raise RuntimeError("icupkg cannot read the ICU data")
    drop = {item for item in items if not _wanted(item)}
    out_dir = work / "out"
    out_dir.mkdir()
    out = out_dir / dat.name
    for _ in range(20):  # restore what kept items need; drop what needs removed items
        (work / "drop.txt").write_text("\n".join(sorted(drop)) + "\n", encoding="utf-8")
        out.unlink(missing_ok=True)
        result = _run(icupkg, "-r", str(work / "drop.txt"), str(dat), str(out))
        missing = re.findall(r"Item (\S+) depends on missing item (\S+)", result.stdout + result.stderr)
        if not missing:
            if result.returncode != 0 or not out.exists():
                raise RuntimeError(f"icupkg failed: {result.stderr.strip()}")
            return out, len(items), len(items) - len(drop)
        for needer, needed in missing:
            if _wanted(needer):
                drop.discard(needed)
            else:
                drop.add(needer)
    raise RuntimeError("icupkg: dependencies did not settle")


def _link(symbol: str, dat: Path, soname: str, work: Path) -> Path:
    asm = dat.parent / "icudata.s"  # .incbin reads relative to the working directory
    asm.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, STT_OBJECT\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f"\t.incbin \"{dat.name}\"\n"
        f"\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",%progbits\n",
        encoding="utf-8",
    )
    obj = work / "icudata.o"
    lib = work / soname
    for cmd in ([_tool("as") or "as", "-o", str(obj), asm.name],
                [_tool("ld") or "ld", "-shared", "-soname", soname, "-z", "noexecstack",
                 "-o", str(lib), str(obj)]):
        result = _run(*cmd, cwd=dat.parent)
        if result.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {result.stderr.strip()}")
    return lib


def trim(bundle: Path) -> str:
    """Replace the bundle's libicudata with a trimmed one; returns a one-line summary."""
    libs = [p for p in (bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
            if p.is_file() and not p.is_symlink()]
    if not libs:
        return "no ICU data library in the bundle (nothing to trim)"
    lib = libs[0]
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory(prefix="eduteach-icu-") as tmp:
        work = Path(tmp)
        symbol, dat = _extract(lib, work)
        small, total, kept = _trimmed(dat, work)
        new = _link(symbol, small, lib.name, work)
        shutil.copyfile(new, lib)
        os.chmod(lib, 0o755)
    after = lib.stat().st_size
    return (f"ICU data: kept {kept} of {total} items, {before / 2**20:.1f} MiB -> "
            f"{after / 2**20:.1f} MiB ({lib.name})")
