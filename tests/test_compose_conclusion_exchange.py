"""Composition of the concluding speech, the exchange material and the exchange speech (§1.6–§1.8)."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import positive_ints
from ruamel.yaml import YAML

from docgen.api import compose_file, compose_loaded, render_draft
from docgen.cli import main
from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Title,
)
from docgen.fragments import FragmentLibrary
from docgen.lint import draft_lines, lint_lines
from docgen.load import load_yaml, load_yaml_text
from docgen.zh import find_placeholders

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples"
CONCLUDING = EXAMPLES / "concluding_speech.yaml"
MATERIAL = EXAMPLES / "county_exchange_material.yaml"
SPEECH = EXAMPLES / "exchange_speech.yaml"
ALL = [CONCLUDING, MATERIAL, SPEECH]
MODES = ["final", "draft"]

Data = dict[str, Any]


# --- helpers --------------------------------------------------------------------------------------------


def _compose(path: Path, mode: str | None = None) -> Draft:
    return compose_file(path, mode=mode)  # type: ignore[arg-type]


def _compose_data(data: Data, mode: str | None = None) -> Draft:
    buf = io.StringIO()
    YAML().dump(data, buf)
    return compose_loaded(load_yaml_text(buf.getvalue(), "test.yaml"), mode=mode)  # type: ignore[arg-type]


def _raw(path: Path) -> Data:
    return copy.deepcopy(load_yaml(path).data)


_LINT_KIND = dict.fromkeys((Title, Subtitle), "title") | {Byline: "byline", Salutation: "salutation"}
_LINT_KIND |= {Heading: "heading", Paragraph: "body", ClosingLine: "closing", Signature: "signature"}


def _lint_input(draft: Draft) -> list[tuple[str, str]]:
    return draft_lines(draft)


def _lint(draft: Draft, mode: str = "final") -> list[str]:
    return [f.format() for f in lint_lines(_lint_input(draft), mode=mode)]  # type: ignore[arg-type]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；：])", text) if len(s) > 10]


def _dupes(text: str) -> set[str]:
    sents = _sentences(text)
    return {s for s in sents if sents.count(s) > 1}


def _ints(node: Any) -> list[int]:
    return positive_ints(node, frozenset({"previous"}))


def _paras(draft: Draft) -> list[Paragraph]:
    return [b for b in draft.blocks if isinstance(b, Paragraph)]


def _headings(draft: Draft, level: int = 1) -> list[Heading]:
    return [b for b in draft.blocks if isinstance(b, Heading) and b.level == level]


def _variants(fid: str) -> list[str]:
    return [v.text for v in FragmentLibrary.load().family(fid).variants]


@pytest.fixture(params=[p.name for p in ALL])
def example(request: pytest.FixtureRequest) -> Path:
    return EXAMPLES / str(request.param)


# --- every example, both modes --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_composed_text_matches_snapshot(example: Path, mode: str, snapshot: Any) -> None:
    assert _compose(example, mode).text() == snapshot


@pytest.mark.parametrize("mode", MODES)
def test_no_placeholder_token_in_any_output(example: Path, mode: str) -> None:
    text = _compose(example, mode).text()
    assert find_placeholders(text) == []
    assert "None" not in text
    if mode == "final":
        assert "〔待补" not in text


@pytest.mark.parametrize("mode", MODES)
def test_generated_text_passes_the_conventions_lint(example: Path, mode: str) -> None:
    assert _lint(_compose(example, mode), mode) == []


@pytest.mark.parametrize("mode", MODES)
def test_no_sentence_appears_twice(example: Path, mode: str) -> None:
    assert _dupes(_compose(example, mode).text()) == set()


def test_every_number_of_the_facts_appears(example: Path) -> None:
    data = _raw(example)
    facts = {k: data[k] for k in ("conclusion", "exchange") if k in data}
    numbers = _ints(facts)
    assert numbers
    text = _compose(example).text()
    missing = [n for n in numbers if not re.search(rf"(?<!\d){n}(?!\d)", text)]
    assert missing == []


def test_every_example_renders_to_a_docx_deterministically(example: Path) -> None:
    draft = _compose(example)
    data = render_draft(draft, "docx")
    assert data == render_draft(_compose(example), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert draft.meta.title in xml


def test_the_cli_renders_each_example(tmp_path: Path) -> None:
    runner = CliRunner()
    for path in ALL:
        out = tmp_path / f"{path.stem}.docx"
        result = runner.invoke(main, ["render", str(path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert zipfile.is_zipfile(out)


def _partial(path: Path) -> Data:
    """The example with some expected facts missing, to show what draft mode marks."""
    data = _raw(path)
    if "conclusion" in data:
        c = data["conclusion"]
        del c["speakers"], c["outcomes"], c["implementation"]["support"]
    else:
        item = data["exchange"]["sections"][0]["items"][1]
        del item["practices"], item["results"][0]["previous_period"]
    return data


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", [CONCLUDING, MATERIAL], ids=["concluding", "material"])
def test_partial_facts_snapshot(path: Path, mode: str, snapshot: Any) -> None:
    draft = _compose_data(_partial(path), mode)
    assert draft.text() == snapshot
    assert _lint(draft, mode) == []
    assert ("〔待补：" in draft.text()) == (mode == "draft")


# --- concluding speech ----------------------------------------------------------------------------------


def test_concluding_speech_has_the_two_level_one_parts() -> None:
    draft = _compose(CONCLUDING)
    assert [h.full_text for h in _headings(draft)] == ["一、会议的主要收效", "二、会议精神贯彻落实意见"]
    assert isinstance(draft.blocks[2], Salutation)
    opening = draft.blocks[3]
    assert isinstance(opening, Paragraph)
    assert "就要圆满结束" in opening.text or "即将结束" in opening.text or "就要结束" in opening.text
    assert "市委副书记和市政协主席" in opening.text and "4位负责同志" in opening.text


def test_concluding_outcomes_are_counted_and_run_in() -> None:
    text = _compose(CONCLUDING).text()
    assert "概括起来" in text and "三个方面：" in text
    assert "（一）进一步提高了对做好新时代政协宣传信息工作重要性的认识。" in text
    assert "（二）进一步拓宽了做好政协宣传信息工作的思路。" in text
    assert "（三）进一步明确了明年全市政协宣传信息工作的任务。" in text


def test_concluding_speech_states_the_reporting_deadline_and_to_whom() -> None:
    text = _compose(CONCLUDING).text()
    (sent,) = [s for s in re.split(r"(?<=。)", text) if "2025年1月15日前" in s]
    assert "各县（市、区）政协" in sent and "市政协办公室" in sent and "书面" in sent


@pytest.mark.parametrize(
    ("measure", "said"),
    [
        ("市融媒体中心对政协重要活动全程跟踪报道", "市融媒体中心要对政协重要活动全程跟踪报道。"),
        ("县融媒体中心继续开好“委员声音”栏目", "县融媒体中心要继续开好“委员声音”栏目。"),
        ("在经费保障上给予支持。", "要在经费保障上给予支持。"),
        ("乡镇党委要为委员工作室提供场地", "乡镇党委要为委员工作室提供场地。"),
    ],
)
def test_a_single_support_measure_is_said_as_a_demand(measure: str, said: str) -> None:
    """Alone under 要加大……支持, a measure written as a fact reads as one; it takes its 要 (not twice)."""
    data = _raw(CONCLUDING)
    data["conclusion"]["implementation"]["support"] = [measure]
    text = _compose_data(data).text()
    assert said in text and "要要" not in text
    assert "一是" + measure.rstrip("。") not in text


def test_support_measures_are_numbered_one_to_four() -> None:
    text = _compose(CONCLUDING).text()
    assert re.search(
        r"一是对政协组织的重要协商活动.+；二是.+；三是.+；四是配齐配强宣传信息工作人员，保持队伍相对稳定。",
        text,
    )


def test_without_outcomes_only_the_implementation_part_remains() -> None:
    data = _raw(CONCLUDING)
    del data["conclusion"]["outcomes"]
    draft = _compose_data(data)
    assert [h.full_text for h in _headings(draft)] == ["一、会议精神贯彻落实意见"]
    assert "收效" not in draft.text()


def test_without_implementation_only_the_outcomes_part_remains() -> None:
    data = _raw(CONCLUDING)
    del data["conclusion"]["implementation"]
    draft = _compose_data(data)
    assert [h.full_text for h in _headings(draft)] == ["一、会议的主要收效"]
    assert "贯彻落实" not in draft.text()


def test_without_both_parts_there_is_no_heading_and_no_announcement() -> None:
    data = _raw(CONCLUDING)
    del data["conclusion"]["implementation"]
    del data["conclusion"]["outcomes"]
    draft = _compose_data(data)
    assert _headings(draft) == []
    assert "下面，" not in draft.text()
    assert _lint(draft) == []


def test_a_single_outcome_is_not_numbered() -> None:
    data = _raw(CONCLUDING)
    data["conclusion"]["outcomes"] = data["conclusion"]["outcomes"][:1]
    text = _compose_data(data).text()
    assert "（一）进一步" not in text and "方面：" not in text
    assert "进一步提高了对做好新时代政协宣传信息工作重要性的认识。" in text


def test_a_single_implementation_point_is_not_numbered() -> None:
    data = _raw(CONCLUDING)
    data["conclusion"]["implementation"] = {"leadership": "把宣传信息工作列入重要议事日程"}
    draft = _compose_data(data)
    assert "（一）" not in draft.text().split("二、", 1)[-1]
    assert "把宣传信息工作列入重要议事日程。" in draft.text()


def test_implementation_points_are_renumbered_when_one_is_missing() -> None:
    data = _raw(CONCLUDING)
    del data["conclusion"]["implementation"]["support"]
    text = _compose_data(data).text()
    assert "（四）" not in text and "一是对政协组织" not in text
    assert re.search(r"^（三）.*2025年1月15日前", text, re.M)


def test_draft_mode_marks_a_missing_implementation_point() -> None:
    data = _raw(CONCLUDING)
    del data["conclusion"]["implementation"]["transmit"]
    draft = _compose_data(data, mode="draft")
    todos = [s.text for p in _paras(draft) for s in p.segments if s.role == "todo"]
    assert todos == ["〔待补：传达学习要求〕"]
    assert _lint(draft, "draft") == []
    assert "〔待补" not in _compose_data(data, mode="final").text()


def test_speaker_names_are_written_with_the_role() -> None:
    data = _raw(CONCLUDING)
    data["conclusion"]["speakers"] = [{"role": "市委副书记", "name": "程立言（虚构）"}]
    text = _compose_data(data).text()
    assert "市委副书记程立言同志" in text and "分别作了" not in text and "虚构" not in text


# --- exchange material ----------------------------------------------------------------------------------


def test_exchange_material_is_third_person_without_salutation() -> None:
    draft = _compose(MATERIAL)
    text = draft.text()
    assert not any(isinstance(b, Salutation | Byline | ClosingLine) for b in draft.blocks)
    assert "我讲" not in text and "我们" not in text and "同志们" not in text
    assert "临溪县政协" in text


def test_exchange_material_lead_ends_with_the_report_formula() -> None:
    lead = _paras(_compose(MATERIAL))[0]
    assert lead.text.endswith("现将有关情况汇报如下：")
    assert "被评为“全省政协宣传信息工作优秀单位”" in lead.text


def test_without_honour_the_lead_drops_that_clause_only() -> None:
    data = _raw(MATERIAL)
    del data["exchange"]["lead"]["honour"]
    lead = _paras(_compose_data(data))[0]
    assert "被评为" not in lead.text
    assert lead.text.endswith("。现将有关情况汇报如下：")


def test_exchange_material_headings_are_the_data() -> None:
    data = _raw(MATERIAL)
    draft = _compose(MATERIAL)
    assert [h.text for h in _headings(draft)] == [s["heading"] for s in data["exchange"]["sections"]]
    assert [h.number for h in _headings(draft)] == ["一、", "二、", "三、"]


def test_exchange_material_items_are_numbered_run_in_leads() -> None:
    draft = _compose(MATERIAL)
    numbers: list[list[int]] = []
    for b in draft.blocks:
        if isinstance(b, Heading):
            numbers.append([])
        elif isinstance(b, Paragraph) and b.segments[0].role == "item_lead":
            lead = b.segments[0].text
            m = re.match(r"(\d+)\.(\S+)。$", lead)
            assert m, lead
            numbers[-1].append(int(m.group(1)))
    assert numbers == [[1, 2, 3], [1, 2], [1, 2]]
    assert "1.高度重视，周密部署。" in draft.text()
    assert "1、" not in draft.text()


def test_result_comparison_is_computed_from_the_previous_value() -> None:
    text = _compose(MATERIAL).text()
    # the figure after a comparison joins its sentence after a ；, never a sentence of its own
    assert "今年以来，在《东岚政协报》刊发稿件42篇，较去年全年增长61.5%；在《协商在临溪》专栏播出节目30余期。" in text
    assert "是此前三年的5倍，其中1篇为整版推介。" in text


def test_signature_block_when_asked() -> None:
    draft = _compose(MATERIAL)
    assert draft.blocks[-1] == Signature("中国人民政治协商会议临溪县委员会", "2024年11月28日")
    data = _raw(MATERIAL)
    data["exchange"]["signature_unit"] = "临溪县政协办公室"
    assert _compose_data(data).blocks[-1] == Signature("临溪县政协办公室", "2024年11月28日")
    data["exchange"]["signature"] = False
    assert not any(isinstance(b, Signature) for b in _compose_data(data).blocks)


def test_subtitle_starts_with_a_dash() -> None:
    data = _raw(MATERIAL)
    data["document"]["subtitle"] = "临溪县政协建强宣传阵地的实践与探索"
    draft = _compose_data(data)
    assert draft.blocks[1] == Subtitle("——临溪县政协建强宣传阵地的实践与探索")
    assert _lint(draft) == []


def test_next_steps_close_the_material_in_third_person() -> None:
    data = _raw(MATERIAL)
    data["exchange"]["closing"] = "next_steps"
    data["exchange"]["next_steps"] = ["进一步拓展融媒体传播渠道", "持续擦亮“委员在一线”报道品牌"]
    draft = _compose_data(data)
    last = _paras(draft)[-1].text
    assert last.startswith(("下一步，县政协将", "今后，县政协将"))
    assert "一是进一步拓展融媒体传播渠道；二是持续擦亮“委员在一线”报道品牌。" in last
    assert isinstance(draft.blocks[-1], Signature)
    assert _lint(draft) == []


def test_next_steps_without_the_closing_switch_are_reported_not_dropped_silently() -> None:
    data = _raw(MATERIAL)
    data["exchange"]["next_steps"] = ["进一步拓展融媒体传播渠道"]
    draft = _compose_data(data)
    assert "融媒体传播渠道" not in draft.text()
    assert any(n.code == "unused-fact" and n.path == "exchange.next_steps" for n in draft.notices)


def test_a_zero_result_is_dropped() -> None:
    data = _raw(MATERIAL)
    data["exchange"]["sections"][2]["items"][0]["results"][0]["value"] = 0
    text = _compose_data(data).text()
    assert "聘任宣传联络员" not in text and "0名" not in text


def test_missing_previous_period_drops_the_comparison_or_marks_it() -> None:
    data = _raw(MATERIAL)
    del data["exchange"]["sections"][0]["items"][1]["results"][0]["previous_period"]
    final = _compose_data(data).text()
    assert "刊发稿件42篇，在《协商在临溪》专栏播出节目30余期。" in final and "61.5%" not in final
    draft = _compose_data(data, mode="draft")
    assert "刊发稿件42篇，较〔待补：上期表述〕增长61.5%；" in draft.text()
    assert _lint(draft, "draft") == []


def test_an_item_with_nothing_left_is_dropped_and_the_rest_renumbered() -> None:
    data = _raw(MATERIAL)
    item = data["exchange"]["sections"][0]["items"][0]
    item["practices"], item["results"] = [], []
    text = _compose_data(data).text()
    assert "高度重视，周密部署" not in text
    assert "1.借力媒体，拓宽渠道。" in text and "2.建好自有平台，形成宣传矩阵。" in text
    draft = _compose_data(data, mode="draft")
    assert "1.高度重视，周密部署。〔待补：具体做法〕" in draft.text()


def test_a_section_with_no_items_left_is_dropped_and_headings_renumbered() -> None:
    data = _raw(MATERIAL)
    for item in data["exchange"]["sections"][0]["items"]:
        item["practices"], item["results"] = [], []
    draft = _compose_data(data)
    assert [h.full_text for h in _headings(draft)] == [
        "一、加强“品牌”意识，着力讲好委员故事",
        "二、加强“队伍”意识，着力夯实工作基础",
    ]
    assert "阵地建设关系" not in draft.text()


# --- exchange speech ------------------------------------------------------------------------------------


def test_exchange_speech_is_first_person_and_spoken() -> None:
    draft = _compose(SPEECH)
    text = draft.text()
    assert draft.blocks[1] == Subtitle("——在全市政协宣传信息工作会议上的交流发言")
    assert Salutation("尊敬的各位领导，同志们：") in draft.blocks
    assert "我们" in text and "望川区政协" in text
    assert draft.blocks[-1] == ClosingLine("谢谢大家！")
    assert not any(isinstance(b, Heading | Signature) for b in draft.blocks)


def test_exchange_speech_tells_its_points_as_yishi() -> None:
    paras = _paras(_compose(SPEECH))
    leads = [p.segments[0].text for p in paras if p.segments[0].role == "l3_lead"]
    assert leads == [
        "一是在“广”字上下功夫，拓宽信息来源。",
        "二是在“深”字上下功夫，提高信息质量。",
        "三是在“实”字上下功夫，推动成果转化。",
    ]
    assert "较去年同期增长49%" in paras[1].text


def test_exchange_speech_ends_with_the_humble_closing() -> None:
    draft = _compose(SPEECH)
    closing = draft.blocks[-2]
    assert isinstance(closing, Paragraph)
    assert closing.text in _variants("CLS-exchange_humble")


def test_without_a_closing_block_the_speech_still_closes_humbly() -> None:
    data = _raw(SPEECH)
    del data["closing"]
    draft = _compose_data(data)
    closing = draft.blocks[-2]
    assert isinstance(closing, Paragraph) and closing.text in _variants("CLS-exchange_humble")


@pytest.mark.parametrize(
    ("path", "title"),
    [
        (CONCLUDING, "在全市政协宣传信息工作会议结束时的讲话"),
        (MATERIAL, "临溪县政协宣传信息工作经验交流材料"),
        (SPEECH, "在全市政协宣传信息工作会议上的交流发言"),
    ],
)
def test_default_title_follows_the_kind_and_needs_no_subtitle(path: Path, title: str) -> None:
    data = _raw(path)
    del data["document"]["title"]
    draft = _compose_data(data)
    assert draft.blocks[0] == Title(title)
    assert not any(isinstance(b, Subtitle) for b in draft.blocks)


def test_a_section_with_several_practices_keeps_one_point_number() -> None:
    data = _raw(SPEECH)
    data["exchange"]["sections"][0]["items"].append(
        {"lead": "借助网络，线上线下结合", "practices": ["开通网上意见征集通道"]}
    )
    draft = _compose_data(data)
    texts = [p.text for p in _paras(draft)]
    i = next(k for k, t in enumerate(texts) if t.startswith("一是"))
    assert texts[i + 1].startswith("借助网络，线上线下结合。我们开通网上意见征集通道。")
    assert texts[i + 2].startswith("二是")


# --- removing optional facts leaves clean text ----------------------------------------------------------


def _drop(*path: str | int) -> Callable[[Data], None]:
    def run(data: Data) -> None:
        node: Any = data
        for k in path[:-1]:
            node = node[k]
        node.pop(path[-1])

    return run


def _each_item(fn: Callable[[Data], None]) -> Callable[[Data], None]:
    def run(data: Data) -> None:
        for sec in data["exchange"]["sections"]:
            for item in sec["items"]:
                fn(item)

    return run


def _each_result(key: str) -> Callable[[Data], None]:
    def run(item: Data) -> None:
        for r in item.get("results", []):
            r.pop(key, None)

    return _each_item(run)


def _no_rationale(data: Data) -> None:
    for sec in data["exchange"]["sections"]:
        sec.pop("rationale", None)


def _no_details(data: Data) -> None:
    for o in data["conclusion"]["outcomes"]:
        o.pop("detail", None)


def _no_previous(data: Data) -> None:
    _each_result("previous")(data)
    _each_result("previous_period")(data)


EXCHANGE_REMOVALS: list[tuple[str, Callable[[Data], None]]] = [
    ("lead.honour", lambda d: d["exchange"]["lead"].pop("honour", None)),
    ("lead.since", lambda d: d["exchange"]["lead"].pop("since", None)),
    ("lead.thesis_keywords", lambda d: d["exchange"]["lead"].pop("thesis_keywords", None)),
    ("sections.rationale", _no_rationale),
    ("items.results", _each_item(lambda i: i.pop("results", None))),
    ("items.practices", _each_item(lambda i: i.pop("practices", None))),
    ("results.previous", _no_previous),
    ("results.period_label", _each_result("period_label")),
    ("results.note", _each_result("note")),
    ("results.approx", _each_result("approx")),
    ("closing", lambda d: d.pop("closing", None)),
    ("signature", lambda d: d["exchange"].__setitem__("signature", False)),
]

REMOVALS: list[tuple[Path, str, Callable[[Data], None]]] = [
    (CONCLUDING, "meeting", _drop("meeting")),
    *[(CONCLUDING, f"meeting.{k}", _drop("meeting", k)) for k in ("agenda_done", "assessment")],
    *[
        (CONCLUDING, f"conclusion.{k}", _drop("conclusion", k))
        for k in ("speakers", "exchange_count", "exchange_units", "outcomes", "implementation")
    ],
    (CONCLUDING, "conclusion.outcomes.detail", _no_details),
    *[
        (CONCLUDING, f"implementation.{k}", _drop("conclusion", "implementation", k))
        for k in ("transmit", "support", "leadership", "supervision")
    ],
    (CONCLUDING, "closing", _drop("closing")),
    *[(CONCLUDING, f"closing.{k}", _drop("closing", k)) for k in ("guiding_thought", "local_goal")],
    *[(MATERIAL, name, fn) for name, fn in EXCHANGE_REMOVALS if name != "closing"],
    # the speech has no since (the period says it) and closes humbly without a closing block
    *[
        (SPEECH, name, fn)
        for name, fn in EXCHANGE_REMOVALS
        if name not in ("signature", "lead.since", "closing")
    ],
    (SPEECH, "period", _drop("period")),
    (SPEECH, "document.thank_you_line", _drop("document", "thank_you_line")),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("path", "name", "remove"), REMOVALS, ids=[f"{p.stem}-{n}" for p, n, _ in REMOVALS])
def test_removing_an_optional_fact_leaves_clean_text(
    path: Path, name: str, remove: Callable[[Data], None], mode: str
) -> None:
    full = _compose(path, mode).text()
    data = _raw(path)
    remove(data)
    draft = _compose_data(data, mode)
    text = draft.text()
    assert text != full, name
    assert find_placeholders(text) == []
    assert "None" not in text
    assert _lint(draft, mode) == []
    assert _dupes(text) == set()
    if mode == "final":
        assert "〔待补" not in text
