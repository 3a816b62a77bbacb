"""The ``docgen`` command line: flags → one API call → an exit code.  No logic lives here."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from docgen import cli_i18n
from docgen.cli_kind import KindName
from docgen.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    DocgenError,
    FactsError,
    Problem,
    internal_error_line,
    shown_lines,
)

if TYPE_CHECKING:
    from docgen.draft import Notice

cli_i18n.install()  # click's own messages in Chinese; before any option type is built (click.Path names its kind then)


def _echo_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for line in shown_lines(problems):
            click.echo(line, err=True)


def _echo_warnings(notices: list[Notice]) -> None:
    """One line each on stderr: ``FILE:LINE:COL: path: message [code]``."""
    for n in notices:
        click.echo(n.format(), err=True)


def _fail(exc: DocgenError) -> None:
    if isinstance(exc, FactsError):
        _echo_problems(exc.problems, "text")
        click.echo(f"共 {len(exc.problems)} 个问题。", err=True)
    else:
        click.echo(f"错误：{exc}", err=True)
    sys.exit(exc.exit_code)


def _write(path: Path, data: bytes) -> None:
    from docgen.fsutil import atomic_write, write_failure

    try:
        atomic_write(path, data)
    except OSError as exc:
        click.echo(f"错误：{write_failure(path, exc)}", err=True)
        sys.exit(EXIT_USAGE)  # an unusable output path


class _Group(click.Group):
    """Unexpected exceptions become one Chinese line and exit 4, never a traceback (DOCGEN_DEBUG=1 shows it)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except DocgenError as exc:
            _fail(exc)
        except Exception as exc:
            if os.environ.get("DOCGEN_DEBUG"):
                raise
            click.echo(internal_error_line(exc), err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def main() -> None:
    """docgen：讲话、总结、交流材料等文稿的生成工具（各领域的文种见 docgen kinds）。"""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
def validate(files: tuple[Path, ...], fmt: str) -> None:
    """校验事实文件（YAML），一次列出全部问题。"""
    from docgen.api import load_facts

    problems: list[Problem] = []
    for f in files:
        try:
            load_facts(f)
        except FactsError as exc:
            problems.extend(exc.problems)
    if fmt == "json":
        _echo_problems(problems, "json")
    else:
        _echo_problems(problems, "text")
        if problems:
            click.echo(f"共 {len(problems)} 个问题。", err=True)
        else:
            click.echo(f"全部通过：{len(files)} 个文件。")
    sys.exit(EXIT_PROBLEMS if problems else EXIT_OK)


@main.command()
@click.argument("kind", type=KindName())
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（默认输出到屏幕）"
)
@click.option("--force", is_flag=True, help="覆盖已有文件")
def init(kind: str, output: Path | None, force: bool) -> None:
    """生成某一文种的带中文注释的 YAML 骨架。"""
    from docgen.init import skeleton

    text = skeleton(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    from docgen.fsutil import guard_output

    guard_output(output, overwrite=force)
    _write(output, text.encode("utf-8"))
    click.echo(f"已写入 {output}")


@main.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（默认输出到屏幕）"
)
@click.option("--force", is_flag=True, help="覆盖已有文件")
@click.option("--domain", help="领域名（docgen kinds 列出；默认第一个领域）")
def schema(output: Path | None, force: bool, domain: str | None) -> None:
    """输出某一领域事实文件的 JSON Schema（draft 2020-12），供编辑器补全和校验。"""
    from docgen import registry
    from docgen.fsutil import guard_output
    from docgen.schema import schema_text

    names = [d.name for d in registry.domains()]
    if domain is not None and domain not in names:
        raise click.BadParameter(f"未知领域“{domain}”，可选：{'、'.join(names)}", param_hint="--domain")
    text = schema_text(domain)
    if output is None:
        click.echo(text)
    else:
        guard_output(output, overwrite=force)
        _write(output, (text + "\n").encode("utf-8"))
        click.echo(f"已写入 {output}")


