"""The public pipeline: facts file → Facts → Draft → bytes.  The CLI and the service call only these."""

from __future__ import annotations

from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from docgen.compose import PointsMismatch, compose
from docgen.draft import Draft, Notice
from docgen.errors import FactsError, Problem, RenderError, os_reason
from docgen.fastload import load_fast, load_fast_text
from docgen.fragments import FragmentLibrary
from docgen.load import Loaded, load_yaml_text, parse_loc
from docgen.model.basefacts import BaseFacts
from docgen.model.validate import validate_loaded

if TYPE_CHECKING:
    from docgen.quality import QualityRule
    from docgen.render.pdf import PdfResult
    from docgen.review.check import CheckResult
    from docgen.review.diff import DiffResult

Format = Literal["docx", "md", "txt", "pdf", "html"]
Mode = Literal["final", "draft"]


def domain_library(domain: str) -> FragmentLibrary:
    """The fragment library of ``domain`` (loaded once per process): what validation's library step reads."""
    return FragmentLibrary.load(domain=domain)


def validate_facts(loaded: Loaded) -> BaseFacts:
    """Validate loaded facts with every check, the fragment library's included (:func:`domain_library`)."""
    return validate_loaded(loaded, libraries=domain_library)


def load_facts(path: str | PathLike[str]) -> BaseFacts:
    """Read and validate a facts file; :class:`FactsError` lists every problem with its line and column."""
    return validate_facts(load_fast(path))


def compose_loaded(loaded: Loaded, *, mode: Mode | None = None) -> Draft:
    facts = validate_facts(loaded)
    if mode is not None:
        facts.document.mode = mode
    try:
        draft = compose(facts)
    except PointsMismatch as exc:
        line, col = loaded.source.locate(("document", "points_count"))
        raise FactsError(
            [
                Problem(
                    loaded.file,
                    line,
                    col,
                    "document.points_count",
                    "points-mismatch",
                    f"“我讲{exc.declared}点意见”与实际的一级标题数 {exc.actual} 不一致：改为 auto，或改为 {exc.actual}",
                )
            ]
        ) from None
    draft.notices.extend(quality_notices(draft, facts))
    draft.notices[:] = locate_notices(draft.notices, loaded)
    return draft


def locate_notices(notices: list[Notice], loaded: Loaded) -> list[Notice]:
    """The warnings of a draft, each with the file, line and column of its (first) path, sorted by position;
    exact repeats dropped.  ``draft.notices`` is the one counted list every composer and checker appends to."""
    out: dict[tuple[str, str, str], Notice] = {}
    for n in notices:
        first = n.path.split("、", 1)[0]
        line, col = loaded.source.locate(parse_loc(first), prefer_key=True) if first else (1, 1)
        out.setdefault((n.code, n.path, n.message), replace(n, file=loaded.file, line=line, col=col))
    return sorted(out.values(), key=lambda n: (n.line, n.col))


def quality_rules(facts: BaseFacts) -> tuple[QualityRule, ...]:
    """The checks of the composed text that the document's domain adds (``DomainSpec.quality_rules``)."""
    from docgen import registry

    ref = registry.domain_of(facts.document.kind).quality_rules
    return (registry.load_object(ref),) if ref else ()


def quality_notices(draft: Draft, facts: BaseFacts) -> list[Notice]:
    """The text-seam checker's findings on a composed draft (the domain's own checks included), as counted
    warnings (``quality-*`` codes)."""
    from docgen.quality import check_draft, notices

    data = facts.model_dump(mode="json", exclude_none=True)
    return notices(check_draft(draft, mode=facts.document.mode, data=data, rules=quality_rules(facts)))


def compose_file(path: str | PathLike[str], *, mode: Mode | None = None) -> Draft:
    """Load, validate and compose one facts file."""
    return compose_loaded(load_fast(path), mode=mode)


def render_draft(
    draft: Draft,
    fmt: Format = "docx",
    *,
    template: str | PathLike[str] | None = None,
    font_profile: str = "gb2312",
    bold_leads: bool = False,
    page_numbers: str = "center",
) -> bytes:
    """Render a composed draft to the bytes of the requested format."""
    if fmt == "txt":
        from docgen.render.text import render_text

        return render_text(draft).encode("utf-8")
    if fmt == "md":
        from docgen.render.text import render_markdown

        return render_markdown(draft).encode("utf-8")
    if fmt == "html":
        from docgen.render.html import render_html

        return render_html(draft).encode("utf-8")
    if fmt == "docx":
        from docgen.render.docx import render_docx

        if template is not None:  # a house template: what `docgen template check` rejects is not used
            from docgen.template_check import require_usable

            require_usable(Path(template))

        return render_docx(
            draft,
            Path(template) if template is not None else None,
            font_profile=font_profile,
            bold_leads=bold_leads,
            page_numbers=page_numbers,
        )
    if fmt == "pdf":
        return render_pdf(
            draft,
            template=template,
            font_profile=font_profile,
            bold_leads=bold_leads,
            page_numbers=page_numbers,
        ).pdf
    raise RenderError(f"不支持的输出格式：{fmt}")


