"""Build hook: a wheel carries fragments/, templates/ and styles/ inside the package as docgen/_data/.

All metadata lives in pyproject.toml; this file only copies the data directories at build time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = ("fragments", "templates", "styles")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        for name in DATA:
            src = root / name
            if src.is_dir():
                shutil.copytree(src, Path(self.build_lib) / "docgen" / "_data" / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithData})
