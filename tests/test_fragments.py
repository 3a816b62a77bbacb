"""The phrase library: loading, validation, deterministic choice, sandboxed rendering, political validity."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.fragments import (
    Family,
    FragmentError,
    FragmentLibrary,
    Variant,
    choice_index,
    describe,
)

DATA = Path(__file__).parent / "data" / "fragments"
REPO = Path(__file__).resolve().parent.parent
YEARS = (2023, 2024, 2025, 2026)


@pytest.fixture(scope="module")
def lib() -> FragmentLibrary:
    return FragmentLibrary.load(DATA / "good")


@pytest.fixture(scope="module")
def shipped() -> FragmentLibrary:
    return FragmentLibrary.load(REPO / "docgen" / "domains" / "cppcc_publicity" / "fragments")


def load_error(case: str) -> FragmentError:
    with pytest.raises(FragmentError) as info:
        FragmentLibrary.load(DATA / case)
    return info.value


# -- deterministic choice ------------------------------------------------------------------------------------


def test_choice_index_is_the_documented_sha256_formula() -> None:
    # Hard values: int.from_bytes(sha256(b"zz-2024-01\x00T-convening").digest()[:8], "big") == 6683164531957533021
    assert choice_index("zz-2024-01", "T-convening", 3) == 6683164531957533021 % 3 == 0
    assert choice_index("zz-2024-02", "T-convening", 3) == 11590497035805719902 % 3 == 1
    assert choice_index("zz-2024-01", "pc_2024_standard", 3) == 7025062475754051866 % 3 == 2


def test_same_document_gets_the_same_variant(lib: FragmentLibrary) -> None:
    assert lib.choose("T-convening", "zz-2024-01").id == "a"
    assert lib.choose("T-convening", "zz-2024-02").id == "b"
    assert {lib.choose("T-convening", "zz-2024-02").id for _ in range(20)} == {"b"}


def test_choice_does_not_depend_on_the_process_or_hash_seed() -> None:
    code = (
        "from docgen.fragments import FragmentLibrary;"
        f"lib = FragmentLibrary.load({str(DATA / 'good')!r});"
        "print(','.join(lib.choose('T-convening', f'doc-{i}').id for i in range(30)))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout.strip())
    assert len(outputs) == 1


def test_different_documents_spread_over_the_variants(lib: FragmentLibrary) -> None:
    counts = Counter(lib.choose("T-convening", f"doc-{i}").id for i in range(300))
    assert set(counts) == {"a", "b", "c"}
    assert min(counts.values()) > 60


def test_override_names_the_variant(lib: FragmentLibrary) -> None:
    assert lib.choose("T-convening", "zz-2024-01", override="c").id == "c"
    text = lib.render("T-convening", {"approved_by": "市委"}, "zz-2024-01", override="b")
    assert text == "经市委同意，今天召开这次会议。"


def test_unknown_override_is_an_error(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError, match=r"T-convening.*没有变体“z”"):
        lib.choose("T-convening", "zz-2024-01", override="z")


def test_unapproved_variant_is_never_chosen(lib: FragmentLibrary) -> None:
    assert {lib.choose("T-draft", f"doc-{i}").id for i in range(50)} == {"a"}
    with pytest.raises(FragmentError, match="未经审定"):
        lib.choose("T-draft", "doc-1", override="b")


def test_unknown_family_is_a_chinese_error(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError, match="片段族“OPN-nothing”不存在"):
        lib.family("OPN-nothing")
    assert issubclass(FragmentError, DocgenError)


# -- rendering -----------------------------------------------------------------------------------------------


def test_render_fills_the_slots(lib: FragmentLibrary) -> None:
    text = lib.render("T-convening", {"approved_by": "市委"}, "zz-2024-01")
    assert text == "这次会议是市委同意召开的。"


def test_optional_clause_in_a_variant(lib: FragmentLibrary) -> None:
    with_body = lib.render("T-points", {"n_points": "三", "on_behalf_of": "市政协党组"}, "d", override="b")
    without = lib.render("T-points", {"n_points": "三", "on_behalf_of": ""}, "d", override="b")
    assert with_body == "下面，我代表市政协党组讲三点意见。"
    assert without == "下面，我讲三点意见。"


def test_missing_slot_names_the_family_variant_and_slot(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError) as info:
        lib.render("T-convening", {}, "zz-2024-01")
    message = str(info.value)
    assert "T-convening" in message
    assert "变体 a" in message
    assert "approved_by" in message


def test_none_slot_value_is_an_error_not_the_word_none(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError, match="T-convening"):
        lib.render("T-convening", {"approved_by": None}, "zz-2024-01")


def test_slot_values_are_never_evaluated_as_templates(lib: FragmentLibrary) -> None:
    for value in ("{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "<w:t>&amp;</w:t>"):
        text = lib.render("T-convening", {"approved_by": value}, "zz-2024-01")
        assert text == f"这次会议是{value}同意召开的。"


def test_sandbox_blocks_unsafe_attribute_access(lib: FragmentLibrary, tmp_path: Path) -> None:
    (tmp_path / "opening.yaml").write_text(
        "area: opening\nfamilies:\n  - id: T-evil\n    says: 试图越界\n    needs: [org]\n"
        '    variants:\n      - id: a\n        text: "{{ org.__class__.__mro__ }}"\n',
        encoding="utf-8",
    )
    evil = FragmentLibrary.load(tmp_path)
    with pytest.raises(FragmentError, match="T-evil"):
        evil.render("T-evil", {"org": "市政协"}, "d")


# -- validation: every broken file is reported with file, line and family -------------------------------------


def test_the_good_test_library_loads(lib: FragmentLibrary) -> None:
    assert [f.id for f in lib.families()] == [
        "T-convening",
        "T-points",
        "T-draft",
        "pc_2024_test",
        "pc_draft_test",
    ]
    fam = lib.family("T-convening")
    assert isinstance(fam, Family)
    assert fam.area == "opening" and fam.needs == ("approved_by",) and not fam.political
    assert fam.source_file == "opening.yaml"
    assert isinstance(fam.variants[0], Variant)


def test_duplicate_family_id_across_files() -> None:
    err = load_error("dup_family")
    assert "opening.yaml:3: 片段族 T-same：片段族 id 重复" in str(err)
    assert "closing.yaml:3" in str(err)


def test_duplicate_variant_id() -> None:
    assert "opening.yaml:8: 片段族 T-dupvar：变体 a：变体 id 重复" in str(load_error("dup_variant"))


def test_variant_using_a_slot_not_in_needs() -> None:
    err = str(load_error("undeclared_slot"))
    assert "片段族 T-undeclared：变体 a：使用了 needs 中没有的槽位 meeting_name" in err


def test_jinja_syntax_error() -> None:
    err = str(load_error("syntax"))
    assert "opening.yaml:8: 片段族 T-syntax：变体 a：模板语法错误" in err


def test_political_family_without_validity_dates() -> None:
    err = str(load_error("political_no_dates"))
    assert "片段族 pc_nodates：变体 a：政治表述片段必须写明 valid_to" in err


def test_approved_political_family_needs_an_editor() -> None:
    assert "pc_noeditor" in str(load_error("unapproved_no_editor"))
    assert "approved_by" in str(load_error("unapproved_no_editor"))


def test_placeholder_tokens_are_rejected() -> None:
    err = load_error("placeholder")
    assert len(err.problems) == 3
    for token in ("×", "xx", "某某"):
        assert any(f"含占位符 {token}" in p for p in err.problems)


def test_area_must_match_the_file_name() -> None:
    err = str(load_error("area_mismatch"))
    assert "opening.yaml:1: area 应与文件名一致，写作“opening”（现为“closing”）" in err


def test_misspelt_key_is_not_silently_ignored() -> None:
    assert "片段族 T-unknown：未知的键“valid_form”" in str(load_error("unknown_key"))


def test_half_width_punctuation_and_spaces_are_rejected() -> None:
    err = load_error("halfwidth")
    assert any("变体 a：正文含半角标点" in p for p in err.problems)
    assert any("变体 b：正文含半角空格或换行" in p for p in err.problems)


def test_jinja_reserved_name_cannot_be_a_slot() -> None:
    assert "槽位名“self”是 Jinja 保留名" in str(load_error("reserved_slot"))


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    for case in ("dup_variant", "syntax", "undeclared_slot"):
        (tmp_path / f"{case}.yaml").write_text(
            (DATA / case / "opening.yaml")
            .read_text(encoding="utf-8")
            .replace("area: opening", f"area: {case}"),
            encoding="utf-8",
        )
    with pytest.raises(FragmentError) as info:
        FragmentLibrary.load(tmp_path)
    assert len(info.value.problems) == 3
    assert str(info.value) == "\n".join(info.value.problems)


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FragmentError, match="片段目录不存在"):
        FragmentLibrary.load(tmp_path / "nowhere")


# -- political validity --------------------------------------------------------------------------------------


def test_political_status_reasons(lib: FragmentLibrary) -> None:
    assert lib.political_status("pc_2024_test", date(2024, 3, 1)) is None
    assert lib.political_status("pc_2024_test", date(2023, 12, 31)) == "尚未生效（自2024年1月1日起有效）"
    assert lib.political_status("pc_2024_test", date(2025, 1, 1)) == "已过期（有效期至2024年12月31日）"
    assert lib.political_status("pc_draft_test", date(2024, 3, 1)) == "未经审定"
    assert lib.political_status("T-convening", date(2024, 3, 1)) == "不是政治表述片段"
    assert lib.political_status("pc_1999_test", date(2024, 3, 1)) == "不存在"
    assert lib.political_ids() == ["pc_2024_test", "pc_draft_test"]


def test_variant_valid_from_mid_year_supersedes_the_older_wording_from_that_date(lib: FragmentLibrary) -> None:
    before = {lib.choose("pc_2024_test", f"doc-{i}", on=date(2024, 3, 1)).id for i in range(40)}
    after = {lib.choose("pc_2024_test", f"doc-{i}", on=date(2024, 9, 1)).id for i in range(40)}
    assert before == {"a"}
    assert after == {"b"}  # the wording written after the event is the one valid on the date
    with pytest.raises(FragmentError, match="不在有效期内"):
        lib.choose("pc_2024_test", "doc-1", override="b", on=date(2024, 3, 1))


def test_valid_until_supports_an_expiry_warning(lib: FragmentLibrary) -> None:
    assert lib.valid_until("pc_2024_test", date(2024, 12, 1)) == date(2024, 12, 31)
    assert lib.valid_until("pc_2024_test", date(2025, 1, 1)) is None
    assert lib.valid_until("T-convening", date(2024, 12, 1)) is None


def test_political_family_is_never_chosen_without_the_document_date(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError, match="必须按文稿日期"):
        lib.choose("pc_2024_test", "doc-1")


def test_expired_political_family_cannot_be_rendered(lib: FragmentLibrary) -> None:
    with pytest.raises(FragmentError, match="已过期"):
        lib.render("pc_2024_test", {}, "doc-1", on=date(2025, 2, 1))


def test_a_2024_speech_may_use_pc_2024_but_not_pc_2023(shipped: FragmentLibrary) -> None:
    on = date(2024, 11, 20)
    assert shipped.political_valid_on("pc_2024_standard", on)
    assert shipped.political_status("pc_2023_standard", on) == "已过期（有效期至2023年12月31日）"
    assert shipped.political_status("pc_2025_standard", on) == "尚未生效（自2025年1月1日起有效）"
    assert shipped.political_status("pc_2024_unknown", on) == "不存在"
    assert shipped.political_valid_on("gt_2024_standard", on)


# -- the shipped library -------------------------------------------------------------------------------------


def test_the_shipped_library_loads(shipped: FragmentLibrary) -> None:
    assert shipped.families()
    assert FragmentLibrary.load() is FragmentLibrary.load()  # the default library is cached


def test_default_directory_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_FRAGMENTS", str(DATA / "good"))
    assert FragmentLibrary.load().family("T-convening").area == "opening"


def test_shipped_political_families_cover_each_year(shipped: FragmentLibrary) -> None:
    for year in YEARS:
        for prefix, n in (("pc", 3), ("gt", 1)):
            fam = shipped.family(f"{prefix}_{year}_standard")
            assert fam.political
            assert len(fam.variants) >= n
            assert fam.valid_from == date(year, 1, 1) and fam.valid_to == date(year, 12, 31)
            assert all(v.approved and v.approved_by for v in fam.variants)
            assert shipped.political_valid_on(fam.id, date(year, 1, 1))
            assert shipped.political_valid_on(fam.id, date(year, 12, 31))
            assert not shipped.political_valid_on(fam.id, date(year + 1, 1, 1))
            assert not shipped.political_valid_on(fam.id, date(year - 1, 12, 31))


def _texts(shipped: FragmentLibrary, fid: str) -> list[str]:
    return [v.text for v in shipped.family(fid).variants]


def test_each_year_names_its_own_era(shipped: FragmentLibrary) -> None:
    assert all("二十大" in t and "开局之年" in t for t in _texts(shipped, "pc_2023_standard"))
    pc_2024 = _texts(shipped, "pc_2024_standard")
    assert all("二十大" in t for t in pc_2024)
    assert any("三中全会" in t for t in pc_2024)
    assert any("人民政协成立75周年" in t for t in pc_2024)
    pc_2025 = _texts(shipped, "pc_2025_standard")
    assert all("三中全会" in t for t in pc_2025)
    assert all("十四五" in t and "收官之年" in t for t in pc_2025)
    assert all("十五五" in t for t in _texts(shipped, "pc_2026_standard"))
    assert any("四中全会" in t for t in _texts(shipped, "pc_2026_standard"))


def test_plenums_are_mentioned_only_after_they_closed(shipped: FragmentLibrary) -> None:
    closed = {"三中全会": date(2024, 7, 18), "四中全会": date(2025, 10, 23)}
    for fam in shipped.families():
        if not fam.political:
            continue
        for v in fam.variants:
            for plenum, last_day in closed.items():
                if plenum in v.text and v.valid_from is not None and v.valid_from.year == last_day.year:
                    assert v.valid_from > last_day, (fam.id, v.id)
            if "四中全会" in v.text:
                assert v.valid_from is not None and v.valid_from > closed["四中全会"], (fam.id, v.id)


OUTDATED = (
    "三个代表",
    "科学发展观",
    "十八届",
    "十九大",
    "十六届",
    "十七届",
    "俞正声",
    "汪洋",
    "构建和谐社会",
)
QUOTE_OF_A_LEADER = re.compile(
    r"(总书记|主席|同志)[^。]{0,12}(指出|强调|要求|讲|说)|(指出|强调|说)[:：]\s*[“\"]"
)


def test_no_outdated_formulas_and_no_quotations(shipped: FragmentLibrary) -> None:
    for fid in shipped.political_ids():
        for text in _texts(shipped, fid):
            assert not [w for w in OUTDATED if w in text], (fid, text)
            assert not QUOTE_OF_A_LEADER.search(text), (fid, text)
            # 习近平 appears only inside the name of the guiding thought, never as a speaker.
            assert text.count("习近平") == text.count("习近平新时代中国特色社会主义思想"), (fid, text)


def test_political_paragraphs_are_short(shipped: FragmentLibrary) -> None:
    for year in YEARS:
        for text in _texts(shipped, f"pc_{year}_standard"):
            assert 2 <= text.count("。") <= 3 and text.endswith("。"), text
        for text in _texts(shipped, f"gt_{year}_standard"):
            assert "。" not in text and "，" not in text and text.endswith(("思想", "精神"))


def test_describe_lists_every_family(shipped: FragmentLibrary) -> None:
    rows = describe(shipped)
    assert [r["id"] for r in rows] == [f.id for f in shipped.families()]
    row = next(r for r in rows if r["id"] == "pc_2024_standard")
    assert row == {
        "id": "pc_2024_standard",
        "area": "political",
        "says": shipped.family("pc_2024_standard").says,
        "needs": [],
        "variants": ["a", "b", "c"],
        "political": True,
        "valid_from": "2024-01-01",
        "valid_to": "2024-12-31",
        "approved": True,
        "source_file": "political.yaml",
    }


def test_every_key_of_the_file_format_is_documented_for_writers() -> None:
    from docgen import fragload

    readme = (REPO / "fragments" / "README.md").read_text(encoding="utf-8")
    keys = fragload._FILE_KEYS | fragload._FAMILY_KEYS | fragload._VARIANT_KEYS
    assert not [k for k in sorted(keys) if f"`{k}`" not in readme]
