"""normalise (docgen.compose.normalise): a deep copy of the facts with trailing 。；，、 removed from every
string; the facts it was given are never changed."""

from __future__ import annotations

from helpers import dump, minimal_speech, validate_text

from docgen.compose.normalise import normalise


def test_trailing_punctuation_goes_and_the_input_stays() -> None:
    data = minimal_speech()
    data["document"]["title"] = "在全市政协宣传信息工作会议上的讲话。"
    facts = validate_text(dump(data))
    before = facts.model_dump()
    out = normalise(facts)
    assert out.document.title == "在全市政协宣传信息工作会议上的讲话"
    assert facts.model_dump() == before
    assert out is not facts and out.document is not facts.document


def test_the_copy_shares_no_mutable_part_with_the_input() -> None:
    facts = validate_text(dump(minimal_speech()))
    out = normalise(facts)
    assert out.achievements is not None and facts.achievements is not None
    assert out.achievements.media is not None and facts.achievements.media is not None
    assert out.achievements.media.by_outlet is not facts.achievements.media.by_outlet
    out.achievements.media.by_outlet.clear()
    assert facts.achievements.media.by_outlet
    assert out.model_dump(exclude={"achievements"}) == normalise(facts).model_dump(exclude={"achievements"})
