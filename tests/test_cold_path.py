"""The cold path (issue 15): what a short ``docgen render`` process loads.  A process that meets only phrases it
has met before (the tag memo in the cache directory) never imports jieba (about 0.35 s of CPU to import)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples"

SCRIPT = """
import sys
from docgen.api import compose_file, render_draft
for path in sys.argv[1:]:
    render_draft(compose_file(path), "docx")
print("jieba" in sys.modules)
"""


def _run(cache: Path, *paths: Path) -> str:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache)}
    env.pop("DOCGEN_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, paths)], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_a_second_render_never_imports_jieba(tmp_path: Path, example: str) -> None:
    path = EXAMPLES / example
    _run(tmp_path, path)  # the first process meets the phrases and remembers their tags
    assert _run(tmp_path, path) == "False"
