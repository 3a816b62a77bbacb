"""The shape of the code: the machinery knows no domain, imports go one way, and only the CLI uses rich.

- compose/, zh.py, render/ and review/ — and the tools around the facts (workbooks, mail merge, init, salvage,
  template check) — carry no domain vocabulary and import no domain package (a domain's words live in
  docgen/domains/<name>/);
- the import graph of docgen/ (every ``import``, module-level or inside a function) has no cycle;
- no library module imports rich (only the cli*.py modules render for a terminal).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from docgen import registry

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "docgen"

#: words of the built-in domain (政协宣传信息工作) that must not appear in the machinery
DOMAIN_WORDS = (
    "政协",
    "委员",
    "联络员",
    "社情民意",
    "信息员",
    "媒体",
    "发稿",
    "采用",
    "宣传信息",
    "outlet",
    "media",
    "adopted",
    "submitted",
    "achievement",
    "cppcc",
    "docgen.domains",
)
MACHINERY = [PKG / "compose", PKG / "zh.py", PKG / "render", PKG / "review"]
#: tools around the facts that take everything domain-specific from the registry (issue 12): workbooks, the
#: mail merge, `docgen init`, the salvage pass of validation, the template check
TOOLS = [
    PKG / "excel.py",
    PKG / "excel_import.py",
    PKG / "excel_merge.py",
    PKG / "mailmerge.py",
    PKG / "cli_excel.py",
    PKG / "init.py",
    PKG / "template_check.py",
    PKG / "model" / "salvage.py",
]
#: the shared models every domain's facts are made of (docgen/model/), the text-seam checker and the JSON Schema
#: (issue 12): a domain's fields, checks and descriptions live in its package (its Org subclass,
#: ``DomainSpec.quality_rules``, ``DomainSpec.schema_description``)
SHARED = [*sorted((PKG / "model").glob("*.py")), PKG / "quality", PKG / "schema.py"]
#: OOXML's own folder name for pictures is not the domain's word
ALLOWED = re.compile(r"word/media")
#: per file: the shared document block names the parts of a speech, one of them the 成绩 part every domain's
#: speeches have (``section_order: [opening, achievements, …]``) — a section's name, not a domain's block
ALLOWED_IN = {"docgen/model/document.py": re.compile(r"\b(?:end_of_)?achievements\b")}


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return list(dict.fromkeys(out))


def _clean(rel: str, line: str) -> str:
    line = ALLOWED.sub("", line)
    return ALLOWED_IN[rel].sub("", line) if rel in ALLOWED_IN else line


@pytest.mark.parametrize("path", _files(MACHINERY + TOOLS + SHARED), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_machinery_has_no_domain_words(path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    hits = [
        f"{rel}:{n}: {word}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for word in DOMAIN_WORDS
        if word.lower() in _clean(rel, line).lower()
    ]
    assert hits == []


def test_the_shared_models_quality_and_schema_are_checked() -> None:
    checked = {p.relative_to(ROOT).as_posix() for p in _files(SHARED)}
    assert {"docgen/model/org.py", "docgen/model/basefacts.py", "docgen/quality/rules.py", "docgen/schema.py"} <= checked
    # the allowance is the section name only: the word elsewhere on such a line is still found
    assert "achievement" in _clean("docgen/model/document.py", "x = achievement_count  # achievements").lower()


def test_the_word_check_finds_a_domain_word(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('TITLE = "在全市政协宣传信息工作会议上的讲话"\n', encoding="utf-8")
    text = sample.read_text(encoding="utf-8")
    assert [w for w in DOMAIN_WORDS if w in text] == ["政协", "宣传信息"]


# -- the import graph -----------------------------------------------------------------------------------------


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = PKG) -> dict[str, set[str]]:
    """Module → the docgen modules it imports (module-level and function-level ``import`` statements; an
    import of ``pkg.mod`` or ``from pkg import mod`` counts as the module, else as the nearest package)."""
    files = {_module(p): p for p in root.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for mod, path in files.items():
        pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        deps: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {known(a.name) for a in node.names if a.name.startswith("docgen")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                if base.startswith("docgen"):
                    deps |= {f"{base}.{a.name}" if f"{base}.{a.name}" in files else known(base) for a in node.names}
        graph[mod] = {d for d in deps if d is not None and d != mod}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_docgen_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    pkg = tmp_path / "docgen"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("from docgen.b import x\n", encoding="utf-8")
    (pkg / "b.py").write_text("def x():\n    from docgen import a\n    return a\n", encoding="utf-8")
    (pkg / "c.py").write_text("from . import a\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        graph = import_graph(pkg)
    finally:
        ROOT = saved
    assert graph["docgen.c"] == {"docgen.a"}
    assert cycles(graph) == [["docgen.a", "docgen.b"]]


# -- rich -------------------------------------------------------------------------------------------------------


def test_only_the_cli_modules_import_rich() -> None:
    users = [
        _module(path)
        for path in PKG.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "rich" for a in node.names))
        or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "rich" and not node.level)
    ]
    assert users and all(m.split(".")[-1].startswith("cli") for m in users), users


# -- the built-in domain's fields stay in its package -------------------------------------------------------------

#: the 政协 fields of the built-in domain's org block (docgen/domains/cppcc_publicity/model/org.py)
CPPCC_ORG_FIELDS = ("chair_meeting", "term", "members", "upper_bodies")


@pytest.mark.parametrize("name", [d.name for d in registry.domains() if d.name != registry.FIRST])
def test_another_domain_shows_none_of_the_builtin_domains_fields(name: str) -> None:
    """Its schema, format page and `docgen init` skeletons name no 政协 field and say no 政协."""
    from docgen.formatdoc import format_markdown
    from docgen.init import skeleton
    from docgen.schema import json_schema, schema_text

    spec = registry.domain(name)
    assert set(CPPCC_ORG_FIELDS).isdisjoint(json_schema(name)["$defs"]["Org"]["properties"])
    page = format_markdown(spec)
    skeletons = [skeleton(k.name) for k in spec.kinds]
    for text in (schema_text(name), page, *skeletons):
        assert "政协" not in text
    for key in CPPCC_ORG_FIELDS:
        assert f"| `{key}` |" not in page  # a field row (the period kind `term` is shared)
        assert not any(re.search(rf"^\s*#?\s*{key}:", s, re.MULTILINE) for s in skeletons), key


def test_the_builtin_domain_keeps_its_fields_in_their_order() -> None:
    """Its Org adds the 政协 fields where they always stood (skeletons and docs/format.md unchanged)."""
    facts = registry.load_object(registry.domain(registry.FIRST).facts_model)
    props = list(facts.model_fields["org"].annotation.model_fields)
    assert set(CPPCC_ORG_FIELDS) <= set(props)
    assert props.index("party_group") + 1 == props.index("chair_meeting") == props.index("subunits_label") - 1