def render_pdf(
    draft: Draft,
    *,
    template: str | PathLike[str] | None = None,
    font_profile: str = "gb2312",
    bold_leads: bool = False,
    page_numbers: str = "center",
    timeout: float | None = None,
) -> PdfResult:
    """Render to .docx, then to PDF through LibreOffice (``soffice --headless``).  The result also says
    which fonts stood in for the official ones; :class:`RenderError` with an install hint without LibreOffice."""
    from docgen.render.pdf import docx_to_pdf

    data = render_draft(
        draft,
        "docx",
        template=template,
        font_profile=font_profile,
        bold_leads=bold_leads,
        page_numbers=page_numbers,
    )
    return docx_to_pdf(data, timeout=timeout)


# -- text in, results out: the service and batch use these (no file on disk) ------------------------------


@dataclass
class Validation:
    """The outcome of validating facts text: problems (empty when valid) and the composer's warnings."""

    problems: list[Problem]
    warnings: list[Notice]
    draft: Draft | None

    @property
    def valid(self) -> bool:
        return not self.problems


def compose_text(text: str | bytes, *, file: str = "<facts>", mode: Mode | None = None) -> Draft:
    """Load, validate and compose facts given as text (UTF-8 bytes or str); same errors as :func:`compose_file`."""
    return compose_loaded(load_fast_text(text, file), mode=mode)


def validate_text(text: str | bytes, *, file: str = "<facts>") -> Validation:
    """Validate facts text and compose it, collecting every problem and every warning (never raises
    :class:`FactsError`)."""
    try:
        draft = compose_text(text, file=file)
    except FactsError as exc:
        return Validation(exc.problems, [], None)
    return Validation([], list(draft.notices), draft)


@dataclass
class DiffOutput:
    """``docgen diff`` as data: the comparison, and the HTML report and redline .docx when asked for."""

    result: DiffResult
    html: str | None = None
    redline: bytes | None = None


def diff_bytes(
    old: bytes,
    new: bytes,
    *,
    old_label: str = "旧稿",
    new_label: str = "新稿",
    accept_changes: bool = False,
    html: bool = False,
    redline: bool = False,
    report_names: tuple[str, str] | None = None,
) -> DiffOutput:
    """Compare two .docx files given as bytes (the review module's guards against zip bombs and XML entities
    apply); :class:`~docgen.review.extract.ReviewError` on unusable input.  ``report_names`` are the names the
    HTML report shows for the two drafts (default: the labels).  ``docgen diff`` and the service call this."""
    from docgen.review.diff import compare_docx
    from docgen.review.redline import redline as make_redline
    from docgen.review.report import to_html

    cmp = compare_docx(old, new, old_label=old_label, new_label=new_label, accept_changes=accept_changes)
    out = DiffOutput(cmp.result)
    if html:
        shown_old, shown_new = report_names or (old_label, new_label)
        out.html = to_html(cmp.result, old=shown_old, new=shown_new)
    if redline:
        out.redline = make_redline(cmp)
    return out


def check_bytes(docx: bytes, facts_text: str | bytes, *, facts_file: str = "<facts>", label: str = "文稿") -> CheckResult:
    """``docgen check`` as data: numbers in an edited .docx checked against facts text (``docgen check`` and the
    service call this)."""
    from docgen.review.check import check_draft

    loaded = load_yaml_text(facts_text, facts_file)
    model = validate_facts(loaded)
    return check_draft(docx, model, source=loaded.source, label=label)


# -- one call per command: files in, data out (the CLI, the batch command and the service share these) ------


def read_input(path: str | PathLike[str], what: str) -> bytes:
    """The bytes of an input .docx; :class:`UsageError` (in Chinese, naming ``what``) when it is missing, not a
    regular file, over the review size limit, or unreadable."""
    from docgen.errors import UsageError
    from docgen.review.extract import MAX_INPUT

    p = Path(path)
    try:
        if not p.is_file():
            raise UsageError(f"找不到{what}：{p}" if not p.exists() else f"{what}不是普通文件：{p}")
        if p.stat().st_size > MAX_INPUT:
            raise UsageError(f"{what} {p} 过大（超过 {MAX_INPUT // 1024 // 1024} MB）")
        return p.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取{what} {p}（{os_reason(exc)}）") from None


