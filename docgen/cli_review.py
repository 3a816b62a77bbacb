"""The review commands: ``docgen diff`` and ``docgen check`` (registered on the main group by
:func:`register`), and the helper behind ``docgen render --compare-to/--annotate``.  No logic lives here: diff
and check are thin clients of :func:`docgen.api.diff_bytes` and :func:`docgen.api.check_bytes`, the calls the
service makes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docgen.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    DocgenError,
    FactsError,
    shown_lines,
)
from docgen.fsutil import guard_output, write_failure

__all__ = ["check", "diff", "redline_path", "register"]


def _die(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def _write(path: Path, data: bytes) -> None:
    from docgen.fsutil import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        _die(write_failure(path, exc), EXIT_USAGE)


@click.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="另存 HTML 报告")
@click.option(
    "--redline",
    "redline_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="另存修订稿：新稿的副本，差异为 Word 修订标记",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
@click.option(
    "--accept-changes",
    is_flag=True,
    help="输入稿已有修订标记时，按“接受全部修订”后的文字比较（默认拒绝处理）",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", help="终端颜色（默认自动）"
)
def diff(
    old: Path,
    new: Path,
    html_out: Path | None,
    redline_out: Path | None,
    fmt: str,
    accept_changes: bool,
    color: str,
) -> None:
    """比较两份 .docx 文稿：0 相同，1 有差异，2 用法错误或文件无法读取。"""
    from docgen.api import DiffOptions, diff_files
    from docgen.review.report import styled_runs, to_json, to_plain

    if html_out is not None:
        guard_output(html_out, (old, new), what="HTML 报告")
    if redline_out is not None:
        guard_output(redline_out, (old, new, html_out), what="修订稿")
    options = DiffOptions(accept_changes=accept_changes, html=html_out is not None, redline=redline_out is not None)
    try:
        out = diff_files(old, new, options)
    except DocgenError as exc:
        _die(str(exc), exc.exit_code)
        return
    result = out.result
    if html_out is not None and out.html is not None:
        _write(html_out, out.html.encode("utf-8"))
        click.echo(f"已写入 {html_out}", err=True)
    if redline_out is not None and out.redline is not None:
        _write(redline_out, out.redline)
        click.echo(f"已写入 {redline_out}", err=True)
    if fmt == "json":
        click.echo(to_json(result, old=str(old), new=str(new)), nl=False)
    elif result.identical:
        click.echo("两稿文字相同。", err=True)
    else:
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True, force_terminal=True if color == "always" else None)
        if color == "never" or console.color_system is None:
            click.echo(to_plain(result), nl=False)
        else:
            text = Text()
            for run, style in styled_runs(result):
                text.append(run, style=style)
            console.print(text, end="")
    sys.exit(EXIT_OK if result.identical else EXIT_PROBLEMS)


@click.command()
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("facts", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
def check(draft: Path, facts: Path, fmt: str) -> None:
    """核对文稿（.docx）中的数字与事实文件是否一致：0 一致，1 有问题，2 文件无法读取。"""
    import json

    from docgen.api import check_file

    try:
        result = check_file(draft, facts)
    except FactsError as exc:
        for line in shown_lines(exc.problems):
            click.echo(line, err=True)
        _die(f"事实文件 {facts} 有 {len(exc.problems)} 个问题，无法核对")
        return
    except DocgenError as exc:
        _die(str(exc), EXIT_USAGE)
        return
    if fmt == "json":
        out = {"draft": str(draft), "facts": str(facts), **result.as_dict()}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for f in result.findings:
            if f.code == "fact-not-stated":
                click.echo(f"{facts}:{f.line}:{f.col}: {f.path}: {f.message} [{f.code}]")
            else:
                click.echo(f"{draft}:正文第{f.paragraph}段: {f.message} [{f.code}]")
        if result.clean:
            click.echo(
                f"核对通过：{result.numbers_checked} 个数字都有事实依据，应写的事实都在文稿中。", err=True
            )
        else:
            click.echo(
                f"共 {len(result.findings)} 处问题（核对数字 {result.numbers_checked} 个）。", err=True
            )
    sys.exit(EXIT_OK if result.clean else EXIT_PROBLEMS)


def redline_path(out: Path) -> Path:
    """``new.docx`` → ``new.redline.docx``."""
    return out.with_suffix(".redline.docx")


def register(main: click.Group) -> None:
    """Add ``diff`` and ``check`` to the ``docgen`` group."""
    main.add_command(diff)
    main.add_command(check)
