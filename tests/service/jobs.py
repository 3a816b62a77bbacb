"""Jobs for the render worker processes in tests (module-level, so a worker imports them by name; this module
imports nothing heavy, so a fresh worker starts quickly)."""

from __future__ import annotations


def slow_render(*_args: object) -> tuple[bytes, int]:
    """A render that never finishes in time (stands in for a hostile input that keeps a worker busy)."""
    import time

    time.sleep(120)
    return b"late", 0


def worker_pid() -> int:
    import os

    return os.getpid()


def sleep_then_pid(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def crash() -> None:
    import os

    os._exit(7)


def raise_bug(*_args: object) -> None:
    raise KeyError("a bug")


def broken_render(*_args: object) -> tuple[bytes, int]:
    from docgen.errors import RenderError

    raise RenderError("模板损坏（测试）")


def warm_slowly() -> None:
    """A slow start-up (imports, fragment libraries) that must not count against the first job's limit."""
    import time

    time.sleep(1.5)
