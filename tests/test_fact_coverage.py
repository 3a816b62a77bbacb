"""Every fact given is in the text or warned about (issue 11): docgen.quality.coverage over the corpus and the
examples, in both modes, and the matcher itself on small inline cases.

A fact the composer drops without a warning (a lecture on the agenda, 9 written exchanges, a heading the user
chose) is a seam the reader cannot see: the text reads smoothly and is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.api import compose_file, load_facts
from docgen.quality.coverage import uncovered

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "corpus").glob("*.yaml")) + sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))

# Leaves that are options, references or the basis of a computation, not words of the text:
SKIP = (
    "schema_version",
    "document",  # kind, mode, id, style options (the title is checked below)
    "org",  # the office's description: each kind names it as it needs (市政协, 我市)
    "period",  # the frame of the figures, said in each kind's words (今年以来, 1—11月, 近几年)
    "outlets",  # a table the facts refer to by id
    "tasks.horizon",  # the plan's year, said as 明年 / 2026年 / 下半年
    "**.ref",  # what a comparison compares
    "**.refs",  # which facts a highlight groups
    "**.previous",  # the basis of a comparison: written as the change (较去年增长22.4%)
    "**.unit",  # 元/条: written as 每条奖励……元
    "**.start",  # a window's dates: its `when` is what is said
    "**.end",
    "**.theme",  # which boilerplate family a section takes
    "**.placement",  # 专题报道, 头版头条: written as the verb of the coverage sentence (专题刊播)
)
# printed as written: must stand in the text verbatim
EXACT = ("**.heading", "**.lead", "document.title", "**.subtitle")


@pytest.mark.parametrize("mode", ["final", "draft"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_fact_is_in_the_text_or_warned_about(path: Path, mode: str) -> None:
    data = load_facts(path).model_dump(mode="json", exclude_none=True)
    draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
    warned = [n.path for n in draft.notices if not n.code.startswith("quality-")]
    lost = uncovered(data, draft.text(), warned, skip=SKIP, exact=EXACT)
    assert [(u.path, u.value) for u in lost] == []


DATA = {
    "meeting": {"agenda_done": [{"type": "lecture", "text": "新媒体时代政协新闻稿件写作的方法与技巧"}]},
    "exchange": {"text": "9家单位的书面交流材料", "by": "江口镇、白鹭街道等4个联络组"},
    "tasks": {"heading": "对新一届市政协宣传信息工作的建议", "horizon": "2026年", "amount": 300},
    "contact": "邹小满（虚构）",
    "rank": {"metric": "发稿量排名", "rank": 3},
    "id": "rmzxb",
    "flag": True,
}


def _lost(text: str, warned: tuple[str, ...] = ()) -> list[str]:
    return [u.path for u in uncovered(DATA, text, warned, exact=("**.heading",))]


def test_a_text_that_shows_every_fact_loses_nothing() -> None:
    text = (
        "会上，围绕新媒体时代政协新闻稿件写作的方法与技巧安排了专题辅导，印发了9家单位的书面交流材料。"
        "江口镇联络组、白鹭街道联络组等4个联络组作了交流发言。\n三、对新一届市政协宣传信息工作的建议\n"
        "明年，每条奖励300元。联系人：邹小满。市政协的发稿量位居第三位。"
    )
    assert _lost(text) == []


def test_dropped_facts_are_found_and_a_warning_covers_its_path_and_below() -> None:
    text = "会上，其他单位提交了书面交流材料。\n五、2027年工作打算\n每条奖励200元。"
    lost = _lost(text)
    assert "meeting.agenda_done.0.text" in lost
    assert "exchange.text" in lost  # the 9 is gone even though most of the words are there
    assert "tasks.heading" in lost
    assert "tasks.amount" in lost
    assert "rank.rank" in lost and "contact" in lost
    assert "id" not in lost and "flag" not in lost and "tasks.horizon" not in lost
    warned = _lost(text, ("meeting.agenda_done[0]", "exchange、tasks"))
    assert not any(p.startswith(("meeting.", "exchange.", "tasks.")) for p in warned)


def test_a_heading_must_stand_verbatim_even_when_its_words_are_scattered_in_the_text() -> None:
    text = "新一届市政协要坚持正确导向，把宣传信息工作的各项建议落到实处。\n三、2027年工作打算"
    assert _lost(text).count("tasks.heading") == 1


def test_a_name_in_book_marks_must_stand_in_the_text_as_it_is() -> None:
    """A long name of common words (a regulation) is not shown by its pieces: the text has them everywhere."""
    data = {"achievements": {"mechanisms": ["《青石市政协社情民意信息工作考评办法》"]}}
    text = "青石市政协社情民意信息工作稳步推进，考评工作有办法。"
    assert [u.path for u in uncovered(data, text)] == ["achievements.mechanisms.0"]
    assert uncovered(data, "制定了《青石市政协社情民意信息工作考评办法》。") == []


def test_a_duty_said_after_its_units_colon_is_said() -> None:
    """会务由办公室负责 is said as 办公室：负责会务 (the unit before the colon); a duty not there is lost."""
    data = {"plan": {"division": [{"unit": "办公室", "duty": "会务由办公室负责"}]}}
    assert uncovered(data, "1.办公室：负责会务。") == []
    assert [u.path for u in uncovered(data, "1.办公室：负责会议报道。")] == ["plan.division.0.duty"]
