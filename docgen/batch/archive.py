"""The zip of a batch's outputs (``docgen batch --zip``, the service's batch download)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docgen.fsutil import atomic_write

__all__ = ["write_zip"]


def write_zip(target: Path, outdir: Path, names: Iterable[str]) -> int:
    """A deterministic zip (sorted names, fixed times) of ``names`` in ``outdir``, written atomically.  Returns
    the number of files."""
    buf = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800  # UTF-8 names (Chinese file names open correctly in Windows Explorer)
            zf.writestr(info, (outdir / name).read_bytes())
            count += 1
    atomic_write(target, buf.getvalue())
    return count
