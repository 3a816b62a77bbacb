"""The data of a batch: its options, one job per document, the outcome of each and the result of the run."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from docgen.api import RenderOptions

Status = Literal["rendered", "skipped", "failed"]
Format = Literal["docx", "md", "txt", "pdf"]


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    fmt: Format = "docx"
    mode: Literal["final", "draft"] | None = None
    jobs: int = 0  # 0: the number of cores
    template: Path | None = None
    font_profile: str = "gb2312"
    bold_leads: bool = False
    page_numbers: str = "center"
    force: bool = False  # render even what the manifest says is up to date
    pdf_chunk: int = 50  # documents per LibreOffice start

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)

    def render_options(self) -> RenderOptions:
        """The options of ``docgen render`` each document is made with (PDF: the workers make .docx, which
        :mod:`docgen.batch.pdf` converts many at a time)."""
        from docgen.api import RenderOptions

        return RenderOptions(
            fmt="docx" if self.fmt == "pdf" else self.fmt,
            mode=self.mode,
            font_profile=self.font_profile,
            template=self.template,
            bold_leads=self.bold_leads,
            page_numbers=self.page_numbers,
        )

    def fingerprint(self) -> str:
        """What, besides the input, decides the output bytes."""
        from docgen import __version__
        from docgen.batch.fingerprint import code_fingerprint

        template = hashlib.sha256(self.template.read_bytes()).hexdigest() if self.template else ""
        parts = [__version__, self.fmt, self.mode or "", template, self.font_profile]
        parts += [str(self.bold_leads), self.page_numbers, code_fingerprint()]
        return "\x00".join(parts)


@dataclass(frozen=True)
class Job:
    """One document to make.  ``path`` is a facts file or a workbook; ``data`` (mail merge) is a ready
    mapping, with ``cells`` mapping its facts paths to workbook cells for messages."""

    label: str  # the input as the user knows it: a path, or "units.xlsx 第 3 行"
    name: str  # output file name in OUTDIR
    path: Path | None = None
    data: dict[str, Any] | None = None
    base: Path | None = None  # mail merge: the shared facts file the row was merged into
    cells: dict[str, str] = field(default_factory=dict)
    key: str = ""  # SHA-256 of the inputs and options; empty when the input cannot be read
    errors: tuple[str, ...] = ()  # problems found while planning (a bad cell in a mail-merge row)


@dataclass
class Outcome:
    label: str
    output: str  # the output's name in OUTDIR ("" when nothing was written)
    status: Status
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sha256: str = ""  # of the output written (the worker hashes what it wrote; PDFs are hashed when recorded)
    size: int = 0
    worker: int = 0  # process id of the worker that made it
    rss: int = 0  # that worker's resident memory (bytes) just after it


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(o.status != "failed" for o in self.outcomes)

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)
