"""render_text / render_markdown: snapshots and the Markdown rules that matter."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    DraftMeta,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.render import render_markdown, render_text


def sample_draft() -> Draft:
    return Draft(
        meta=DraftMeta(doc_id="t", kind="leadership_speech", title="讲话", date=date(2024, 12, 6)),
        blocks=[
            Title("在全市政协宣传信息工作会议上的讲话"),
            Subtitle("——在全市政协宣传信息工作会议上的讲话"),
            Byline(("市政协主席　林远航", "（2024年12月6日）")),
            Salutation("同志们："),
            Heading(1, "一、", "过去一年的主要工作"),
            Paragraph(
                (
                    Segment("（一）凝聚工作合力，树好政协形象。", "l2_lead"),
                    Segment("全年刊发稿件160余篇，同比增长12.5%。"),
                )
            ),
            Heading(2, "（二）", "信息工作提质增效"),
            Paragraph(
                (
                    Segment("一是聚焦主题主线集中发声。", "l3_lead"),
                    Segment("全年编发信息"),
                    Segment("〔待补：篇数〕", "todo"),
                    Segment("篇。"),
                )
            ),
            Paragraph((Segment("1.高度重视，周密部署。", "item_lead"), Segment("成立专班。"))),
            Paragraph((Segment('A&B <c> "d" *x* {{ y }} a|b'),)),
            ClosingLine("谢谢大家！"),
            Signature("政协某某市委员会办公室", "2024年12月6日"),
            Table((("时间", "议程"), ("9:00", "开幕|致辞"))),
        ],
    )


def test_text_snapshot(snapshot) -> None:  # type: ignore[no-untyped-def]
    assert render_text(sample_draft()) == snapshot


def test_markdown_snapshot(snapshot) -> None:  # type: ignore[no-untyped-def]
    assert render_markdown(sample_draft()) == snapshot


def test_text_has_one_line_per_paragraph_in_order() -> None:
    lines = render_text(sample_draft()).splitlines()
    assert lines[0] == "在全市政协宣传信息工作会议上的讲话"
    assert lines[2:4] == ["市政协主席　林远航", "（2024年12月6日）"]
    assert "一是聚焦主题主线集中发声。全年编发信息〔待补：篇数〕篇。" in lines
    assert lines[-1] == "9:00\t开幕|致辞"


def test_markdown_headings_use_the_level_marks() -> None:
    md = render_markdown(sample_draft())
    assert md.startswith("# 在全市政协宣传信息工作会议上的讲话\n")
    assert "\n## 一、过去一年的主要工作\n" in md
    assert "\n### （二）信息工作提质增效\n" in md


def test_run_in_leads_render_bold_in_commonmark() -> None:
    html = MarkdownIt().render(render_markdown(sample_draft()))
    assert "<strong>（一）凝聚工作合力，树好政协形象</strong>。全年" in html
    assert "<strong>一是聚焦主题主线集中发声</strong>。全年" in html
    assert "<strong>1.高度重视，周密部署</strong>。成立专班" in html


def test_todo_marks_are_highlighted() -> None:
    assert "==〔待补：篇数〕==" in render_markdown(sample_draft())


def test_markdown_special_characters_in_data_stay_text() -> None:
    html = MarkdownIt().render(render_markdown(sample_draft()))
    assert "A&amp;B &lt;c&gt; &quot;d&quot; *x* {{ y }} a|b" in html
    assert "<td>开幕|致辞</td>" in MarkdownIt().enable("table").render(render_markdown(sample_draft()))
