"""docgen.load: every way a facts file can be unreadable gives one located Chinese problem."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from docgen.errors import FactsError, Problem
from docgen.load import MAX_BYTES, Loaded, format_loc, load_yaml, load_yaml_text

VALID = """\
# 示例
document:
  title: 在全市政协宣传信息工作会议上的讲话
  date: 2024-12-06
period: {year: 2024, ratio: 1.5, final: true, note: ~}
outlets:
  - name: 人民政协报
    count: 12
  - name: 政协网
    count: '7'
  - name: 市日报
    count: 0x1F
"""


def problems_of(source: str | bytes) -> list[Problem]:
    with pytest.raises(FactsError) as caught:
        load_yaml_text(source, "facts.yaml")
    return caught.value.problems


def only_problem(source: str | bytes) -> Problem:
    problems = problems_of(source)
    assert len(problems) == 1, problems
    return problems[0]


def where(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.code, problem.line, problem.col, problem.path)


# --- a good file ---------------------------------------------------------------------------------


def test_valid_file_gives_plain_python_values_in_order() -> None:
    loaded = load_yaml_text(VALID, "facts.yaml")
    assert isinstance(loaded, Loaded)
    assert type(loaded.data) is dict
    assert type(loaded.data["outlets"]) is list
    assert type(loaded.data["outlets"][0]) is dict
    assert list(loaded.data) == ["document", "period", "outlets"]
    assert loaded.data["document"]["date"] == datetime.date(2024, 12, 6)
    assert loaded.data["period"] == {"year": 2024, "ratio": 1.5, "final": True, "note": None}
    assert [o["count"] for o in loaded.data["outlets"]] == [12, "7", 31]
    assert loaded.file == loaded.source.file == "facts.yaml"


def test_timestamp_with_time_is_a_datetime_and_impossible_date_stays_text() -> None:
    data = load_yaml_text("a: 2024-12-06 09:30:00\nb: 2024-02-30\nc: 12:30\nd: yes\n").data
    assert data == {"a": datetime.datetime(2024, 12, 6, 9, 30), "b": "2024-02-30", "c": "12:30", "d": "yes"}


def test_positions_of_nested_values_keys_and_list_items() -> None:
    source = load_yaml_text(VALID).source
    assert source.values[("document", "title")] == (3, 10)
    assert source.keys[("document", "title")] == (3, 3)
    assert source.values[("document", "date")] == (4, 9)
    assert source.keys[("document",)] == (2, 1)
    assert source.values[("period", "ratio")] == (5, 29)
    assert source.values[("outlets", 0)] == (7, 5)
    assert source.values[("outlets", 2, "name")] == (11, 11)
    assert source.keys[("outlets", 2, "count")] == (12, 5)
    assert source.values[("outlets", 1, "count")] == (10, 12)


def test_an_empty_value_points_at_its_key_not_the_next_line() -> None:
    source = load_yaml_text("a:\n  b:\n  c: 1\n").source
    assert source.values[("a", "b")] == (2, 3)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    source = load_yaml_text(VALID).source
    assert source.locate(("document", "title")) == (3, 10)
    assert source.locate(("document", "title"), prefer_key=True) == (3, 3)
    # a missing field inside "document" points at the line of the key "document"
    assert source.locate(("document", "organizer")) == (2, 1)
    assert source.locate(("outlets", 1, "url", "host")) == (9, 5)
    assert source.locate(("missing",)) == (1, 1)
    assert source.locate(()) == (1, 1)


def test_format_loc_writes_dotted_paths_with_indexes() -> None:
    assert format_loc(("outlets", 2, "name")) == "outlets[2].name"
    assert format_loc(("document", "title")) == "document.title"
    assert format_loc(("items", 0, 1)) == "items[0][1]"
    assert format_loc(()) == ""


def test_load_yaml_reads_a_file_and_keeps_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(VALID, encoding="utf-8")
    loaded = load_yaml(path)
    assert loaded.file == str(path)
    assert loaded.data["outlets"][1]["name"] == "政协网"


def test_utf8_bom_is_accepted_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "title: 讲话\n".encode())
    loaded = load_yaml(path)
    assert loaded.data == {"title": "讲话"}
    assert loaded.source.keys[("title",)] == (1, 1)
    assert load_yaml_text("\ufefftitle: 讲话\n").data == {"title": "讲话"}


def test_alias_within_the_cap_expands_to_independent_copies() -> None:
    loaded = load_yaml_text("base: &b {unit: 篇, n: [1, 2]}\na: *b\nb: *b\n")
    assert loaded.data["a"] == loaded.data["b"] == {"unit": "篇", "n": [1, 2]}
    assert loaded.data["a"] is not loaded.data["b"]
    assert loaded.data["a"]["n"] is not loaded.data["base"]["n"]
    assert loaded.source.values[("b",)] == (3, 4)  # the alias itself is where it is written


def test_merge_key_brings_in_keys_and_explicit_keys_win() -> None:
    data = load_yaml_text("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n").data
    assert data["d"] == {"x": 1, "y": 3}


def test_windows_line_endings_keep_positions() -> None:
    source = load_yaml_text("a: 1\r\nb:\r\n  c: 讲话\r\n".encode()).source
    assert source.values[("b", "c")] == (3, 6)
    assert source.keys[("b",)] == (2, 1)


def test_merge_value_must_be_a_mapping() -> None:
    assert where(only_problem("d:\n  <<: 5\n")) == ("yaml-syntax", 2, 7, "d")


def test_tabs_inside_quoted_and_block_text_are_fine() -> None:
    data = load_yaml_text('a: |\n  x\n  \ty\nb: "p\n\tq"\nc: "\tr"\n').data
    assert data == {"a": "x\n\ty\n", "b": "p q", "c": "\tr"}


# --- the file itself -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(FactsError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.col, problem.file) == ("file-missing", 1, 1, str(path))
    assert "找不到文件" in problem.message


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(FactsError) as caught:
        load_yaml(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.col) == ("file-unreadable", 1, 1)
    assert "目录" in problem.message


def test_file_over_two_megabytes_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(FactsError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.col) == ("file-too-large", 1, 1)
    assert "2,097,153 字节" in problem.message and "上限为 2 MB" in problem.message


def test_text_over_two_megabytes_is_refused() -> None:
    problem = only_problem(b"a: " + b"x" * MAX_BYTES)
    assert where(problem) == ("file-too-large", 1, 1, "")


def test_gbk_file_names_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nb: 中文\n".encode("gbk"))
    with pytest.raises(FactsError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.col) == ("not-utf8", 2, 4)
    assert "不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8" in problem.message


def test_bad_byte_column_counts_characters_before_it() -> None:
    problem = only_problem("名称: ".encode() + "中".encode("gbk"))
    assert where(problem) == ("not-utf8", 1, 5, "")


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n   \n# 还是注释\n", "---\n"])
def test_empty_file(text: str) -> None:
    assert where(only_problem(text)) == ("empty-file", 1, 1, "")


@pytest.mark.parametrize(
    ("text", "line", "col"), [("- a\n- b\n", 1, 1), ("# c\n  just text\n", 2, 3), ("42\n", 1, 1)]
)
def test_top_level_must_be_a_mapping(text: str, line: int, col: int) -> None:
    problem = only_problem(text)
    assert where(problem) == ("top-not-mapping", line, col, "")
    assert "映射" in problem.message


# --- YAML syntax ---------------------------------------------------------------------------------


def test_yaml_syntax_error_points_at_ruamels_problem_mark() -> None:
    problem = only_problem("title: 讲话\nsubtitle: 主题: 宣传\n")
    assert where(problem) == ("yaml-syntax", 2, 13, "")
    assert "请给整段文字加引号" in problem.message
    assert "mapping values" not in problem.message  # Chinese only


SPEECH = "document:\n  id: t-1\n  kind: work_summary\n  date: 2024-12-06\norg:\n  short_name: 区政协\n  place: 石湾\n"


@pytest.mark.parametrize(
    ("old", "new", "col", "words"),
    [
        ("date: ", "date：", 7, "全角冒号"),  # line 4: the scanner would blame org: on line 5
        ("date: ", "date:", 7, "缺少空格"),
        ("date: ", "date ：", 8, "全角冒号"),
        ("org:\n", "org：\n", 4, "全角冒号"),  # a block's key: the error would be on its first field
    ],
    ids=["fullwidth", "no-space", "space-fullwidth", "block-key"],
)
def test_a_key_with_a_fullwidth_colon_or_no_space_is_reported_on_its_own_line(
    old: str, new: str, col: int, words: str
) -> None:
    text = SPEECH.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1
    problem = only_problem(text)
    assert where(problem) == ("yaml-syntax", line, col, "")
    assert words in problem.message and "“" in problem.message


def test_every_bad_separator_is_reported_in_one_pass() -> None:
    text = SPEECH.replace("date: ", "date：").replace("place: ", "place:") + "period:\n  kind：calendar_year\n"
    assert [(p.line, p.code) for p in problems_of(text)] == [(4, "yaml-syntax"), (7, "yaml-syntax"), (9, "yaml-syntax")]


def test_a_fullwidth_colon_inside_block_text_is_not_blamed() -> None:
    text = "document:\n  title: |\n    kind：块文字\n  id x\n  kind: work_summary\n"
    problem = only_problem(text)
    assert (problem.line, problem.col) == (4, 3)  # the line without ": ", not the next one, not the text
    assert "缺少" in problem.message and "kind" not in problem.message
    assert load_yaml_text("a: |\n  id：x\n  b:c\n").data == {"a": "id：x\nb:c\n"}


def test_a_line_without_a_colon_is_reported_on_its_own_line() -> None:
    problem = only_problem("document:\n  id: x\n  date 2024-12-06\norg:\n  place: 石湾\n")
    assert where(problem) == ("yaml-syntax", 3, 3, "")
    assert "“: ”" in problem.message


def test_unclosed_quote_is_a_syntax_error() -> None:
    problem = only_problem('a: "讲话\nb: 1\n')
    assert problem.code == "yaml-syntax"
    assert "引号" in problem.message
    assert (problem.line, problem.col) == (1, 4)  # where the quote opens, not the end of the file


def test_an_unclosed_quote_on_line_10_is_reported_on_line_10_not_at_the_end() -> None:
    lines = [f"k{i}: v" for i in range(9)] + ['q: "没有闭合'] + [f"k{i}: v" for i in range(10, 237)]
    problem = only_problem("\n".join(lines) + "\n")
    assert where(problem) == ("yaml-syntax", 10, 4, "")


def test_an_unclosed_flow_list_points_at_its_bracket() -> None:
    problem = only_problem("a: 1\nb: [1, 2\n")
    assert problem.code == "yaml-syntax" and problem.line == 2 and "括号" in problem.message


def test_utf32_is_called_utf32_and_utf16_without_bom_is_recognised() -> None:
    import codecs

    from docgen.errors import FactsError
    from docgen.load import load_yaml_text

    for data, name in (
        ("a: b\n".encode("utf-32"), "UTF-32"),
        ("a: b\n".encode("utf-32-be"), "UTF-32"),
        ("a: b\n".encode("utf-16"), "UTF-16"),
        ("a: 讲话稿\n".encode("utf-16-le"), "UTF-16"),
    ):
        with pytest.raises(FactsError) as err:
            load_yaml_text(data, "f.yaml")
        (problem,) = err.value.problems
        assert problem.code == "not-utf8" and name in problem.message, (data[:8], problem.message)
        assert "GBK" not in problem.message
    assert codecs.BOM_UTF32_LE.startswith(codecs.BOM_UTF16_LE)


def test_a_docx_given_as_facts_is_named_not_called_gbk() -> None:
    from docgen.errors import FactsError
    from docgen.load import load_yaml_text

    with pytest.raises(FactsError) as err:
        load_yaml_text(b"PK\x03\x04" + bytes(range(256)), "讲话.docx")
    (problem,) = err.value.problems
    assert "Word 文档" in problem.message and "GBK" not in problem.message


def test_two_documents_in_one_file_are_refused() -> None:
    assert where(only_problem("a: 1\n---\nb: 2\n")) == ("yaml-syntax", 2, 1, "")


def test_deep_nesting_is_a_problem_not_a_traceback() -> None:
    problem = only_problem("a: " + "[" * 5000)
    assert problem.code == "yaml-syntax"


def test_deep_nesting_is_reported_where_it_runs_too_deep() -> None:
    flow = only_problem("a: 1\nb: 2\nc: " + "[" * 3000 + "]" * 3000 + "\n")
    assert (flow.code, flow.line, flow.col) == ("yaml-syntax", 3, 3 + 65)  # the 65th bracket of line 3
    assert "嵌套层次太深" in flow.message
    block = "a: 1\nb:\n" + "".join("  " * (i + 1) + "- c:\n" for i in range(1200))
    problem = only_problem(block)
    assert problem.code == "yaml-syntax" and problem.line > 60 and "嵌套层次太深" in problem.message


def test_duplicate_key_points_at_the_second_one_and_names_the_first_line() -> None:
    problem = only_problem("title: 一\nyear: 2024\ntitle: 二\n")
    assert where(problem) == ("duplicate-key", 3, 1, "title")
    assert problem.message == "键“title”重复（第 1 行已出现）"


def test_all_duplicate_keys_are_reported_at_once() -> None:
    problems = problems_of("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\na: 2\nc: [{k: 1, k: 2}]\n")
    assert [where(p) for p in problems] == [
        ("duplicate-key", 5, 3, "b.x"),
        ("duplicate-key", 6, 1, "a"),
        ("duplicate-key", 7, 12, "c[0].k"),
    ]


def test_tab_indentation_reports_every_tab_line() -> None:
    problems = problems_of("document:\n\ttitle: 讲话\n\tdate: 2024-12-06\nlist:\n  - a\n \t- b\n")
    assert [where(p) for p in problems] == [
        ("tab-indent", 2, 1, "document.title"),
        ("tab-indent", 3, 1, "document.date"),
        ("tab-indent", 6, 2, "list[1]"),
    ]
    assert "TAB" in problems[0].message and "空格" in problems[0].message


def test_tab_indentation_that_breaks_the_structure_still_reports_only_the_tabs() -> None:
    problems = problems_of("a:\n  b: 1\n\tc: 2\n")
    assert [where(p) for p in problems] == [("tab-indent", 3, 1, "")]


# --- safety --------------------------------------------------------------------------------------


def test_python_object_tag_is_refused() -> None:
    problems = problems_of("a: !!python/object/apply:os.system [echo hi]\nb: !!python/name:os.system ''\n")
    assert [where(p) for p in problems] == [("yaml-tag", 1, 4, "a"), ("yaml-tag", 2, 4, "b")]
    assert "!!python/object/apply:os.system" in problems[0].message


def test_value_that_does_not_fit_its_explicit_tag_is_refused() -> None:
    assert where(only_problem("a: !!int 十二\n")) == ("yaml-tag", 1, 4, "a")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    started = time.perf_counter()
    problem = only_problem("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    # refused at the first alias that takes the expansion over 100,000 nodes (the 9th level would be 10**9)
    assert where(problem) == ("alias-limit", 6, 10, "")
    assert "引用展开后内容过多" in problem.message
    assert elapsed < 0.5


def test_too_many_aliases_are_refused_at_the_first_one_over_the_cap() -> None:
    text = "x: &x 1\nl:\n" + "".join("  - *x\n" for _ in range(101))
    problem = only_problem(text)
    assert where(problem) == ("alias-limit", 103, 5, "")
    assert problem.message == "引用（*别名）太多：超过上限 100 处"


def test_recursive_alias_is_refused() -> None:
    assert where(only_problem("a: &a [1, *a]\n")) == ("alias-limit", 1, 11, "")


def test_keys_must_be_text_and_all_are_reported() -> None:
    problems = problems_of("1: a\nnull: b\n2024-01-01: c\n? [x]\n: d\nok:\n  true: e\n")
    assert [where(p) for p in problems] == [
        ("key-not-string", 1, 1, ""),
        ("key-not-string", 2, 1, ""),
        ("key-not-string", 3, 1, ""),
        ("key-not-string", 4, 3, ""),
        ("key-not-string", 7, 3, "ok"),
    ]
    assert problems[0].message == '键“1”会被读成数字，不是文字；请加引号，写成 "1"'


def test_raw_control_character_is_located_with_its_path() -> None:
    problem = only_problem("document:\n  title: 讲\x01话\n")
    assert where(problem) == ("invalid-char", 2, 11, "document.title")
    assert "U+0001" in problem.message


def test_escaped_control_character_in_double_quotes_is_refused() -> None:
    problem = only_problem('outlets:\n  - name: "人民\\x0b日报"\n')
    assert where(problem) == ("invalid-char", 2, 11, "outlets[0].name")
    assert "U+000B" in problem.message


def test_several_problems_in_one_file_are_reported_together() -> None:
    text = "a:\n\tb: 2\nc: \x07\na: 3\n5: x\n"
    assert [where(p) for p in problems_of(text)] == [
        ("tab-indent", 2, 1, "a.b"),
        ("invalid-char", 3, 4, "c"),
        ("duplicate-key", 4, 1, "a"),
        ("key-not-string", 5, 1, ""),
    ]


@pytest.mark.parametrize(
    "example", sorted((Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))
)
def test_libyaml_fast_path_gives_the_same_positions_as_the_pure_parser(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.load as load_mod

    text = example.read_text(encoding="utf-8")
    used: list[str] = []
    real = load_mod._CLoader

    def counting(t: str) -> object:
        used.append(t)
        return real(t)

    monkeypatch.setattr(load_mod, "_CLoader", counting)
    fast = load_mod.load_yaml_text(text, "x.yaml")
    assert used, "the libyaml path was not taken"
    monkeypatch.setattr(load_mod, "_FAST_OK", frozenset(text))  # every text now takes the pure path
    pure = load_mod.load_yaml_text(text, "x.yaml")
    assert fast.data == pure.data
    assert fast.source.values == pure.source.values
    assert fast.source.keys == pure.source.keys


def test_percent_signs_in_values_keep_the_fast_path_and_directives_do_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import docgen.load as load_mod

    used: list[str] = []
    real = load_mod._CLoader

    def counting(t: str) -> object:
        used.append(t)
        return real(t)

    monkeypatch.setattr(load_mod, "_CLoader", counting)
    assert load_mod.load_yaml_text("a: 完成率103%\n", "x.yaml").data == {"a": "完成率103%"}
    assert len(used) == 1
    assert load_mod.load_yaml_text("%YAML 1.2\n---\na: 1\n", "x.yaml").data == {"a": 1}
    assert len(used) == 1


@pytest.mark.parametrize("item", ["outlet：rmzxb", "outlet:rmzxb"])
def test_a_list_item_key_with_a_bad_colon_says_how_to_write_it(item: str) -> None:
    from helpers import dump, minimal_speech
    from helpers import problems_of as model_problems

    data = minimal_speech()
    data["achievements"]["media"]["by_outlet"] = [item]
    [problem] = model_problems(dump(data))
    assert problem.code == "not-mapping" and "“outlet: ”" in problem.message
