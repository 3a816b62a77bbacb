#!/usr/bin/env python3
"""Build templates/<name>.docx (each template a registered kind names) from the GB/T 9704 style profile.

    python scripts/build_templates.py [--profile styles/gbt9704.yaml] [--out templates]

The package is written from scratch with lxml (no python-docx default template, so no theme, no latent
styles, no Cambria/ＭＳ 明朝 theme fonts, no ja-JP themeFontLang).  Every run writes byte-identical files:
fixed part order and zip dates (docgen.render.finalize), fixed core properties, no clock, no randomness.

Every kind shares one body: a docxtpl loop over ``blocks`` with one paragraph per block kind, each
carrying that kind's paragraph style.  Every Jinja tag sits in a single run, so Word never splits it.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docgen import registry  # noqa: E402
from docgen.fsutil import atomic_write  # noqa: E402
from docgen.registry import KindSpec  # noqa: E402
from docgen.render.finalize import write_docx  # noqa: E402
from docgen.render.ooxml import NS, Profile, W, core_xml, footer_xml, load_profile, mm_to_twips  # noqa: E402


def shared_templates() -> dict[str, KindSpec]:
    """Template file name → the first registered kind naming it, for the templates kept under templates/ (a
    domain that ships its own ``templates/`` folder builds those itself)."""
    out: dict[str, KindSpec] = {}
    for d in registry.domains():
        own = resources.files(d.package) / "templates"
        for k in d.kinds:
            if not (own / k.template).is_file():
                out.setdefault(k.template, k)
    return out

XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TEMPLATE_STAMP = "2024-01-01T00:00:00Z"  # fixed: templates carry no build time

# (block kind, paragraph style, the tag in that paragraph); most frequent kinds first (fewer comparisons).
BODY: tuple[tuple[str, str, str], ...] = (
    ("paragraph", "BodyText", "{{r b.rich }}"),
    ("heading2", "Heading2", "{{ b.text }}"),
    ("heading1", "Heading1", "{{ b.text }}"),
    ("byline", "Byline", "{{ b.text }}"),
    ("title", "DocTitle", "{{ b.text }}"),
    ("subtitle", "DocSubtitle", "{{ b.text }}"),
    ("salutation", "Salutation", "{{ b.text }}"),
    ("closing", "ClosingLine", "{{ b.text }}"),
    ("blank", "BodyText", ""),
    ("signature", "Signature", "{{p b.xml }}"),
    ("table", "TableText", "{{p b.xml }}"),
)

CT = {
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "fontTable": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: etree._Element) -> etree._Element:
    """``el("w:jc", {"val": "both"})``: attributes without a prefix are w: attributes."""
    e = etree.Element(q(tag), nsmap={"w": W})
    for k, v in (attrs or {}).items():
        e.set(q(k) if ":" in k else f"{{{W}}}{k}", str(v))
    for c in children:
        e.append(c)
    return e


def tostring(root: etree._Element) -> bytes:
    etree.cleanup_namespaces(root)
    return XML_DECL + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


class Builder:
    """Turns the profile into the XML parts of a template."""

    def __init__(self, profile: Profile) -> None:
        self.p = profile.data
        self.profile = profile
        fonts = self.p["fonts"]
        self.latin: str | None = fonts.get("latin")
        self.faces = fonts["profiles"][fonts["default_profile"]]
        self.body: Mapping[str, Any] = self.p["body"]
        self.geometry = self._geometry()

    # -- page geometry -------------------------------------------------------------------------------
    def _geometry(self) -> dict[str, int]:
        page, grid = self.p["page"], self.p["grid"]
        m = {k: mm_to_twips(v) for k, v in page["margins_mm"].items()}
        text_w = page["width_twips"] - m["left"] - m["right"]
        text_h = page["height_twips"] - m["top"] - m["bottom"]
        pitch = grid["line_pitch_twips"]
        lines, chars = grid["lines_per_page"], grid["chars_per_line"]
        if not lines * pitch <= text_h < (lines + 1) * pitch:
            raise SystemExit(f"line pitch {pitch} does not give {lines} lines in {text_h} twips")
        size_pt = self.body["size_pt"]
        # char_space in 1/4096 pt: the largest value whose pitch still fits `chars` characters a line.
        char_space = math.floor((text_w / 20 / chars - size_pt) * 4096)
        if char_space != grid["char_space"]:
            raise SystemExit(f"grid.char_space should be {char_space} (profile says {grid['char_space']})")
        advance = size_pt + grid["char_spacing_twentieths"] / 20
        if int(text_w / 20 / advance) != chars:
            raise SystemExit(f"{advance} pt a character does not give {chars} characters in {text_w} twips")
        return {**m, "text_w": text_w, "text_h": text_h, "char_space": char_space}

    # -- run and paragraph properties ----------------------------------------------------------------
    def rfonts(self, role: str) -> etree._Element:
        face = self.faces[role]
        latin = self.latin or face
        return el(
            "w:rFonts", {"ascii": latin, "hAnsi": latin, "eastAsia": face, "cs": latin, "hint": "eastAsia"}
        )

    def rpr(self, spec: Mapping[str, Any], *, full: bool) -> etree._Element:
        rpr = el("w:rPr")
        rpr.append(self.rfonts(spec.get("font", self.body["font"])))
        if "bold" in spec or full:
            on = "1" if spec.get("bold", False) else "0"
            rpr.append(el("w:b", {"val": on}))
            rpr.append(el("w:bCs", {"val": on}))
        if full and spec.get("snap_to_grid", True):
            rpr.append(el("w:spacing", {"val": self.p["grid"]["char_spacing_twentieths"]}))
        size = spec.get("size_pt", self.body["size_pt"] if full else None)
        if size is not None:
            rpr.append(el("w:sz", {"val": round(size * 2)}))
            rpr.append(el("w:szCs", {"val": round(size * 2)}))
        if spec.get("highlight"):
            rpr.append(el("w:highlight", {"val": spec["highlight"]}))
        return rpr

    def ppr(self, spec: Mapping[str, Any]) -> etree._Element:
        s = {**self.body, **spec}
        size_twips = round(s["size_pt"] * 20)
        ppr = el("w:pPr")
        if s.get("keep_next"):
            ppr.append(el("w:keepNext"))
        if s.get("keep_lines"):
            ppr.append(el("w:keepLines"))
        ppr.append(el("w:widowControl", {"val": "1" if s["widow_control"] else "0"}))
        if not s["auto_space_cjk_latin"]:
            ppr.append(el("w:autoSpaceDE", {"val": "0"}))
            ppr.append(el("w:autoSpaceDN", {"val": "0"}))
        if not s.get("snap_to_grid", True):
            ppr.append(el("w:snapToGrid", {"val": "0"}))
        ppr.append(
            el(
                "w:spacing",
                {
                    "before": s["space_before_twips"],
                    "beforeLines": 0,
                    "after": s["space_after_twips"],
                    "afterLines": 0,
                    "line": s["line_twips"],
                    "lineRule": s.get("line_rule", "exact"),
                },
            )
        )
        first, right = s["first_line_chars"], s.get("right_chars", 0)
        ppr.append(
            el(
                "w:ind",
                {
                    "leftChars": 0,
                    "left": 0,
                    "rightChars": round(right * 100),
                    "right": round(right * size_twips),
                    "firstLineChars": round(first * 100),
                    "firstLine": round(first * size_twips),
                },
            )
        )
        ppr.append(el("w:jc", {"val": s["align"]}))
        if "outline_level" in s:
            ppr.append(el("w:outlineLvl", {"val": s["outline_level"]}))
        return ppr

    # -- styles.xml ----------------------------------------------------------------------------------
    def style(
        self,
        kind: str,
        sid: str,
        name: str,
        *,
        based_on: str | None = None,
        next_id: str | None = None,
        default: bool = False,
        extra: Sequence[etree._Element] = (),
    ) -> etree._Element:
        attrs: dict[str, object] = {"type": kind, "styleId": sid}
        if default:
            attrs["default"] = "1"
        st = el("w:style", attrs, el("w:name", {"val": name}))
        if based_on:
            st.append(el("w:basedOn", {"val": based_on}))
        if next_id:
            st.append(el("w:next", {"val": next_id}))
        st.append(el("w:uiPriority", {"val": 99 if kind == "table" and default else 1}))
        if kind == "table" and default:
            st.append(el("w:semiHidden"))
            st.append(el("w:unhideWhenUsed"))
        else:
            st.append(el("w:qFormat"))
        for x in extra:
            st.append(x)
        return st

    def styles_xml(self) -> bytes:
        lang = self.p["fonts"]["lang"]
        root = el("w:styles")
        rpr_default = self.rpr({}, full=False)
        rpr_default.append(el("w:sz", {"val": round(self.body["size_pt"] * 2)}))
        rpr_default.append(el("w:szCs", {"val": round(self.body["size_pt"] * 2)}))
        rpr_default.append(
            el("w:lang", {"val": lang["latin"], "eastAsia": lang["east_asia"], "bidi": lang["bidi"]})
        )
        ppr_default = el(
            "w:pPr",
            None,
            el(
                "w:spacing",
                {
                    "before": self.body["space_before_twips"],
                    "after": self.body["space_after_twips"],
                    "line": self.body["line_twips"],
                    "lineRule": "exact",
                },
            ),
        )
        root.append(
            el(
                "w:docDefaults",
                None,
                el("w:rPrDefault", None, rpr_default),
                el("w:pPrDefault", None, ppr_default),
            )
        )
        root.append(
            self.style(
                "paragraph", "Normal", "Normal", default=True, extra=[self.ppr({}), self.rpr({}, full=True)]
            )
        )
        for spec in self.p["paragraph_styles"]:
            root.append(
                self.style(
                    "paragraph",
                    spec["id"],
                    spec["name"],
                    based_on=spec.get("based_on", "Normal"),
                    next_id=spec.get("next"),
                    extra=[self.ppr(spec), self.rpr(spec, full=True)],
                )
            )
        for spec in self.p["character_styles"]:
            root.append(self.style("character", spec["id"], spec["name"], extra=[self.rpr(spec, full=False)]))
        root.append(
            self.style("table", "TableNormal", "Normal Table", default=True, extra=self._tbl_normal())
        )
        root.append(self._table_style())
        return tostring(root)

    def _cell_mar(self) -> etree._Element:
        cm = self.p["table"]["cell_margin_twips"]
        return el(
            "w:tblCellMar",
            None,
            el("w:top", {"w": 0, "type": "dxa"}),
            el("w:left", {"w": cm, "type": "dxa"}),
            el("w:bottom", {"w": 0, "type": "dxa"}),
            el("w:right", {"w": cm, "type": "dxa"}),
        )

    def _tbl_normal(self) -> list[etree._Element]:
        tbl_pr = el("w:tblPr", None, el("w:tblInd", {"w": 0, "type": "dxa"}), self._cell_mar())
        return [self.rpr({}, full=False), tbl_pr]

    def _table_style(self) -> etree._Element:
        t = self.p["table"]
        sz = t["border_eighths_pt"]
        borders = el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(el(f"w:{side}", {"val": "single", "sz": sz, "space": 0, "color": "auto"}))
        tbl_pr = el("w:tblPr", None, el("w:tblInd", {"w": 0, "type": "dxa"}), borders, self._cell_mar())
        return self.style(
            "table",
            t["style_id"],
            t["style_name"],
            based_on="TableNormal",
            extra=[self.rpr({}, full=False), tbl_pr],
        )

    # -- the other parts -----------------------------------------------------------------------------
    def settings_xml(self) -> bytes:
        lang = self.p["fonts"]["lang"]
        compat = el("w:compat")
        for name, val in (
            ("compatibilityMode", "15"),
            ("overrideTableStyleFontSizeAndJustification", "1"),
            ("enableOpenTypeFeatures", "1"),
            ("doNotFlipMirrorIndents", "1"),
        ):
            compat.append(
                el(
                    "w:compatSetting",
                    {"name": name, "uri": "http://schemas.microsoft.com/office/word", "val": val},
                )
            )
        root = el(
            "w:settings",
            None,
            el("w:zoom", {"percent": 100}),
            el("w:defaultTabStop", {"val": 420}),
            el("w:characterSpacingControl", {"val": "doNotCompress"}),
            compat,
            el("w:themeFontLang", {"val": lang["latin"], "eastAsia": lang["east_asia"]}),
            el("w:decimalSymbol", {"val": "."}),
            el("w:listSeparator", {"val": ","}),
        )
        return tostring(root)

    def font_table_xml(self) -> bytes:
        fonts = self.p["fonts"]
        names: list[str] = []
        for fp in fonts["profiles"].values():
            for face in fp.values():
                if face not in names:
                    names.append(face)
        if self.latin and self.latin not in names:
            names.append(self.latin)
        root = el("w:fonts")
        for name in names:
            f = el("w:font", {"name": name})
            if name in fonts["alt_names"]:
                f.append(el("w:altName", {"val": fonts["alt_names"][name]}))
            f.append(el("w:charset", {"val": "86" if name != self.latin else "00"}))
            f.append(el("w:family", {"val": "auto"}))
            f.append(el("w:pitch", {"val": "variable"}))
            root.append(f)
        return tostring(root)

    def document_xml(self) -> bytes:
        def para(style: str, text: str) -> etree._Element:
            p = el("w:p", None, el("w:pPr", None, el("w:pStyle", {"val": style})))
            if text:
                t = el("w:t", None)
                t.text = text
                p.append(el("w:r", None, t))
            return p

        body = el("w:body")
        body.append(para("BodyText", "{%p for b in blocks %}"))
        for i, (kind, style, tag) in enumerate(BODY):
            keyword = "if" if i == 0 else "elif"
            body.append(para("BodyText", f"{{%p {keyword} b.kind == '{kind}' %}}"))
            body.append(para(style, tag))
        body.append(para("BodyText", "{%p endif %}"))
        body.append(para("BodyText", "{%p endfor %}"))
        g, page = self.geometry, self.p["page"]
        sect = el(
            "w:sectPr",
            None,
            el("w:footerReference", {"type": "default", "r:id": "rId4"}),
            el("w:pgSz", {"w": page["width_twips"], "h": page["height_twips"]}),
            el(
                "w:pgMar",
                {
                    "top": g["top"],
                    "right": g["right"],
                    "bottom": g["bottom"],
                    "left": g["left"],
                    "header": mm_to_twips(page["header_mm"]),
                    "footer": mm_to_twips(page["footer_mm"]),
                    "gutter": 0,
                },
            ),
            el("w:pgNumType", {"fmt": "decimal", "start": 1}),
            el("w:cols", {"space": 425}),
            el("w:docGrid", self._doc_grid()),
        )
        body.append(sect)
        root = etree.Element(q("w:document"), nsmap={"w": W, "r": NS["r"]})
        root.append(body)
        return tostring(root)

    def _doc_grid(self) -> dict[str, object]:
        grid = self.p["grid"]
        attrs: dict[str, object] = {"type": grid["type"], "linePitch": grid["line_pitch_twips"]}
        if grid["type"] == "linesAndChars":
            attrs["charSpace"] = self.geometry["char_space"]
        return attrs

    def footer(self) -> bytes:
        pn = self.p["page_number"]
        return footer_xml(
            "center",
            font=self.faces[pn["font"]],
            size_pt=pn["size_pt"],
            dash=pn["dash"],
            indent_chars=pn["indent_chars"],
        )

    # -- package -------------------------------------------------------------------------------------
    def parts(self, kind: str) -> dict[str, bytes]:
        ct_ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        types = etree.Element(f"{{{ct_ns}}}Types", nsmap={None: ct_ns})
        for ext, ctype in (
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("xml", "application/xml"),
        ):
            etree.SubElement(types, f"{{{ct_ns}}}Default", Extension=ext, ContentType=ctype)
        for part, key in (
            ("/word/document.xml", "document"),
            ("/word/styles.xml", "styles"),
            ("/word/settings.xml", "settings"),
            ("/word/fontTable.xml", "fontTable"),
            ("/word/footer1.xml", "footer"),
            ("/docProps/core.xml", "core"),
            ("/docProps/app.xml", "app"),
        ):
            etree.SubElement(types, f"{{{ct_ns}}}Override", PartName=part, ContentType=CT[key])

        def rels(items: Sequence[tuple[str, str, str]]) -> bytes:
            pr_ns = NS["pr"]
            root = etree.Element(f"{{{pr_ns}}}Relationships", nsmap={None: pr_ns})
            for rid, rtype, target in items:
                etree.SubElement(root, f"{{{pr_ns}}}Relationship", Id=rid, Type=rtype, Target=target)
            return tostring(root)

        pkg = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        ep_ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
        app = etree.Element(f"{{{ep_ns}}}Properties", nsmap={None: ep_ns})
        etree.SubElement(app, f"{{{ep_ns}}}Application").text = "docgen"
        etree.SubElement(app, f"{{{ep_ns}}}DocSecurity").text = "0"
        return {
            "[Content_Types].xml": tostring(types),
            "_rels/.rels": rels(
                [
                    ("rId1", RT + "officeDocument", "word/document.xml"),
                    ("rId2", pkg, "docProps/core.xml"),
                    ("rId3", RT + "extended-properties", "docProps/app.xml"),
                ]
            ),
            "word/_rels/document.xml.rels": rels(
                [
                    ("rId1", RT + "styles", "styles.xml"),
                    ("rId2", RT + "settings", "settings.xml"),
                    ("rId3", RT + "fontTable", "fontTable.xml"),
                    ("rId4", RT + "footer", "footer1.xml"),
                ]
            ),
            "word/document.xml": self.document_xml(),
            "word/styles.xml": self.styles_xml(),
            "word/settings.xml": self.settings_xml(),
            "word/fontTable.xml": self.font_table_xml(),
            "word/footer1.xml": self.footer(),
            "docProps/core.xml": core_xml(
                title=f"{registry.kind(kind).label}模板",
                subject="GB/T 9704-2012",
                creator="docgen",
                created=TEMPLATE_STAMP,
                identifier=kind,
            ),
            "docProps/app.xml": tostring(app),
        }


def build(out_dir: Path, profile_path: Path | None = None) -> list[Path]:
    """Write templates/<name> for every template a registered kind names; returns the paths written."""
    builder = Builder(load_profile(profile_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in shared_templates().items():
        path = out_dir / name
        atomic_write(path, write_docx(builder.parts(spec.name)))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    ap.add_argument("--profile", type=Path, default=None, help="style profile (default styles/gbt9704.yaml)")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "templates", help="output directory (default templates/)"
    )
    args = ap.parse_args(argv)
    for path in build(args.out, args.profile):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
