"""``GET /api/kinds`` lists the kinds of the registry (docgen/registry.py), every domain's, in its order: a
domain installed later appears with no change to the service."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from docgen import registry
from service.support import Client


@pytest.fixture
def extra_domain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "_entry_point_refs", lambda: ["service.extra_domain:DOMAIN"])
    registry._registry.cache_clear()
    yield
    monkeypatch.undo()
    registry._registry.cache_clear()


def _expected() -> list[tuple[str, str]]:
    return [(k.name, registry.domain_of(k.name).name) for k in registry.kinds()]


def test_api_kinds_is_the_registry(client: Callable[[str], Client]) -> None:
    listed = client("reviewer_a").get("/api/kinds").json()
    assert [(k["name"], k["domain"]) for k in listed] == _expected()
    assert listed[0]["domain"] == registry.FIRST and {"leadership_speech", "work_summary"} <= {
        k["name"] for k in listed
    }
    assert all(k["label"] for k in listed)


def test_a_domain_added_to_the_registry_is_listed(
    client: Callable[[str], Client], extra_domain: None
) -> None:
    listed = client("reviewer_a").get("/api/kinds").json()
    assert [(k["name"], k["domain"]) for k in listed] == _expected()
    assert ("zz_extra_note", "zz_extra") in [(k["name"], k["domain"]) for k in listed]
    assert len({k["domain"] for k in listed}) >= 2