@main.command()
def kinds() -> None:
    """按领域列出全部文种。"""
    from docgen import registry

    for i, d in enumerate(registry.domains()):
        if i:
            click.echo("")
        click.echo(f"{d.label}（{d.name}）")
        width = max(20, *(len(k.name) + 2 for k in d.kinds))  # a long kind name keeps a gap before its line
        for k in d.kinds:
            click.echo(f"  {k.name:<{width}}{k.description}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--domain", help="领域名（docgen kinds 列出；默认第一个领域）")
def fragments(fmt: str, domain: str | None) -> None:
    """列出某一领域的措辞片段族、变体和所需事实。"""
    from docgen import registry
    from docgen.fragments import FragmentLibrary, describe

    names = [d.name for d in registry.domains()]
    if domain is not None and domain not in names:
        raise click.BadParameter(f"未知领域“{domain}”，可选：{'、'.join(names)}", param_hint="--domain")
    try:
        rows: list[dict[str, Any]] = describe(FragmentLibrary.load(domain=domain))
    except DocgenError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        needs = "、".join(r["needs"]) or "无"
        valid = f"  有效期 {r['valid_from']}—{r['valid_to']}" if r.get("valid_from") else ""
        click.echo(
            f"{r['id']}  [{r['area']}] {r['says']}  变体：{'、'.join(r['variants'])}  需要：{needs}{valid}"
        )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件（默认：同名文件，放在当前目录；- 表示写到标准输出）",
)
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "md", "txt", "pdf"]), default="docx", help="输出格式"
)
@click.option("--mode", type=click.Choice(["final", "draft"]), default=None, help="覆盖 document.mode")
@click.option("--font-profile", type=click.Choice(["gb2312", "windows"]), default="gb2312", help="字体方案")
@click.option(
    "--template", type=click.Path(dir_okay=False, path_type=Path), default=None, help="单位自己的模板"
)
@click.option("--bold-leads", is_flag=True, help="“一是”等引领句加粗")
@click.option("--page-numbers", type=click.Choice(["center", "odd_even"]), default="center", help="页码位置")
@click.option("--strict", is_flag=True, help="有任何警告（未用上的事实、略去的分句等）时失败，不写文件")
@click.option(
    "--compare-to",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="与旧稿比较，另存修订稿 OUT.redline.docx",
)
@click.option("--annotate", is_flag=True, help="为含事实的句子加批注，注明数据来源")
def render(
    file: Path,
    output: Path | None,
    fmt: str,
    mode: str | None,
    font_profile: str,
    template: Path | None,
    bold_leads: bool,
    page_numbers: str,
    strict: bool,
    compare_to: Path | None,
    annotate: bool,
) -> None:
    """由事实文件生成文稿（Word、Markdown、纯文本，或经 LibreOffice 转成 PDF）。"""
    from docgen.api import RenderOptions, render_file
    from docgen.cli_review import redline_path
    from docgen.fsutil import guard_output

    out = output or Path(file.stem + "." + fmt)
    to_stdout = str(output) == "-"  # -o -: the document on standard output (a pipe), messages on stderr
    if to_stdout and compare_to is not None:
        click.echo(
            "错误：-o - 把文稿写到标准输出，修订稿没有可写的位置；与 --compare-to 同用时请给出文件名。",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    if not to_stdout:
        guard_output(out, (file, template, compare_to))
    if compare_to is not None:
        guard_output(redline_path(out), (file, template, compare_to, out), what="修订稿")
    options = RenderOptions(
        fmt=fmt,  # type: ignore[arg-type]
        mode=mode,  # type: ignore[arg-type]
        font_profile=font_profile,
        template=template,
        bold_leads=bold_leads,
        page_numbers=page_numbers,
        strict=strict,
        compare_to=compare_to,
        annotate=annotate,
    )
    try:
        result = render_file(file, options)
    except DocgenError as exc:
        _fail(exc)
        return
    draft = result.draft
    if result.data is None:  # --strict and warnings
        _echo_warnings(draft.notices)
        click.echo(f"--strict：有 {len(draft.notices)} 条警告，未写入文件。", err=True)
        sys.exit(EXIT_PROBLEMS)
    for line in result.report:
        click.echo(line, err=True)
    if "redline" in result.extras:
        _write(redline_path(out), result.extras["redline"])
        click.echo(f"已生成 {redline_path(out)}", err=True)
    if to_stdout:
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
    else:
        _write(out, result.data)
        click.echo(f"已生成 {out}")
    if draft.notices:
        _echo_warnings(draft.notices)
        click.echo(f"共 {len(draft.notices)} 条警告（加 --strict 时有警告即失败）。", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="输出目录（默认：当前目录）",
)
@click.option("--mode", type=click.Choice(["final", "draft"]), default=None, help="覆盖 document.mode")
@click.option("--font-profile", type=click.Choice(["gb2312", "windows"]), default="gb2312", help="字体方案")
@click.option(
    "--template", type=click.Path(dir_okay=False, path_type=Path), default=None, help="单位自己的模板"
)
@click.option("--bold-leads", is_flag=True, help="“一是”等引领句加粗")
@click.option("--page-numbers", type=click.Choice(["center", "odd_even"]), default="center", help="页码位置")
@click.option("--dpi", type=click.IntRange(30, 600), default=100, show_default=True, help="PNG 分辨率")
def preview(
    file: Path,
    outdir: Path,
    mode: str | None,
    font_profile: str,
    template: Path | None,
    bold_leads: bool,
    page_numbers: str,
    dpi: int,
) -> None:
    """经 LibreOffice 生成 PDF 和逐页 PNG 预览（FILE 为事实文件或 .docx）。"""
    from docgen.preview import preview as make_preview

    try:
        pv = make_preview(
            file,
            outdir,
            template=template,
            mode=mode,
            font_profile=font_profile,
            bold_leads=bold_leads,
            page_numbers=page_numbers,
            dpi=dpi,
        )
    except DocgenError as exc:
        _fail(exc)
        return
    for line in pv.result.report():
        click.echo(line, err=True)
    pages = f"{pv.pages[0]} … {pv.pages[-1].name}" if len(pv.pages) > 1 else "、".join(map(str, pv.pages))
    click.echo(f"已生成 {pv.pdf}（{len(pv.pages)} 页）和 PNG 预览：{pages}")
    if pv.warnings:
        _echo_warnings(list(pv.warnings))
        click.echo(f"共 {len(pv.warnings)} 条警告。", err=True)


@main.group()
def template() -> None:
    """单位自己的模板：以 templates/<文种>.docx 为底稿修改后，用 --template 使用。"""


@template.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
def template_check(file: Path, fmt: str) -> None:
    """检查模板：样式、Jinja 标签、页面设置，并试渲染；一次列出全部问题。"""
    from dataclasses import asdict

    from docgen.template_check import check_template, summary

    findings = check_template(file)
    errors = any(f.severity == "error" for f in findings)
    if fmt == "json":
        click.echo(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(f.format(str(file)), err=True)
        click.echo(summary(findings), err=errors)
    sys.exit(EXIT_PROBLEMS if errors else EXIT_OK)


def run() -> None:
    """The console entry point: ``main`` with the interpreter's start and end trimmed for a short-lived process.

    Garbage collection is off while a short command runs (a render allocates much and frees little; ``serve``
    and ``batch`` keep it), and once the command has exited, its exit handlers have run and stdout/stderr are
    flushed, the process ends with ``os._exit`` instead of tearing down every module and collecting the whole
    heap.  Every output was already written (atomically) and closed.  An uncaught exception exits normally.
    """
    import atexit
    import gc

    if not {"serve", "batch"} & set(sys.argv[1:2]):  # long-running commands keep the collector
        gc.disable()
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    run()

from docgen.cli_review import register  # noqa: E402

register(main)

from docgen.cli_service import register as register_service  # noqa: E402

register_service(main)

from docgen.cli_batch import register as register_batch  # noqa: E402

register_batch(main)
