"""The proof of issue 12: the 党政信息工作 domain is files inside its own package (and its tests) plus one
entry-point line; nothing else in the repository names it, and the machinery did not need to know it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pi_helpers import ROOT

from docgen import registry

#: words that name this domain (its package, kinds, political families, label)
NAMES = ("party_info", "info_leadership_speech", "info_work_summary", "党政信息工作", "pi_pc_", "pi_gt_")
#: where the domain lives
HOMES = ("docgen/domains/party_info/", "tests/domains/party_info/")
REGISTRATION = 'party_info = "docgen.domains.party_info:DOMAIN"'


def _tracked() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [p for p in out.stdout.splitlines() if (ROOT / p).is_file()]


def test_no_file_outside_the_domain_names_it() -> None:
    hits: list[str] = []
    for rel in _tracked():
        if rel.startswith(HOMES):
            continue
        try:
            text = (ROOT / rel).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if any(w in line for w in NAMES) and not (
                rel == "pyproject.toml" and line.strip() == REGISTRATION
            ):
                hits.append(f"{rel}:{n}: {line.strip()[:80]}")
    assert hits == []


def test_the_registration_is_one_entry_point_line() -> None:
    lines = [
        ln for ln in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines() if "party_info" in ln
    ]
    assert lines == [REGISTRATION]


def test_the_registry_serves_the_domain_after_the_built_in_one() -> None:
    names = [d.name for d in registry.domains()]
    assert names[0] == "cppcc_publicity" and "party_info" in names
    assert registry.domain_of("info_work_summary").label == "党政信息工作"
    assert {k.name for k in registry.domain("party_info").kinds} == {
        "info_leadership_speech",
        "info_work_summary",
    }


def test_the_checker_finds_a_stray_mention(tmp_path: Path) -> None:
    stray = tmp_path / "x.py"
    stray.write_text('KIND = "info_work_summary"\n', encoding="utf-8")
    assert [w for w in NAMES if w in stray.read_text(encoding="utf-8")] == ["info_work_summary"]
