"""docs/format.md: generated from the model, current, complete, linked from the README; and nothing in the
repository points at files outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kindlists import CPPCC_KINDS

from docgen import registry
from docgen.formatdoc import format_markdown, model_sections, page_path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "format.md"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("domain", registry.domains(), ids=lambda d: d.name)
def test_every_domain_page_is_current(domain: registry.DomainSpec) -> None:
    path = ROOT / page_path(domain)
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert current == format_markdown(domain), f"{path} 已过期：运行 scripts/gen_format_docs.py 重新生成"


def test_each_domain_has_its_own_page_and_the_first_is_docs_format_md() -> None:
    paths = [page_path(d) for d in registry.domains()]
    assert paths[0] == "docs/format.md" and len(set(paths)) == len(paths)
    assert all(p.startswith("docgen/domains/") for p in paths[1:])


def _section(page: str, heading: str, start: int = 0) -> str:
    at = page.index(f"\n{heading}", start)
    end = page.find("\n### ", at + 1)
    return page[at : end if end != -1 else len(page)]


def test_every_model_field_is_documented_in_both_languages(page: str) -> None:
    english = page.index("\n## English")
    missing = []
    for model, _ in model_sections():
        zh = _section(page, f"### {model.__name__}<a id=")
        en = _section(page, f"### {model.__name__}\n", english)
        for name, info in model.model_fields.items():
            row = re.compile(rf"^\| `{name}` \|", re.MULTILINE)
            if not row.search(zh) or not row.search(en):
                missing.append(f"{model.__name__}.{name}")
            if info.title and info.title not in zh:
                missing.append(f"{model.__name__}.{name} title")
    assert missing == []


def test_chinese_comes_first_then_english(page: str) -> None:
    assert 0 < page.index("\n## 中文") < page.index("\n## English")


def test_allowed_values_and_defaults_are_shown(page: str) -> None:
    outlet = _section(page, "### Outlet<a id=")
    assert "可选值：`national`、`provincial`" in outlet and "national 全国" in outlet
    count = _section(page, "### Count<a id=")
    assert "| `unit` | 单位 |  | 文字 | `篇` |" in count


def test_every_kind_and_its_expected_facts_are_listed(page: str) -> None:
    for kind in CPPCC_KINDS:
        assert f"| `{kind}` |" in page
        for e in registry.kind(kind).expected:
            assert f"`{e.path}`（{e.label}）" in page


def test_readme_links_the_format_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme


OUTSIDE = re.compile(r"\.\./shared|shared/reference|genre-and-schema|gongwen-format\.md|docx-review\.md|DESIGN\.md|peers\.md")


def _shipped_text_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder, patterns in {
        "docs": ["*.md"],
        "docgen": ["*.py", "*.html", "*.yaml", "*.j2", "*.txt"],
        "fragments": ["*.yaml", "*.md"],
        "scripts": ["*"],
        "data": ["*.yaml"],
    }.items():
        for pattern in patterns:
            files += [p for p in (ROOT / folder).rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]
    return files


def test_nothing_points_at_files_outside_the_repository() -> None:
    hits = []
    for path in _shipped_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert hits == []


def test_page_shows_no_python_type_names(page: str) -> None:
    for leak in ("<class", "typing.", "Decimal", "NoneType", "Annotated["):
        assert leak not in page, leak


def test_a_domain_without_outlets_gets_the_shared_rules_without_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared rules speak of outlets (id references, media counts) only on the page of a domain whose facts
    register them; another domain's page gets the same rules in neutral words."""
    import minidomain

    monkeypatch.setattr(registry, "_entry_point_refs", lambda: ["minidomain:DOMAIN"])
    registry._registry.cache_clear()
    try:
        text = format_markdown(minidomain.DOMAIN)
    finally:
        monkeypatch.undo()
        registry._registry.cache_clear()
    assert "outlets" not in text and "媒体" not in text and "participants_approx" not in text
    assert "**计数值**（各类数量、次数、金额……）" in text and "**counted value** (counts, times, amounts…)" in text
    assert "`outlets`" in format_markdown(registry.domains()[0])  # the built-in page keeps them
