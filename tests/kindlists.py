"""The kind lists of the tests, read from the registry (``docgen.registry``): a test of the machinery runs for
every registered kind; a test that reads the built-in domain's examples or corpus runs for that domain's kinds."""

from __future__ import annotations

from docgen import registry

#: every registered kind, of every domain
ALL_KINDS: tuple[str, ...] = registry.kind_names()
#: the kinds of the built-in 政协 domain (its examples, corpus and model are what those tests read)
CPPCC_KINDS: tuple[str, ...] = tuple(k.name for k in registry.domain("cppcc_publicity").kinds)
