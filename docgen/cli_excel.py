"""``docgen excel-template`` and ``docgen import``: flags → :mod:`docgen.excel` / :mod:`docgen.excel_merge`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docgen.cli_kind import KindName
from docgen.errors import EXIT_OK, EXIT_USAGE, DocgenError, shown_lines


def _write(path: Path, data: bytes) -> None:
    from docgen.fsutil import atomic_write, write_failure

    try:
        atomic_write(path, data)
    except OSError as exc:
        click.echo(f"错误：{write_failure(path, exc)}", err=True)
        sys.exit(2)  # an unusable output path


def _guard(output: Path, inputs: tuple[Path, ...], *, overwrite: bool = True) -> None:
    from docgen.fsutil import OutputRefused, guard_output

    try:
        guard_output(output, inputs, overwrite=overwrite)
    except OutputRefused as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.command("excel-template")
@click.argument("kind", type=KindName())
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="工作簿 .xlsx"
)
@click.option("--units", is_flag=True, help="另加工作表 units（邮件合并：每行一个单位）")
@click.option("--force", is_flag=True, help="覆盖已有文件")
def excel_template(kind: str, output: Path, units: bool, force: bool) -> None:
    """生成某一文种的统计表工作簿：每个可重复部分一张表，中文列名、说明批注、下拉选项和示例行。"""
    from docgen.excel import blocks_for_kind, template_bytes
    from docgen.mailmerge import template_with_units

    _guard(output, (), overwrite=force)
    _write(output, template_with_units(kind) if units else template_bytes(kind))
    click.echo(f"已写入 {output}（{len(blocks_for_kind(kind))} 张数据表）")


@click.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into", type=click.Path(dir_okay=False, path_type=Path), help="合并进这个事实文件（保留其余部分和注释）"
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="写出的事实文件"
)
def import_(workbook: Path, into: Path | None, output: Path) -> None:
    """把填好的统计表工作簿读成事实文件（YAML）；一次列出全部问题（工作表、单元格、列名）。"""
    from docgen.excel_import import WorkbookError
    from docgen.excel_merge import import_workbook

    _guard(output, (workbook,))  # --into may name the output: merging into the same facts file is allowed
    try:
        result = import_workbook(workbook, into=into, label=str(output))
    except WorkbookError as exc:
        for line in shown_lines(exc.problems):
            click.echo(line, err=True)
        click.echo(f"共 {len(exc.problems)} 个问题；未写入 {output}。", err=True)
        sys.exit(exc.exit_code)
    except DocgenError as exc:
        if hasattr(exc, "problems"):
            for line in shown_lines(exc.problems):
                click.echo(line, err=True)
        else:
            click.echo(f"错误：{exc}", err=True)
        sys.exit(exc.exit_code)
    _write(output, result.text.encode("utf-8"))
    for line in result.warnings:
        click.echo(f"提示：{line}", err=True)
    if result.warnings:
        click.echo(
            f"合并后的事实文件还有 {len(result.warnings)} 个与工作簿无关的问题（见上；可用 docgen validate 查看）。",
            err=True,
        )
    click.echo(f"已写入 {output}")
    sys.exit(EXIT_OK)


def register(main: click.Group) -> None:
    main.add_command(excel_template)
    main.add_command(import_)
