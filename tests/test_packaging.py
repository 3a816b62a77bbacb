"""An installed wheel (not only an editable install) carries the fragments, templates and style profile."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen import resources

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_the_data_directories(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("docgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in resources.NAMES:
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / name).rglob("*") if p.is_file()}
        assert shipped and {f"docgen/_data/{s}" for s in shipped} <= names, name
    assert "docgen/render/fonts.conf" in names
    migrations = {"env.py", "script.py.mako", "versions/0001_initial_schema.py", "versions/0002_revision_notes.py"}  # `docgen serve` creates its schema
    assert {f"docgen/service/migrations/{m}" for m in migrations} <= names


def test_the_wheel_carries_every_domain_and_registers_it(tmp_path: Path) -> None:
    """Each domain's resources (fragments, examples…) are package data, and its entry point is in the wheel."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("docgen-*.whl")
    zf = zipfile.ZipFile(wheel)
    names = set(zf.namelist())
    domains = ROOT / "docgen" / "domains"
    for package in (p for p in domains.iterdir() if (p / "__init__.py").is_file()):
        shipped = {
            p.relative_to(ROOT).as_posix()
            for sub in ("fragments", "examples", "skeletons", "templates")
            for p in (package / sub).glob("*")
            if p.is_file() and p.suffix in (".yaml", ".md", ".docx")
        }
        assert shipped <= names, package.name
        entry_points = zf.read("docgen-0.1.0.dist-info/entry_points.txt").decode("utf-8")
        assert f"{package.name} = docgen.domains.{package.name}:DOMAIN" in entry_points


def test_data_dir_prefers_the_repository_then_the_packaged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resources.data_dir("templates") == ROOT / "templates"
    pkg = tmp_path / "site" / "docgen"
    (pkg / "_data" / "templates").mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGE_DIR", pkg)
    assert resources.data_dir("templates") == pkg / "_data" / "templates"
    with pytest.raises(ValueError):
        resources.data_dir("secrets")


def test_building_prints_no_setuptools_warnings(tmp_path: Path) -> None:
    """The metadata is current (SPDX ``license = "MIT"``; a plain package root): pip's verbose build log
    carries no deprecation or editable-install notice of the project's own."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-v", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    log = done.stdout + done.stderr
    for marker in ("BuildBackendWarning", "SetuptoolsDeprecationWarning", "is deprecated", "Editable install"):
        assert marker not in log, marker
    assert "License-Expression: MIT" in zipfile.ZipFile(next(tmp_path.glob("docgen-*.whl"))).read(
        "docgen-0.1.0.dist-info/METADATA"
    ).decode("utf-8")
