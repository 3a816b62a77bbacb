"""Numbers as real statistics write them: decimals and 万 (8.6万元, 近38万人次, 1.2万份), qualifiers on read
counts, training participants in 人 or 人次, and GB/T 15835 placement of 余/多 (8万余元, never 8.6余万元)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import dump, edit, line_of, minimal_speech, problems_of, validate_text

from docgen import zh
from docgen.api import compose_text


@pytest.mark.parametrize(
    ("value", "unit", "approx", "text"),
    [
        (Decimal("8.6"), "万元", "", "8.6万元"),
        (38, "万人次", "近", "近38万人次"),
        (Decimal("1.2"), "万份", "", "1.2万份"),
        (Decimal("1.20"), "万份", "约", "约1.2万份"),
        (8, "万元", "余", "8万余元"),
        (38, "万人次", "多", "38万多人次"),
        (3, "亿元", "余", "3亿余元"),
        (160, "篇", "余", "160余篇"),
        (Decimal("95.5"), "万人次", "以上", "95.5万人次以上"),
        (Decimal("12"), "万元", "余", "12万余元"),
    ],
)
def test_count_writes_decimals_and_wan_as_statistics_do(value: int | Decimal, unit: str, approx: str, text: str) -> None:
    assert zh.count(value, unit, approx) == text


@pytest.mark.parametrize("approx", ["余", "多"])
def test_count_refuses_a_qualifier_after_a_decimal(approx: str) -> None:
    with pytest.raises(ValueError):
        zh.count(Decimal("8.6"), "万元", approx)


def _speech_with(path: str, value: object) -> str:
    return dump(edit(minimal_speech(), {path: value}))


def test_a_decimal_count_validates_and_renders() -> None:
    text = _speech_with("achievements.social_opinion.collected", {"value": 1.2, "unit": "万条"})
    facts = validate_text(text)
    assert facts.achievements is not None and facts.achievements.social_opinion is not None
    collected = facts.achievements.social_opinion.collected
    assert collected is not None and collected.value == Decimal("1.2")
    data = edit(minimal_speech(), {"achievements.social_opinion.collected": {"value": 1.2, "unit": "万条"}})
    data["achievements"]["social_opinion"]["submitted"] = []
    data["achievements"]["social_opinion"]["adopted"] = []
    data["achievements"]["highlights"][0]["refs"] = ["media", "social_opinion"]
    assert "1.2万条" in compose_text(dump(data)).text()


def test_a_whole_decimal_stays_an_integer() -> None:
    facts = validate_text(_speech_with("achievements.social_opinion.collected", {"value": 200.0, "unit": "条"}))
    assert facts.achievements is not None and facts.achievements.social_opinion is not None
    collected = facts.achievements.social_opinion.collected
    assert collected is not None and collected.value == 200 and isinstance(collected.value, int)


def test_a_decimal_with_yu_is_refused_with_the_right_wording() -> None:
    text = _speech_with("achievements.social_opinion.collected", {"value": 8.6, "unit": "万条", "approx": "余"})
    [problem] = problems_of(text)
    assert problem.code == "decimal-approx"
    assert problem.path == "achievements.social_opinion.collected.value"
    assert problem.line == line_of(text, "value: 8.6")
    assert "8万余元" in problem.message


def test_more_than_two_decimal_places_is_refused() -> None:
    text = _speech_with("achievements.social_opinion.collected", {"value": 8.625, "unit": "万条"})
    [problem] = problems_of(text)
    assert (problem.code, problem.line) == ("too-precise", line_of(text, "value: 8.625"))
    assert "两位" in problem.message


def _with_new_media(reads: dict[str, object]) -> str:
    data = minimal_speech()
    data["outlets"].append({"id": "cywx", "name": "澄阳政协", "level": "own", "type": "wechat"})
    data["achievements"]["media"]["new_media"] = [{"outlet": "cywx", "posts": 320, "reads": reads}]
    return compose_text(dump(data)).text()


def test_read_counts_take_qualifiers() -> None:
    assert "近38万人次" in _with_new_media({"value": 38, "unit": "万人次", "approx": "近"})
    assert "37.6万人次" in _with_new_media({"value": 37.6, "unit": "万人次"})
    assert "38万余人次" in _with_new_media({"value": 38, "unit": "万人次", "approx": "余"})


@pytest.mark.parametrize(("unit", "approx", "shown"), [("人", "", "120人"), ("人次", "余", "120余人次")])
def test_training_participants_have_their_own_unit(unit: str, approx: str, shown: str) -> None:
    data = minimal_speech()
    training = {"name": "全市政协信息员培训班", "participants": 120, "participants_unit": unit}
    if approx:
        training["participants_approx"] = approx
    data["achievements"]["trainings"] = [training]
    data["achievements"]["highlights"].append({"lead": "队伍素质不断提升", "refs": ["trainings"]})
    assert shown in compose_text(dump(data)).text()


def test_training_participants_default_to_person_times_as_before() -> None:
    data = minimal_speech()
    data["achievements"]["trainings"] = [{"name": "全市政协信息员培训班", "participants": 80}]
    data["achievements"]["highlights"].append({"lead": "队伍素质不断提升", "refs": ["trainings"]})
    assert "80人次" in compose_text(dump(data)).text()
