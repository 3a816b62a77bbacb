"""``docgen preview``: a facts file (or a .docx) → PDF and one PNG per page, through LibreOffice.

The PDF comes from :func:`docgen.render.pdf.docx_to_pdf` (free stand-in fonts, reported); the PNG pages from
poppler's ``pdftoppm``.  Output names: ``DIR/<stem>.pdf`` and ``DIR/<stem>-<n>.png`` (``n`` zero-padded as
pdftoppm does when there are ten pages or more); PNG pages left by an earlier preview of the same stem are
removed first, so the directory always shows one document.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import RenderError
from docgen.render.pdf import POPPLER_HINT, PdfResult, docx_to_pdf, require_soffice

__all__ = ["DEFAULT_DPI", "Preview", "pdf_to_png", "preview"]

DEFAULT_DPI = 100


@dataclass(frozen=True)
class Preview:
    """Where the preview went, and the font report of the conversion."""

    pdf: Path
    pages: tuple[Path, ...]
    result: PdfResult


def pdf_to_png(pdf: Path, outdir: Path, stem: str, *, dpi: int = DEFAULT_DPI) -> tuple[Path, ...]:
    """Render every page of ``pdf`` to ``outdir/<stem>-<n>.png`` with pdftoppm; the paths in page order."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RenderError(POPPLER_HINT)
    own = re.compile(re.escape(stem) + r"-\d+\.png")
    for old in outdir.glob(f"{stem}-*.png"):
        if own.fullmatch(old.name):
            old.unlink()
    with tempfile.TemporaryDirectory(prefix="docgen-png-") as tmp:
        try:
            subprocess.run(
                [exe, "-r", str(dpi), "-png", str(pdf), os.path.join(tmp, "p")],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise RenderError(f"pdftoppm 无法生成 PNG 预览：{exc}") from exc
        made = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        pages = []
        for page in made:
            target = outdir / f"{stem}-{page.stem.rsplit('-', 1)[1]}.png"
            shutil.move(str(page), target)
            pages.append(target)
    return tuple(pages)


def preview(
    source: str | os.PathLike[str],
    outdir: str | os.PathLike[str] = ".",
    *,
    template: str | os.PathLike[str] | None = None,
    mode: str | None = None,
    font_profile: str = "gb2312",
    bold_leads: bool = False,
    page_numbers: str = "center",
    dpi: int = DEFAULT_DPI,
    timeout: float | None = None,
) -> Preview:
    """Make ``<stem>.pdf`` and ``<stem>-<n>.png`` in ``outdir`` from a facts file or a .docx.

    Raises :class:`~docgen.errors.FactsError` for a bad facts file and :class:`RenderError` (Chinese
    message; install hints when LibreOffice or poppler-utils is missing) for everything else.
    """
    src = Path(source)
    out = Path(outdir)
    require_soffice()
    if shutil.which("pdftoppm") is None:
        raise RenderError(POPPLER_HINT)
    if src.suffix.lower() == ".docx":
        try:
            data = src.read_bytes()
        except OSError as exc:
            raise RenderError(f"无法读取 {src}（{exc.strerror or exc}）") from None
    else:
        from docgen.api import compose_file, render_draft

        draft = compose_file(src, mode=mode)  # type: ignore[arg-type]
        data = render_draft(
            draft,
            "docx",
            template=template,
            font_profile=font_profile,
            bold_leads=bold_leads,
            page_numbers=page_numbers,
        )
    result = docx_to_pdf(data, timeout=timeout)
    try:
        out.mkdir(parents=True, exist_ok=True)
        from docgen.fsutil import atomic_write

        pdf = out / f"{src.stem}.pdf"
        atomic_write(pdf, result.pdf)
        pages = pdf_to_png(pdf, out, src.stem, dpi=dpi)
    except OSError as exc:
        raise RenderError(f"无法写入 {out}（{exc.strerror or exc}）") from None
    return Preview(pdf, pages, result)