@dataclass(frozen=True)
class RenderOptions:
    """How ``docgen render`` renders (each field is one of its flags)."""

    fmt: Format = "docx"
    mode: Mode | None = None
    font_profile: str = "gb2312"
    template: Path | None = None
    bold_leads: bool = False
    page_numbers: str = "center"
    strict: bool = False  # any warning: refuse (``data`` is None)
    compare_to: Path | None = None  # an earlier .docx: ``extras["redline"]`` is the redline against it
    annotate: bool = False  # source comments on the sentences that carry facts (.docx only)


@dataclass
class RenderResult:
    """The rendered document (None when ``strict`` refused it), extra outputs, the draft and its warnings."""

    data: bytes | None
    draft: Draft
    extras: dict[str, bytes]
    report: list[str]  # the PDF conversion's notes (fonts substituted…)

    @property
    def warnings(self) -> list[Notice]:
        return self.draft.notices

    @property
    def refused(self) -> bool:
        return self.data is None


def _check_options(o: RenderOptions) -> None:
    from docgen.errors import UsageError

    if (o.annotate or o.compare_to is not None) and o.fmt != "docx":
        raise UsageError("--annotate 和 --compare-to 只适用于 Word 输出（--format docx）")


def render_file(path: str | PathLike[str], options: RenderOptions = RenderOptions()) -> RenderResult:
    """``docgen render`` as data: load, validate, compose and render one facts file.  Raises
    :class:`DocgenError` (FactsError, RenderError, UsageError) with a Chinese message."""
    _check_options(options)
    return render_loaded(load_fast(path), options)


def render_loaded(loaded: Loaded, options: RenderOptions = RenderOptions()) -> RenderResult:
    """:func:`render_file` for facts already loaded (a mail-merge row, facts given as text): validate,
    compose and render.  ``docgen render`` and ``docgen batch`` make every document through these two."""
    o = options
    _check_options(o)
    draft = compose_loaded(loaded, mode=o.mode)
    if o.strict and draft.notices:
        return RenderResult(None, draft, {}, [])
    report: list[str] = []
    if o.fmt == "pdf":
        pdf = render_pdf(
            draft,
            template=o.template,
            font_profile=o.font_profile,
            bold_leads=o.bold_leads,
            page_numbers=o.page_numbers,
        )
        data, report = pdf.pdf, list(pdf.report())
    else:
        data = render_draft(
            draft,
            o.fmt,
            template=o.template,
            font_profile=o.font_profile,
            bold_leads=o.bold_leads,
            page_numbers=o.page_numbers,
        )
    extras: dict[str, bytes] = {}
    if o.annotate:
        from docgen.review.annotate import annotate_docx

        data = annotate_docx(data, draft)
    if o.compare_to is not None:
        from docgen.review.redline import redline_docx

        old = read_input(o.compare_to, "对比稿")
        extras["redline"] = redline_docx(old, data, old_label=f"对比稿 {o.compare_to}", new_label="新生成的文稿")
    return RenderResult(data, draft, extras, report)


@dataclass(frozen=True)
class DiffOptions:
    """How ``docgen diff`` compares (its flags)."""

    accept_changes: bool = False
    html: bool = False  # also the HTML report
    redline: bool = False  # also the redline .docx


def diff_files(
    old: str | PathLike[str], new: str | PathLike[str], options: DiffOptions = DiffOptions()
) -> DiffOutput:
    """``docgen diff`` as data: two .docx files compared (:func:`diff_bytes` on their bytes)."""
    return diff_bytes(
        read_input(old, "旧稿"),
        read_input(new, "新稿"),
        old_label=f"旧稿 {old}",
        new_label=f"新稿 {new}",
        accept_changes=options.accept_changes,
        html=options.html,
        redline=options.redline,
        report_names=(str(old), str(new)),
    )


def check_file(draft: str | PathLike[str], facts: str | PathLike[str]) -> CheckResult:
    """``docgen check`` as data: the numbers of a .docx checked against a facts file (:func:`check_bytes`)."""
    from docgen.load import read_facts_bytes

    data = read_input(draft, "文稿")
    return check_bytes(data, read_facts_bytes(Path(facts)), facts_file=str(facts), label=f"文稿 {draft}")
