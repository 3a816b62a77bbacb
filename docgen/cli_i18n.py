"""Chinese for click's own messages (usage errors, help headings), so every line a user sees is Chinese.

click builds its messages with ``gettext``; :func:`install` gives its modules a translation table instead.
A message not in the table stays as click wrote it (a newer click may add one: ``tests/test_cli_i18n.py``
lists the ones users meet).
"""

from __future__ import annotations

from typing import Any

__all__ = ["install"]

_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看用法。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为其中之一：{possibilities}？）",
    "Option {name!r} does not take a value.": "选项“{name}”不带值。",
    "Option {name!r} requires an argument.": "选项“{name}”需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数：{args}",
    "Got unexpected extra arguments ({args})": "多余的参数：{args}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不在可选值 {choices} 之中。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "integer": "整数",
    "float": "数",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是有效的真假值；可用：{states}",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "File": "文件",
    "Directory": "文件夹",
    "Path": "路径",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats} 中的任何一种。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "required": "必填",
    "default: {default}": "缺省：{default}",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已中止。",
    "Value must be an iterable.": "值必须是列表。",
    "unknown error": "未知错误",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
}


def _gettext(message: str) -> str:
    return _ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the Chinese table (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types
    import click.utils

    modules: list[Any] = [
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
        click.utils,
    ]
    for module in modules:
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
