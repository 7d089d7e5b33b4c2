"""PPT/PPTX/DOC/DOCX → PDF with LibreOffice in headless mode; PDFs are checked before use."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from eduteach_protocol.cli_i18n import L_

from .media import MediaError, Outcome, ToolMissing

SOFFICE_INSTALL = (
    "install LibreOffice (Debian/UOS/Kylin: apt-get install libreoffice-impress-nogui "
    "libreoffice-writer-nogui; Windows: install LibreOffice and put soffice.exe on PATH)"
)
CONVERT_TIMEOUT = 600


def find_soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ToolMissing(f"LibreOffice (soffice) not found: {SOFFICE_INSTALL}")
    return found


def check_pdf(path: Path) -> None:
    """Refuse what is plainly not a whole PDF: no header, or cut off before its trailer.

    A structural check only: the hub does not carry a PDF renderer (pypdfium2 is the app's),
    and the player on the PC shows a clear message for a PDF it cannot draw."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise MediaError(L_("is not a PDF"))
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise MediaError(L_("is a damaged or truncated PDF (its end is missing)"))


def prepare_document(soffice: str | None, src: Path, work: Path, stem: str) -> Outcome:
    ext = src.suffix.lower().lstrip(".")
    dst = work / f"{stem}.pdf"
    if ext == "pdf":
        shutil.copyfile(src, dst)
        check_pdf(dst)
        return Outcome(dst, "copied unchanged", 0.0)
    if soffice is None:
        raise ToolMissing(f"LibreOffice (soffice) not found: {SOFFICE_INSTALL}")
    # One profile per conversion: LibreOffice refuses to run twice on one profile, and the
    # importer converts several documents at once.
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        # A plain ASCII input name: soffice mangles some non-ASCII names on some locales.
        plain = Path(tmp) / f"document.{ext}"
        shutil.copyfile(src, plain)
        try:
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), str(plain)],
                capture_output=True, timeout=CONVERT_TIMEOUT, check=False, stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise MediaError(L_("LibreOffice did not finish converting it to PDF (damaged?)")) from None
        made = outdir / "document.pdf"
        if proc.returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            raise MediaError(L_("could not be converted to PDF ({ext} damaged or not an office document)", ext=ext.upper()))
        shutil.move(str(made), dst)
    check_pdf(dst)
    return Outcome(dst, f"converted {ext.upper()} to PDF", 0.0)
