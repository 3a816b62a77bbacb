"""Inputs → jobs: facts files, folders and globs expanded, unique output names, a content key per job."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docgen.batch.jobs import BatchOptions, Job
from docgen.batch.manifest import MANIFEST

__all__ = ["expand_inputs", "plan", "row_key", "safe_stem", "unique_names"]

FACTS_SUFFIXES = (".yaml", ".yml")
_GLOB = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders → their facts files (recursively, sorted); globs → their matches
    (sorted).  A name that matches nothing is kept, so its job fails with “找不到文件”.  Duplicates dropped."""
    out: list[Path] = []
    for raw in inputs:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            found = [
                q
                for q in p.rglob("*")
                if q.suffix.lower() in FACTS_SUFFIXES
                and q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
                and not q.name.startswith("~$")  # Excel's lock files
            ]
            out.extend(sorted(found))
        elif not p.exists() and _GLOB.search(text):
            out.extend(sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file()))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def safe_stem(text: str) -> str:
    stem = _UNSAFE.sub("_", text).strip(" .") or "document"
    return stem[:120]


def unique_names(stems: Sequence[str], ext: str) -> list[str]:
    """``a``, ``a`` → ``a.docx``, ``a-2.docx`` (case-insensitively, in input order)."""
    seen: set[str] = set()
    out = []
    for stem in stems:
        name, n = f"{stem}.{ext}", 1
        while name.casefold() in seen or name == MANIFEST:
            n += 1
            name = f"{stem}-{n}.{ext}"
        seen.add(name.casefold())
        out.append(name)
    return out


def _sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _file_key(path: Path, fingerprint: str) -> str:
    try:
        return _sha(fingerprint, path.read_bytes())
    except OSError:
        return ""


def plan(inputs: Iterable[str | os.PathLike[str]], options: BatchOptions) -> list[Job]:
    """One job per facts file or workbook found in ``inputs``, with unique output names."""
    paths = expand_inputs(inputs)
    fingerprint = options.fingerprint()
    names = unique_names([safe_stem(p.stem) for p in paths], options.fmt)
    return [
        Job(str(p), name, path=p, key=_file_key(p, fingerprint)) for p, name in zip(paths, names, strict=True)
    ]


def row_key(options: BatchOptions, base: Path, data: dict[str, Any]) -> str:
    """Key of a mail-merge job: the shared file's bytes and the row's merged data."""
    shared = _file_key(base, options.fingerprint())
    return _sha(shared, json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)) if shared else ""
