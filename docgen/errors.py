"""Problems, exceptions and exit codes.

Exceptions carry data; only the CLI prints them.  A :class:`Problem` is one located finding in a
facts file, printed as ``FILE:LINE:COL: field.path: 中文说明 [code]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

EXIT_OK = 0
EXIT_PROBLEMS = 1  # data problems (for ``diff``: the drafts differ)
EXIT_USAGE = 2
EXIT_RENDER = 3  # template or render failure
EXIT_INTERNAL = 4  # a bug in docgen: never the user's input

INTERNAL_HINT = "这是 docgen 自身的缺陷，不是输入的问题；请把命令和输入文件报告给维护者（设 DOCGEN_DEBUG=1 可显示详细信息）"

ROOT_PATH = "(顶层)"
MAX_SHOWN = 200  # problems printed one per line; the rest are counted ("还有 M 个问题未列出")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a facts file, with its position (1-based line and column)."""

    file: str
    line: int
    col: int
    path: str
    code: str
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path or ROOT_PATH}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "code": self.code,
            "message": self.message,
        }


class _Formats(Protocol):
    def format(self) -> str: ...


def shown_lines(problems: Sequence[_Formats], limit: int = MAX_SHOWN) -> list[str]:
    """The lines a terminal shows: the first ``limit`` problems, then how many more there are."""
    lines = [p.format() for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"还有 {len(problems) - limit} 个问题未列出（只显示前 {limit} 个）")
    return lines


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, line, column, then path and code; drop exact duplicates."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.path, p.code, p.message))


class DocgenError(Exception):
    """Base class: every error docgen raises on purpose."""

    exit_code = EXIT_RENDER


@dataclass
class FactsError(DocgenError):
    """The facts file has problems; carries all of them, sorted by position."""

    problems: list[Problem] = field(default_factory=list)
    exit_code = EXIT_PROBLEMS

    def __post_init__(self) -> None:
        self.problems = sort_problems(self.problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class RenderError(DocgenError):
    """A template or rendering failure (exit 3).  The message is Chinese and user-facing."""

    exit_code = EXIT_RENDER


def reason_zh(exc: BaseException) -> str:
    """A short Chinese reason for a zip or XML parser error, in place of the library's English text
    (libxml2's position is kept: ``第 3 行第 17 列附近``)."""
    name = type(exc).__name__
    if name in ("BadZipFile", "BadZipfile", "LargeZipFile"):
        return "zip 结构损坏或不完整"
    if name == "EOFError" or isinstance(exc, EOFError):
        return "文件不完整（被截断）"
    if name in ("error",) and type(exc).__module__ == "zlib":
        return "压缩数据已损坏"
    if name == "NotImplementedError" or isinstance(exc, NotImplementedError):
        return "使用了不支持的压缩方式"
    position = getattr(exc, "position", None)
    if name in ("XMLSyntaxError", "ParseError") and isinstance(position, tuple) and len(position) == 2:
        line, col = position
        return f"第 {line} 行第 {col} 列附近 XML 格式错误"
    if name in ("XMLSyntaxError", "ParseError"):
        return "XML 格式错误"
    return "无法解析"


_OS_REASONS = {
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中有一级不是文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "所在磁盘是只读的",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "ENAMETOOLONG": "文件名或路径太长",
    "EEXIST": "文件已存在",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "ELOOP": "符号链接循环",
    "EMFILE": "打开的文件太多",
    "ENFILE": "打开的文件太多",
    "EIO": "磁盘读写出错",
    "EFBIG": "文件太大",
    "EINVAL": "文件名不合法",
    "EXDEV": "不能跨磁盘移动文件",
}


def os_reason(exc: BaseException) -> str:
    """A short Chinese reason for an operating-system error (``没有权限``, ``磁盘空间不足``), in place of the
    English ``strerror``; unknown errors are named by their errno symbol."""
    import errno

    if isinstance(exc, ValueError):  # os functions refuse a name with a NUL character this way
        return "文件名不合法"
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    return f"系统错误 {name}" if name else "系统错误"


def internal_error_line(exc: BaseException) -> str:
    """The one line shown for an unexpected exception (exit :data:`EXIT_INTERNAL`)."""
    return f"docgen 内部错误：{type(exc).__name__}: {exc}。{INTERNAL_HINT}"


class UsageError(DocgenError):
    """Wrong use of a command (exit 2)."""

    exit_code = EXIT_USAGE
