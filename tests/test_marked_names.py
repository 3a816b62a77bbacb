"""Quoting is idempotent for the names users write (issue 11): a name that already carries its marks — whole
(“两会”, 《东岚日报》) or at its head (“柳沙政协”微信公众号, 《委员面对面》栏目) — is marked once, whatever the
outlet type the frame puts it under (no “‘柳沙政协’微信公众号”, no 委员面对面》栏目 with a lost 《)."""

from __future__ import annotations

import re
import typing

import pytest

from docgen import zh
from docgen.domains.cppcc_publicity.compose.context import outlet_text
from docgen.domains.cppcc_publicity.model.outlets import Outlet, OutletType

# every form a clerk writes a name in (all invented)
NAMES = [
    ("柳沙政协", "柳沙政协"),
    ("“柳沙政协”", "柳沙政协"),
    ("《柳沙政协》", "柳沙政协"),
    ("“柳沙政协”微信公众号", "“柳沙政协”微信公众号"),
    ("《委员面对面》栏目", "《委员面对面》栏目"),
    ("“委员风采”专栏", "“委员风采”专栏"),
    ("‘青禾之声’号", "‘青禾之声’号"),
    ("东岚日报“委员风采”专栏", "委员风采"),
    ("《东岚政协报", "东岚政协报"),
]
# a mark opened right inside another (“《…》”, “‘…’…”, 《《, ““)
DOUBLED = re.compile(r"“《|“‘|““|《《|》》|””")


def _balanced(text: str) -> bool:
    return text.count("《") == text.count("》") and text.count("“") == text.count("”")


@pytest.mark.parametrize("otype", typing.get_args(OutletType))
@pytest.mark.parametrize(("name", "core"), NAMES)
def test_an_outlet_name_is_marked_once_whatever_its_type(otype: str, name: str, core: str) -> None:
    text = outlet_text(Outlet(id="o", name=name, level="own", type=otype))  # type: ignore[arg-type]
    assert core in text
    assert not DOUBLED.search(text), text
    assert _balanced(text), text


@pytest.mark.parametrize("name", [n for n, _ in NAMES] + ["“两会”和“双周协商”", "““两会””", "《《东岚日报》》"])
def test_quoting_and_titling_are_idempotent(name: str) -> None:
    for mark in (zh.quoted, zh.book_title):
        once = mark(name)
        assert mark(once) == once
        assert not DOUBLED.search(once), once
        assert _balanced(once), once


def test_whole_and_head_marks() -> None:
    assert zh.unwrap("““两会””") == "两会"
    assert zh.unwrap("“两会”和“双周协商”") == "“两会”和“双周协商”"  # two names, not one quoted
    assert zh.marked_at_head("“柳沙政协”微信公众号") and zh.marked_at_head("《委员面对面》栏目")
    assert not zh.marked_at_head("“柳沙政协”") and not zh.marked_at_head("政协委员“三进”活动")
    assert zh.quoted("政协委员“三进”活动") == "“政协委员‘三进’活动”"  # a quote inside is nested, not doubled
    assert zh.book_title("“一带一路”倡议研究") == "《“一带一路”倡议研究》"  # a title's own quotes stay
    assert zh.strip_title_marks("《委员面对面》栏目") == "《委员面对面》栏目"
    assert Outlet(id="o", name="《委员面对面》栏目", level="own", type="column").name == "《委员面对面》栏目"


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        (["《东岚日报》", "《东岚政协报》"], "《东岚日报》《东岚政协报》"),
        (["“西川政协”", "“青石融媒”客户端"], "“西川政协”“青石融媒”客户端"),
        (["《东岚日报》", "“青石融媒”客户端", "县电视台"], "《东岚日报》、“青石融媒”客户端、县电视台"),
        (["“委员风采”专栏", "“青石融媒”客户端"], "“委员风采”专栏、“青石融媒”客户端"),
    ],
)
def test_marked_names_in_a_row_take_no_dunhao(names: list[str], joined: str) -> None:
    """GB/T 15834: 《A》《B》 and “A”“B” without 、 (the checker's quality-punct); a name with words after its mark keeps it."""
    from docgen.compose.context import join_book_titles

    assert join_book_titles(names) == joined
