"""Office tests: every example rendered to .docx, converted once per session by LibreOffice (PDF, and a
.docx round trip), read back with pdfplumber.

Every test module here carries ``pytestmark = pytest.mark.office``.  Without LibreOffice (``soffice``) the
tests are skipped, unless ``DOCGEN_REQUIRE_OFFICE=1`` (set by
``.ci/run``): then a missing LibreOffice or poppler-utils fails them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.api import compose_file, load_facts, render_draft
from docgen.draft import Draft
from docgen.render.pdf import FontUse, convert, find_soffice, font_report, requested_fonts

from .measure import Page, read_pdf

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))
EXAMPLE_IDS = [p.stem for p in EXAMPLES]
WORKERS = 2  # LibreOffice processes at once (CI machines have 2 cores)


@dataclass
class Converted:
    name: str
    kind: str
    draft: Draft
    docx: Path
    pdf: Path
    roundtrip: Path  # the .docx opened and saved again as .docx by LibreOffice
    pages: list[Page]


@pytest.fixture(scope="session")
def office() -> str:
    """The LibreOffice program; skip (or fail under DOCGEN_REQUIRE_OFFICE=1) without it or poppler-utils."""
    soffice = find_soffice()
    missing = [
        name for name, ok in (("LibreOffice", soffice), ("pdftoppm", shutil.which("pdftoppm"))) if not ok
    ]
    if missing:
        message = f"{' and '.join(missing)} not installed"
        if os.environ.get("DOCGEN_REQUIRE_OFFICE") == "1":
            pytest.fail(f"DOCGEN_REQUIRE_OFFICE=1 but {message}")
        pytest.skip(message)
    assert soffice is not None
    return soffice


def _batches(paths: list[Path], n: int) -> list[list[Path]]:
    return [b for b in (paths[i::n] for i in range(n)) if b]


@pytest.fixture(scope="session")
def converted(office: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted | str]:
    """Example stem → its conversion, or the reason it was skipped (a kind with no composer yet)."""
    root = tmp_path_factory.mktemp("office")
    out: dict[str, Converted | str] = {}
    drafts: dict[str, tuple[str, Draft, Path]] = {}
    for path in EXAMPLES:
        kind: str = load_facts(path).document.kind
        draft = compose_file(path)
        docx = root / "docx" / f"{path.stem}.docx"
        docx.parent.mkdir(exist_ok=True)
        docx.write_bytes(render_draft(draft, "docx"))
        drafts[path.stem] = (kind, draft, docx)
    sources = [d for _, _, d in drafts.values()]
    jobs = [(b, root / f"pdf{i}", "pdf") for i, b in enumerate(_batches(sources, WORKERS))]
    jobs += [(b, root / f"rt{i}", "docx:MS Word 2007 XML") for i, b in enumerate(_batches(sources, WORKERS))]
    made: dict[tuple[Path, str], Path] = {}  # (source .docx, output suffix) → output
    with ThreadPoolExecutor(WORKERS) as pool:
        for (batch, _, _), outputs in pool.map(lambda job: (job, convert(*job)), jobs):
            made.update({(src, o.suffix): o for src, o in zip(batch, outputs, strict=True)})
    for stem, (kind_, draft, docx) in drafts.items():
        pdf = made[(docx, ".pdf")]
        out[stem] = Converted(stem, kind_, draft, docx, pdf, made[(docx, ".docx")], read_pdf(pdf))
    return out


@pytest.fixture(params=EXAMPLE_IDS)
def example(request: pytest.FixtureRequest, converted: dict[str, Converted | str]) -> Converted:
    got = converted[request.param]
    if isinstance(got, str):
        pytest.skip(got)
    return got


@pytest.fixture(scope="session")
def fonts(converted: dict[str, Converted | str]) -> dict[str, FontUse]:
    """Requested font name → what stood in for it (the same for every example: one style sheet)."""
    names: set[str] = set()
    for c in converted.values():
        if not isinstance(c, str):
            names.update(requested_fonts(c.docx.read_bytes()))
    return {f.requested: f for f in font_report(names)}


@pytest.fixture(scope="session")
def city(converted: dict[str, Converted | str]) -> Iterator[Converted]:
    got = converted.get("city_leadership_speech")
    if not isinstance(got, Converted):
        pytest.skip("the city example did not convert")
    yield got
