"""The record beside the outputs of what each was made from (a rerun skips what is up to date), and the
leftovers of a killed run."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.fsutil import atomic_write

if TYPE_CHECKING:
    from docgen.batch.jobs import Job, Outcome

__all__ = ["MANIFEST", "STAGING", "Manifest", "clean_leftovers"]

MANIFEST = ".docgen-batch.json"
STAGING = ".docgen-batch-staging"
_TMP = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")  # fsutil.atomic_write's temporary files


class Manifest:
    """``{"format": 1, "outputs": {name: {"input", "key", "sha256", "size"}}}`` beside the outputs."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST
        self.entries: dict[str, dict[str, Any]] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == 1 and isinstance(data.get("outputs"), dict):
                self.entries = data["outputs"]
        self.dirty = False

    def up_to_date(self, job: Job, outdir: Path) -> bool:
        entry = self.entries.get(job.name)
        if not job.key or not isinstance(entry, dict) or entry.get("key") != job.key:
            return False
        try:
            data = (outdir / job.name).read_bytes()
        except OSError:
            return False
        return len(data) == entry.get("size") and hashlib.sha256(data).hexdigest() == entry.get("sha256")

    def record(self, job: Job, outdir: Path, outcome: Outcome | None = None) -> None:
        if not job.key:
            return
        digest, size = (outcome.sha256, outcome.size) if outcome is not None else ("", 0)
        if not digest:
            try:
                data = (outdir / job.name).read_bytes()
            except OSError:
                return
            digest, size = hashlib.sha256(data).hexdigest(), len(data)
        self.entries[job.name] = {"input": job.label, "key": job.key, "sha256": digest, "size": size}
        self.dirty = True

    def forget(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            text = json.dumps(
                {"format": 1, "outputs": self.entries}, ensure_ascii=False, indent=1, sort_keys=True
            )
            atomic_write(self.path, (text + "\n").encode("utf-8"))
            self.dirty = False


def clean_leftovers(outdir: Path) -> None:
    """Temporary files of an earlier, killed run (never a complete output)."""
    with contextlib.suppress(OSError):
        for p in outdir.iterdir():
            if _TMP.match(p.name) and p.is_file():
                with contextlib.suppress(OSError):
                    p.unlink()
    shutil.rmtree(outdir / STAGING, ignore_errors=True)
