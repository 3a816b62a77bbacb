"""``docgen batch``: flags → :mod:`docgen.batch` → a progress display, a table and an exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from docgen.errors import EXIT_OK, EXIT_PROBLEMS, DocgenError, UsageError, shown_lines

EXIT_INTERRUPTED = 130


class _Progress:
    """A rich progress bar (counts, elapsed, ETA) on a terminal; one plain line per document otherwise."""

    def __init__(self, total: int, tty: bool) -> None:
        self.total, self.n, self.tty = total, 0, tty
        self.bar: Any = None
        if tty and total:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("生成文稿"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("已用"),
                TimeElapsedColumn(),
                TextColumn("剩余"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[failed]}"),
                console=Console(stderr=True),
                transient=False,
            )
            self.task = self.bar.add_task("batch", total=total, failed="")
            self.failed = 0
            self.bar.start()

    def __call__(self, outcome: Any) -> None:
        self.n += 1
        if self.bar is not None:
            self.failed += outcome.status == "failed"
            self.bar.update(self.task, advance=1, failed=f"有问题 {self.failed}" if self.failed else "")
            return
        word = {"rendered": "已生成", "skipped": "已是最新", "failed": "有问题"}[outcome.status]
        target = outcome.output or outcome.label
        click.echo(f"[{self.n}/{self.total}] {word} {target}", err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _table(result: Any, outdir: Path, tty: bool) -> None:
    """A rich table on a terminal; elsewhere one tab-separated row per input, each problem in full on its own
    indented line below it (so logs can be searched).  The table counts the warnings; each is printed on stderr
    afterwards in the one-line form ``docgen render`` uses (FILE:LINE:COL: path: message [code])."""
    if not tty:
        click.echo("输入\t输出\t问题\t警告")
        for o in result.outcomes:
            output = o.output + ("（未变，跳过）" if o.status == "skipped" else "")
            click.echo(f"{o.label}\t{output or '—'}\t{len(o.problems)}\t{len(o.warnings)}")
            for line in o.problems:
                click.echo(f"  问题：{line}")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"批量生成：{outdir}", show_lines=True)
    for name in ("输入", "输出", "问题", "警告"):
        table.add_column(name, overflow="fold")
    for o in result.outcomes:
        output = o.output + ("（未变，跳过）" if o.status == "skipped" else "")
        table.add_row(o.label, output or "—", "\n".join(o.problems) or "—", str(len(o.warnings)) if o.warnings else "—")
    Console().print(table)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path), help="输出目录")
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "pdf", "md", "txt"]), default="docx", help="输出格式"
)
@click.option("--jobs", "-j", type=click.IntRange(0, 64), default=0, help="进程数（默认：CPU 核数）")
@click.option("--mode", type=click.Choice(["final", "draft"]), default=None, help="覆盖 document.mode")
@click.option(
    "--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path), help="另把全部输出打成 zip"
)
@click.option(
    "--rows", type=click.Path(dir_okay=False, path_type=Path), help="邮件合并：每行一个单位的工作簿（.xlsx）"
)
@click.option("--sheet", default="units", show_default=True, help="邮件合并用的工作表")
@click.option(
    "--template", type=click.Path(dir_okay=False, path_type=Path), default=None, help="单位自己的模板"
)
@click.option("--font-profile", type=click.Choice(["gb2312", "windows"]), default="gb2312", help="字体方案")
@click.option("--force", is_flag=True, help="不跳过已是最新的输出，全部重新生成")
def batch(
    inputs: tuple[str, ...],
    outdir: Path,
    fmt: str,
    jobs: int,
    mode: str | None,
    zip_path: Path | None,
    rows: Path | None,
    sheet: str,
    template: Path | None,
    font_profile: str,
    force: bool,
) -> None:
    """批量生成：INPUTS 为事实文件、目录或通配符；给出工作簿（--rows 或 INPUTS 中的 .xlsx）时为邮件合并：
    共用事实文件 + 工作表 units 每行一个单位，每行生成一份。"""
    from docgen import batch as lib

    kw: dict[str, Any] = dict(fmt=fmt, mode=mode, jobs=jobs, template=template, font_profile=font_profile)
    options = lib.BatchOptions(outdir, force=force, **kw)
    try:
        from docgen.mailmerge import plan_rows, workbook_inputs

        facts_inputs, book = workbook_inputs(inputs)
        if rows is not None and book is not None:
            raise UsageError("工作簿只能给一个：用 --rows，或写在 INPUTS 中")
        book = rows or book
        planned = plan_rows(facts_inputs, book, options, sheet=sheet) if book else lib.plan(inputs, options)
        if not planned:
            click.echo("错误：没有找到要处理的事实文件（.yaml/.yml）或工作簿（.xlsx）", err=True)
            sys.exit(2)
        lib.check_outputs(planned, options, inputs=(book,), outputs=(zip_path,))
        tty = sys.stderr.isatty()
        progress = _Progress(len(planned), tty)
        try:
            result = lib.run(planned, options, progress)
        finally:
            progress.stop()
    except DocgenError as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            for line in shown_lines(problems):
                click.echo(line, err=True)
        else:
            click.echo(f"错误：{exc}", err=True)
        sys.exit(exc.exit_code)
    _table(result, outdir, sys.stdout.isatty())
    warnings = [line for o in result.outcomes for line in o.warnings]
    for line in warnings:  # one line each on stderr, exactly as ``docgen render`` prints them
        click.echo(line, err=True)
    if warnings:
        click.echo(f"共 {len(warnings)} 条警告。", err=True)
    rendered, skipped, failed = (result.count(s) for s in ("rendered", "skipped", "failed"))
    click.echo(
        f"共 {len(planned)} 份：生成 {rendered}，未变跳过 {skipped}，有问题 {failed}；用时 {result.seconds:.1f} 秒。"
    )
    if result.interrupted:
        click.echo("已中断：已完成的文件完整保留，再次运行会跳过它们。", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if zip_path is not None:
        names = [o.output for o in result.outcomes if o.output]
        count = lib.write_zip(zip_path, outdir, names)
        click.echo(f"已打包 {zip_path}（{count} 个文件）")
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


def register(main: click.Group) -> None:
    main.add_command(batch)
    from docgen.cli_excel import register as register_excel

    register_excel(main)
