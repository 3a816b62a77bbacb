"""``docgen preview``: a facts file (or a .docx) → PDF and one PNG per page, through LibreOffice.

The PDF comes from :func:`docgen.render.pdf.docx_to_pdf` (free stand-in fonts, reported); the PNG pages from
poppler's ``pdftoppm``.  Output names: ``DIR/<stem>.pdf`` and ``DIR/<stem>-<n>.png`` (``n`` zero-padded as
pdftoppm does when there are ten pages or more).

Only files this command wrote are ever replaced or removed: ``DIR/.docgen-preview.json`` (the manifest) records
each file it wrote with its SHA-256.  PNG pages of an earlier preview of the same stem are removed when they are
in the manifest and unchanged; a file in the way that docgen did not write (a user's ``报告-2024.png``), or that
was edited since, is never touched: the preview stops before writing anything and says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docgen.draft import Notice
from docgen.errors import RenderError, os_reason
from docgen.fsutil import OutputRefused, atomic_write, guard_output
from docgen.render.pdf import POPPLER_HINT, PdfResult, docx_to_pdf, require_soffice

__all__ = ["DEFAULT_DPI", "MANIFEST", "Preview", "pdf_to_png", "preview"]

DEFAULT_DPI = 100
MANIFEST = ".docgen-preview.json"


@dataclass(frozen=True)
class Preview:
    """Where the preview went, and the font report of the conversion."""

    pdf: Path
    pages: tuple[Path, ...]
    result: PdfResult
    warnings: tuple[Notice, ...] = ()  # the composed draft's counted warnings (none for a .docx source)


def pdf_to_png(pdf: bytes, *, dpi: int = DEFAULT_DPI) -> list[tuple[str, bytes]]:
    """Every page of ``pdf`` as PNG bytes with pdftoppm: ``(page label, bytes)`` in page order (the label is
    pdftoppm's, zero-padded when there are ten pages or more)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RenderError(POPPLER_HINT)
    with tempfile.TemporaryDirectory(prefix="docgen-png-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        try:
            subprocess.run(
                [exe, "-r", str(dpi), "-png", str(src), os.path.join(tmp, "p")],
                check=True,
                capture_output=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise RenderError(f"pdftoppm 无法生成 PNG 预览：{exc}") from exc
        made = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [(page.stem.rsplit("-", 1)[1], page.read_bytes()) for page in made]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(outdir: Path) -> dict[str, str]:
    try:
        raw = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str) and "/" not in k}


def _ours(path: Path, manifest: dict[str, str]) -> bool:
    """True when ``path`` is a regular file this command wrote and nobody changed since."""
    want = manifest.get(path.name)
    if want is None or path.is_symlink() or not path.is_file():
        return False
    try:
        return _sha(path.read_bytes()) == want
    except OSError:
        return False


def _publish(outdir: Path, stem: str, files: list[tuple[str, bytes]], inputs: Iterable[Path | None]) -> None:
    """Write ``files`` into ``outdir``, replacing only what the manifest says this command wrote; remove the
    earlier preview's pages of ``stem`` that are no longer produced.  Refuses before writing anything."""
    manifest = _read_manifest(outdir)
    names = {name for name, _ in files}
    inputs = tuple(inputs)
    for name, _ in files:
        target = outdir / name
        guard_output(target, inputs, what="预览文件")
        if (target.exists() or target.is_symlink()) and not _ours(target, manifest):
            raise OutputRefused(
                f"预览目录中已有“{target}”，它不是 docgen preview 生成的（或生成后被改动过）；"
                "docgen 不会覆盖它。请用 -o 指定另一个目录，或先移走这个文件"
            )
    own = re.compile(re.escape(stem) + r"-\d+\.png")
    for old in sorted(outdir.glob(f"{_glob_escape(stem)}-*.png")):
        if own.fullmatch(old.name) and old.name not in names and _ours(old, manifest):
            with contextlib.suppress(OSError):
                old.unlink()
            manifest.pop(old.name, None)
    for name, data in files:
        atomic_write(outdir / name, data)
        manifest[name] = _sha(data)
    manifest = {k: v for k, v in manifest.items() if (outdir / k).is_file()}
    text = json.dumps({"files": dict(sorted(manifest.items()))}, ensure_ascii=False, indent=1)
    atomic_write(outdir / MANIFEST, (text + "\n").encode("utf-8"))


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _read_docx(src: Path) -> bytes:
    """A .docx to preview, with the limits every .docx docgen opens has (size, zip bomb, XML work)."""
    from docgen.render.finalize import read_parts
    from docgen.review.extract import MAX_INPUT

    try:
        if src.stat().st_size > MAX_INPUT:
            raise RenderError(f"{src} 过大（超过 {MAX_INPUT // 1024 // 1024} MB），不像是一份文稿")
        data = src.read_bytes()
    except OSError as exc:
        raise RenderError(f"无法读取 {src}（{os_reason(exc)}）") from None
    try:
        read_parts(data)
    except RenderError as exc:
        raise RenderError(f"{src}：{exc}") from None
    return data


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
    warnings: tuple[Notice, ...] = ()
    if src.suffix.lower() == ".docx":
        data = _read_docx(src)
    else:
        from docgen.api import compose_file, render_draft

        draft = compose_file(src, mode=mode)  # type: ignore[arg-type]
        warnings = tuple(draft.notices)
        data = render_draft(
            draft,
            "docx",
            template=template,
            font_profile=font_profile,
            bold_leads=bold_leads,
            page_numbers=page_numbers,
        )
    require_soffice()
    if shutil.which("pdftoppm") is None:
        raise RenderError(POPPLER_HINT)
    result = docx_to_pdf(data, timeout=timeout)
    pngs = pdf_to_png(result.pdf, dpi=dpi)
    stem = src.stem
    files = [(f"{stem}.pdf", result.pdf)] + [(f"{stem}-{label}.png", png) for label, png in pngs]
    try:
        out.mkdir(parents=True, exist_ok=True)
        _publish(out, stem, files, (src, Path(template) if template is not None else None))
    except OSError as exc:
        raise RenderError(f"无法写入 {out}（{os_reason(exc)}）") from None
    return Preview(out / files[0][0], tuple(out / name for name, _ in files[1:]), result, warnings)
