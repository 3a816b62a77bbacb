"""OOXML pieces shared by the template builder (``scripts/build_templates.py``) and the .docx renderer.

The style profile ``styles/gbt9704.yaml`` is the single source of the GB/T 9704 numbers; this module loads
it, converts its units and writes the few XML parts that both the builder and the renderer produce (the page
number footer).  It also knows the schema order of the handful of OOXML children we insert at render time.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from docgen.errors import RenderError
from docgen.resources import data_dir

__all__ = [
    "NS",
    "PROFILE_PATH",
    "FooterAlign",
    "Profile",
    "W",
    "core_xml",
    "escape",
    "footer_xml",
    "insert_in_order",
    "load_profile",
    "mm_to_twips",
    "swap_fonts",
    "w",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"

PROFILE_PATH = data_dir("styles") / "gbt9704.yaml"

FooterAlign = Literal["center", "right", "left"]

TWIPS_PER_PT = 20
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def escape(text: str) -> str:
    """Escape text for an XML element or a double-quoted attribute (xml.sax.saxutils costs 15 ms to import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute: ``w("val")`` → ``{…/main}val``."""
    return f"{{{W}}}{name}"


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips (1/1440 inch), rounded to the nearest twip: 37 mm → 2098."""
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Profile:
    """The parsed style profile.  ``data`` is the raw mapping (the template builder reads all of it)."""

    data: Mapping[str, Any]

    @property
    def font_profiles(self) -> Mapping[str, Mapping[str, str]]:
        profiles: Mapping[str, Mapping[str, str]] = self.data["fonts"]["profiles"]
        return profiles

    @property
    def default_font_profile(self) -> str:
        return str(self.data["fonts"]["default_profile"])

    def face(self, role: str, font_profile: str | None = None) -> str:
        """The font name of a role (``fangsong``, ``kaiti`` …) in a font profile."""
        fp = self.font_profiles[font_profile or self.default_font_profile]
        return str(fp[role])

    def font_map(self, font_profile: str) -> dict[str, str]:
        """Font names to replace when a template built with the default profile is rendered with another."""
        if font_profile not in self.font_profiles:
            known = "、".join(self.font_profiles)
            raise RenderError(f"未知的字体方案“{font_profile}”，可选：{known}")
        src = self.font_profiles[self.default_font_profile]
        dst = self.font_profiles[font_profile]
        return {str(src[k]): str(dst[k]) for k in src if k in dst and src[k] != dst[k]}

    @property
    def page_number(self) -> Mapping[str, Any]:
        spec: Mapping[str, Any] = self.data["page_number"]
        return spec


_REQUIRED = ("page", "grid", "fonts", "body", "paragraph_styles", "character_styles", "table", "page_number")


@functools.lru_cache(maxsize=4)
def _load_profile_cached(path: str, mtime_ns: int) -> Profile:
    from ruamel.yaml import YAML  # imported here: only the builder and rare render variants need it
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as exc:
        raise RenderError(f"无法读取样式配置文件 {path}：{exc}") from exc
    if not isinstance(data, dict):
        raise RenderError(f"样式配置文件 {path} 的顶层必须是映射")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise RenderError(f"样式配置文件 {path} 缺少：{'、'.join(missing)}")
    return Profile(data)


def load_profile(path: str | Path | None = None) -> Profile:
    """Load (and cache, by path and modification time) the style profile."""
    p = Path(path) if path is not None else PROFILE_PATH
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise RenderError(f"找不到样式配置文件：{p}") from exc
    return _load_profile_cached(str(p), mtime)


def _rfonts(face: str, hint: bool = False) -> str:
    q = f'"{escape(face)}"'
    extra = ' w:hint="eastAsia"' if hint else ""
    return f"<w:rFonts w:ascii={q} w:hAnsi={q} w:eastAsia={q} w:cs={q}{extra}/>"


def footer_xml(
    align: FooterAlign,
    *,
    font: str,
    size_pt: float,
    dash: str = "—",
    indent_chars: float = 1,
) -> bytes:
    """A footer part holding ``— PAGE —`` [GB/T 9704 7.5]: 宋体 4号 half-width digits, one 一字线 each side.

    ``right`` (odd pages) and ``left`` (even pages) keep ``indent_chars`` 字 from the margin; ``center`` has
    no indent.  The paragraph is off the document grid with single spacing, so the 28.95 pt line pitch of
    the body does not push the number down.
    """
    half_points = round(size_pt * 2)
    char_twips = round(size_pt * TWIPS_PER_PT * indent_chars)
    chars = round(indent_chars * 100)
    if align == "right":
        ind = f'<w:ind w:leftChars="0" w:left="0" w:rightChars="{chars}" w:right="{char_twips}"'
    elif align == "left":
        ind = f'<w:ind w:leftChars="{chars}" w:left="{char_twips}" w:rightChars="0" w:right="0"'
    else:
        ind = '<w:ind w:leftChars="0" w:left="0" w:rightChars="0" w:right="0"'
    ind += ' w:firstLineChars="0" w:firstLine="0"/>'
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    rpr_dash = f"<w:rPr>{_rfonts(font, hint=True)}{size}</w:rPr>"
    rpr = f"<w:rPr>{_rfonts(font)}{size}</w:rPr>"
    d = escape(dash)
    runs = (
        f'<w:r>{rpr_dash}<w:t xml:space="preserve">{d} </w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr_dash}<w:t xml:space="preserve"> {d}</w:t></w:r>'
    )
    ppr = (
        '<w:pPr><w:pStyle w:val="Footer"/><w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'{ind}<w:jc w:val="{align}"/></w:pPr>'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p>{ppr}{runs}</w:p></w:ftr>'
    )
    return xml.encode("utf-8")


def core_xml(
    *,
    title: str,
    creator: str,
    created: str,
    modified: str | None = None,
    subject: str = "",
    keywords: str = "",
    identifier: str = "",
    language: str = "zh-CN",
    last_modified_by: str | None = None,
    revision: int = 1,
) -> bytes:
    """``docProps/core.xml`` from given values only (no clock): ``created`` is a W3CDTF UTC stamp."""

    def el(tag: str, value: str, attrs: str = "") -> str:
        return f"<{tag}{attrs}>{escape(value)}</{tag}>" if value else f"<{tag}{attrs}/>"

    dt = ' xsi:type="dcterms:W3CDTF"'
    body = (
        el("dc:title", title)
        + el("dc:subject", subject)
        + el("dc:creator", creator)
        + el("cp:keywords", keywords)
        + el("dc:identifier", identifier)
        + el("dc:language", language)
        + el("cp:lastModifiedBy", creator if last_modified_by is None else last_modified_by)
        + el("cp:revision", str(revision))
        + el("dcterms:created", created, dt)
        + el("dcterms:modified", created if modified is None else modified, dt)
    )
    ns = " ".join(f'xmlns:{p}="{NS[p]}"' for p in ("cp", "dc", "dcterms", "xsi"))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<cp:coreProperties {ns} xmlns:dcmitype="http://purl.org/dc/dcmitype/">{body}</cp:coreProperties>'
    )
    return xml.encode("utf-8")


# Schema order (ECMA-376 Part 1) of the children we may insert into existing elements.
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]


def insert_in_order(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    """Insert ``child`` (a w: element) into ``parent`` where the schema ``order`` wants it.

    An existing element of the same name is replaced.  Children of unknown names are skipped over.
    """
    local = etree.QName(child).localname
    rank = order.index(local)
    for existing in parent.findall(w(local)):
        parent.remove(existing)
    for i, sib in enumerate(parent):
        if not isinstance(sib.tag, str):
            continue
        name = etree.QName(sib).localname
        if name in order and order.index(name) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def swap_fonts(root: etree._Element, mapping: Mapping[str, str]) -> int:
    """Rename fonts in every ``w:rFonts`` below ``root`` (all four slots); returns the number of changes."""
    if not mapping:
        return 0
    changed = 0
    for rfonts in root.iter(w("rFonts")):
        for slot in FONT_SLOTS:
            value = rfonts.get(w(slot))
            if value is not None and value in mapping:
                rfonts.set(w(slot), mapping[value])
                changed += 1
    return changed
