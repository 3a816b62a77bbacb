"""File-system helpers: the output guard every writer uses, and atomic writes.

:func:`guard_output` refuses an output path that names an input (same file by resolved path or by device and
inode, so symlinks and hard links count), a directory, or a special file (device, FIFO, socket); with
``overwrite=False`` it also refuses an existing file.  :func:`atomic_write` calls it for the special-file part,
so no writer can replace ``/dev/null`` or block on a FIFO.  Temporary files are named
``.<name>.p<pid>.<hex>.tmp``; those left by a killed process (its pid gone) are removed the next time docgen
writes into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from docgen.errors import UsageError, os_reason

__all__ = ["OutputRefused", "atomic_write", "guard_output", "guard_outputs", "same_file", "write_failure"]

_TMP = re.compile(r"^\..+\.p(\d+)\.[0-9a-f]{12}\.tmp$")
_STALE_AFTER = 5.0  # seconds: a temp file this old whose writer has gone is a leftover
_swept: set[str] = set()


class OutputRefused(UsageError):
    """An output path that would destroy an input or a special file (exit 2)."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when ``a`` and ``b`` are one file: the same resolved path, or the same device and inode."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        sa, sb = os.stat(pa), os.stat(pb)
    except (OSError, ValueError):
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def guard_output(
    path: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    *,
    overwrite: bool = True,
    what: str = "输出文件",
) -> None:
    """Refuse (:class:`OutputRefused`, a Chinese message naming the path) an output that would destroy an
    input, a directory or a special file, or (``overwrite=False``) any existing file."""
    out = Path(path)
    for given in inputs:
        if given is not None and same_file(out, given):
            raise OutputRefused(f"{what}“{out}”就是输入文件“{given}”，写入会覆盖输入；请换一个输出文件名")
    try:
        info = os.stat(out)  # follows symlinks: what a write would reach
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise OutputRefused(f"{what}“{out}”无法使用（{os_reason(exc)}）") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{what}“{out}”是目录，请给出文件名")
    if not stat.S_ISREG(mode):
        kind = (
            "管道（FIFO）"
            if stat.S_ISFIFO(mode)
            else "套接字"
            if stat.S_ISSOCK(mode)
            else "设备文件"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "特殊文件"
        )
        raise OutputRefused(f"{what}“{out}”是{kind}，不是普通文件；docgen 不会写入或替换它")
    if not overwrite:
        raise OutputRefused(f"{what}“{out}”已存在；如需覆盖请加 --force")


def write_failure(path: str | os.PathLike[str], exc: BaseException) -> str:
    """The Chinese line for a write that failed: the missing or unusable folder named when that is the cause."""
    folder = Path(path).parent
    if not folder.exists():
        return f"无法写入 {path}：文件夹“{folder}”不存在，请先建立它或换一个输出位置"
    if not folder.is_dir():
        return f"无法写入 {path}：“{folder}”不是文件夹"
    return f"无法写入 {path}（{os_reason(exc)}）"


def _identity(path: Path) -> tuple[Path | None, tuple[int, int] | None]:
    try:
        resolved: Path | None = path.resolve()
    except (OSError, RuntimeError):
        resolved = None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return resolved, None
    return resolved, (info.st_dev, info.st_ino)


def guard_outputs(
    outputs: Iterable[str | os.PathLike[str]],
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    *,
    what: str = "输出文件",
) -> None:
    """:func:`guard_output` for many outputs at once (a batch): each output is refused if it is one of
    ``inputs`` (resolved path or device and inode), another output, a directory or a special file.  Every
    path is resolved and stat'ed once, so a thousand outputs against a thousand inputs stay cheap."""
    paths: dict[Path, Path] = {}
    ids: dict[tuple[int, int], Path] = {}
    for given in inputs:
        if given is None:
            continue
        resolved, ident = _identity(Path(given))
        if resolved is not None:
            paths.setdefault(resolved, Path(given))
        if ident is not None:
            ids.setdefault(ident, Path(given))
    seen: dict[Path, Path] = {}
    for raw in outputs:
        out = Path(raw)
        resolved, ident = _identity(out)
        hit = (paths.get(resolved) if resolved is not None else None) or (ids.get(ident) if ident else None)
        if hit is not None:
            raise OutputRefused(f"{what}“{out}”就是输入文件“{hit}”，写入会覆盖输入；请换一个输出位置")
        key = resolved if resolved is not None else out
        if key in seen:
            raise OutputRefused(f"{what}“{out}”与“{seen[key]}”是同一个文件；请换一个输出位置")
        seen[key] = out
        guard_output(out, (), what=what)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):
        return True  # exists but not ours, or not checkable: keep the file
    return True


def sweep_temp_files(directory: str | os.PathLike[str]) -> int:
    """Remove temporary files left in ``directory`` by atomic writes of processes that have gone; the count."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        m = _TMP.match(entry.name)
        if m is None:
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and now - info.st_mtime > _STALE_AFTER
                and not _alive(int(m.group(1)))
            ):
                os.unlink(entry.path)
                removed += 1
    return removed


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the complete new one.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, then
    ``os.replace`` puts them in place.  On any exception the existing file is untouched and the temporary
    file is removed.  A new file gets the usual permissions (0666 less the umask); a replaced file keeps
    its mode.  A special file or directory at ``path`` is refused (:class:`OutputRefused`).  ``durable=False`` skips the fsyncs (batch outputs: still atomic for readers and against a killed
    process, not against a power cut; the batch manifest is written durably).
    """
    target = Path(path)
    guard_output(target)
    directory = target.parent
    key = os.path.abspath(directory)
    if key not in _swept:
        _swept.add(key)
        sweep_temp_files(directory)
    keep_mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        keep_mode = target.stat().st_mode & 0o7777
    while True:
        tmp = directory / f".{target.name}.p{os.getpid()}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if keep_mode is not None:
            os.chmod(tmp, keep_mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(directory)
