"""The validation step that reads the fragment library: it is handed the library (validation itself never
loads it).  ``document.variants`` must name families and variants the domain's library has; the domain adds
its own library rules (``DomainSpec.library_rules``, e.g. dated political wording)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from docgen import registry
from docgen.model.basefacts import BaseFacts
from docgen.model.issues import Issue

if TYPE_CHECKING:
    from docgen.fragments import FragmentLibrary

__all__ = ["STEP", "Libraries", "check_library", "check_variants"]

#: the step's name in a salvage's skip set (a stand-in document date makes its findings meaningless)
STEP = "check_library"

#: domain name → its fragment library (the caller decides how libraries are loaded)
Libraries = Callable[[str], "FragmentLibrary"]


def _suggest(word: str, choices: list[str]) -> str:
    best = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f"，是否应为“{best[0]}”？" if best else f"。已有的 id：{'、'.join(choices) or '（无）'}"


def check_variants(facts: BaseFacts, lib: FragmentLibrary) -> Iterator[Issue]:
    known = {fam.id: fam for fam in lib.families()}
    for fid, vid in facts.document.variants.items():
        fam = known.get(fid)
        if fam is None:
            yield Issue(
                ("document", "variants", fid),
                "unknown-fragment-family",
                f"没有片段族“{fid}”{_suggest(fid, sorted(known))}",
            )
        elif vid not in [v.id for v in fam.variants]:
            yield Issue(
                ("document", "variants", fid),
                "unknown-variant",
                f"片段族“{fid}”没有变体“{vid}”，可选：{'、'.join(v.id for v in fam.variants)}",
            )


def check_library(facts: BaseFacts, libraries: Libraries) -> list[Issue]:
    """The domain's library rules, then the variants check, against the library of the facts' domain."""
    domain = registry.domain_of(facts.document.kind)
    lib = libraries(domain.name)
    issues: list[Issue] = []
    if domain.library_rules is not None:
        issues.extend(registry.load_object(domain.library_rules)(facts, lib))
    issues.extend(check_variants(facts, lib))
    return issues
