""".docx → PDF through LibreOffice (``soffice --headless``), with free stand-ins for the official fonts.

Each conversion runs ``soffice`` as a child process with a private user profile (``-env:UserInstallation``
in a temporary directory, so a running LibreOffice or a broken profile never interferes), a timeout
(``DOCGEN_SOFFICE_TIMEOUT`` seconds, default 120), and ``FONTCONFIG_FILE`` pointing at a per-run copy of the
shipped ``fonts.conf``: it includes the system configuration and maps 仿宋_GB2312, 楷体_GB2312, 黑体,
方正小标宋简体, 宋体 … to the best face installed (strong aliases).  The .docx keeps the official names;
:class:`FontUse` records what stood in for each name the document asks for.

``DOCGEN_SOFFICE`` names the LibreOffice program when it is not on ``PATH`` as ``soffice``/``libreoffice``.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from lxml import etree

from docgen.errors import RenderError, UsageError, os_reason, reason_zh

__all__ = [
    "DEFAULT_TIMEOUT",
    "INSTALL_HINT",
    "POPPLER_HINT",
    "FontUse",
    "PdfResult",
    "convert",
    "docx_to_pdf",
    "embedded_fonts",
    "find_soffice",
    "font_report",
    "fonts_conf",
    "requested_fonts",
    "require_soffice",
    "shipped_fonts_conf",
]

DEFAULT_TIMEOUT = 120.0
INSTALL_HINT = (
    "未找到 LibreOffice：请安装 libreoffice-writer-nogui（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），"
    "或用环境变量 DOCGEN_SOFFICE 指明 soffice 的位置"
)
POPPLER_HINT = (
    "未找到 poppler-utils（pdffonts、pdftoppm）：请安装（Debian/Ubuntu：apt-get install poppler-utils）"
)
SYSTEM_CONFIGS = (
    "/etc/fonts/fonts.conf",
    "/usr/local/etc/fonts/fonts.conf",
    "/opt/homebrew/etc/fonts/fonts.conf",
)
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
_HEAVY = re.compile(r"black|heavy", re.IGNORECASE)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FONT_ATTRS = tuple(f"{{{_W}}}{a}" for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_SUBSET = re.compile(r"^[A-Z]{6}\+")

FontKind = Literal["installed", "alternative", "stand-in", "fallback"]
KIND_LABELS: dict[str, str] = {
    "installed": "已安装",
    "alternative": "同类字体代替",
    "stand-in": "免费替代字体",
    "fallback": "系统默认替代",
}


@dataclass(frozen=True)
class FontUse:
    """One font name the document asks for and the face fontconfig gives LibreOffice for it."""

    requested: str
    used: str  # family name of the face used
    style: str = ""
    postscript: str = ""
    kind: FontKind = "fallback"

    @property
    def substituted(self) -> bool:
        return self.kind != "installed"

    def describe(self) -> str:
        face = f"{self.used} {self.style}".strip()
        return f"{self.requested} → {face}（{KIND_LABELS[self.kind]}）"


@dataclass(frozen=True)
class PdfResult:
    """A converted PDF, the fonts the document asked for, and the font names embedded in the PDF."""

    pdf: bytes
    fonts: tuple[FontUse, ...]
    embedded: tuple[str, ...]

    @property
    def substitutions(self) -> tuple[FontUse, ...]:
        return tuple(f for f in self.fonts if f.substituted)

    def report(self) -> list[str]:
        """Chinese lines for the terminal: every substituted font, then the faces found in the PDF."""
        lines = [f"字体替代：{f.describe()}" for f in self.substitutions]
        if lines:
            lines.append(
                "（替代字体只用于预览，.docx 中的字体名不变；字宽不同，换行和分页可能与 Word/WPS 略有出入）"
            )
        if self.embedded:
            lines.append(f"PDF 中的字体：{'、'.join(self.embedded)}")
        return lines


# -- finding LibreOffice --------------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The LibreOffice program: ``$DOCGEN_SOFFICE``, else ``soffice``/``libreoffice`` on PATH (or the usual
    macOS and Windows install places); None when there is none."""
    explicit = os.environ.get("DOCGEN_SOFFICE")
    if explicit:
        return explicit if os.path.isfile(explicit) or shutil.which(explicit) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [_MAC_SOFFICE]
    for env in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
        base = os.environ.get(env)
        if base:
            candidates.append(os.path.join(base, "LibreOffice", "program", "soffice.exe"))
    return next((c for c in candidates if os.path.isfile(c)), None)


def require_soffice() -> str:
    """The LibreOffice program, or :class:`RenderError` with the install hint."""
    found = find_soffice()
    if found is None:
        raise RenderError(INSTALL_HINT)
    return found


# -- fontconfig -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    family: str
    accept: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[str, ...], tuple[_Alias, ...], tuple[str, ...]]:
    """The shipped fonts.conf: its font dirs, its aliases and the families whose <match> asks for bold."""
    text = resources.files("docgen.render").joinpath("fonts.conf").read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False))
    dirs = tuple((d.text or "").strip() for d in root.iter("dir"))
    aliases = tuple(
        _Alias(
            (a.findtext("family") or "").strip(),
            tuple((f.text or "").strip() for f in a.iterfind("accept/family")),
        )
        for a in root.iter("alias")
    )
    bold = tuple((m.findtext("test/string") or "").strip() for m in root.iter("match"))
    return dirs, aliases, bold


def shipped_fonts_conf() -> Path:
    """Path of the fonts.conf shipped inside the package."""
    return Path(str(resources.files("docgen.render").joinpath("fonts.conf")))


def _system_config() -> str:
    current = os.environ.get("FONTCONFIG_FILE")
    if current and os.path.isfile(current):
        return current
    return next((c for c in SYSTEM_CONFIGS if os.path.isfile(c)), SYSTEM_CONFIGS[0])


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _conf_xml(system: str, dirs: Iterable[str], aliases: Iterable[_Alias], bold: Iterable[str]) -> str:
    out = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- docgen: generated for one LibreOffice run from docgen/render/fonts.conf; the .docx is unchanged -->",
        "<fontconfig>",
        f'  <include ignore_missing="yes">{_xml_text(system)}</include>',
    ]
    out.extend(f"  <dir>{_xml_text(d)}</dir>" for d in dirs)
    for a in aliases:
        accept = "".join(f"<family>{_xml_text(f)}</family>" for f in a.accept)
        out.append(
            f'  <alias binding="strong"><family>{_xml_text(a.family)}</family><accept>{accept}</accept></alias>'
        )
    for fam in bold:
        out.append(
            f'  <match target="pattern"><test name="family" compare="eq"><string>{_xml_text(fam)}</string></test>'
            '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>'
        )
    out.append("</fontconfig>")
    return "\n".join(out) + "\n"


def _fc(tool: str, args: Sequence[str], config: Path) -> str | None:
    exe = shutil.which(tool)
    if exe is None:
        return None
    env = dict(os.environ, FONTCONFIG_FILE=str(config))
    try:
        done = subprocess.run(
            [exe, *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


@functools.lru_cache(maxsize=4)
def _installed(system: str) -> frozenset[str] | None:
    """Family names fontconfig knows (every localized name), or None without fc-list."""
    dirs, _, _ = _shipped()
    with tempfile.TemporaryDirectory(prefix="docgen-fc-") as tmp:
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(_conf_xml(system, dirs, (), ()), encoding="utf-8")
        out = _fc("fc-list", ["--format", "%{family}\n"], conf)
    if out is None:
        return None
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())


def _choose(alias: _Alias, installed: frozenset[str]) -> str | None:
    return next((f for f in (alias.family, *alias.accept) if f in installed), None)


def fonts_conf(target: Path) -> Path | None:
    """Write the per-run fontconfig file to ``target``: the system configuration, the shipped font dirs,
    and every alias narrowed to the faces installed here.  None when fontconfig's tools are missing
    (LibreOffice then uses its own font fallback, as on Windows and macOS)."""
    dirs, aliases, bold = _shipped()
    system = _system_config()
    installed = _installed(system)
    if installed is None:
        return None
    kept: list[_Alias] = []
    families = {a.family for a in aliases}
    for a in aliases:
        accept = tuple(f for f in a.accept if f in installed)
        if accept:
            kept.append(_Alias(a.family, accept))
    # The bold request for 小标宋 only when a light stand-in (not a real 小标宋, not a heavy face) is used.
    by_family = {a.family: a for a in aliases}
    wants_bold = []
    for fam in bold:
        alias = by_family.get(fam)
        chosen = _choose(alias, installed) if alias else None
        if chosen is not None and chosen not in families and not _HEAVY.search(chosen):
            wants_bold.append(fam)
    target.write_text(_conf_xml(system, dirs, kept, wants_bold), encoding="utf-8")
    return target


def _kind(requested: str, used: str, installed: frozenset[str]) -> FontKind:
    if used.casefold() == requested.casefold() or requested in installed:
        return "installed"
    _, aliases, _ = _shipped()
    for a in aliases:
        if a.family == requested:
            real = {x.family for x in aliases}
            if used in real:
                return "alternative"
            if used in a.accept:
                return "stand-in"
    return "fallback"


def font_report(names: Iterable[str]) -> tuple[FontUse, ...]:
    """What fontconfig gives LibreOffice (under the per-run configuration) for each requested family name.
    Empty when fontconfig's tools are missing."""
    names = sorted(set(names))
    installed = _installed(_system_config())
    if installed is None or not names:
        return ()
    out: list[FontUse] = []
    with tempfile.TemporaryDirectory(prefix="docgen-fc-") as tmp:
        config = fonts_conf(Path(tmp) / "fonts.conf")
        if config is None:
            return ()
        for name in names:
            # fc-match pattern syntax: backslash-escape '-', ':', ',' and '\\' inside a family name.
            pattern = re.sub(r"([\\\-:,])", r"\\\1", name) + ":lang=zh-cn"
            line = _fc("fc-match", ["--format", "%{family}\t%{style}\t%{postscriptname}", pattern], config)
            if not line:
                continue
            family, style, ps = ([*line.split("\t"), "", ""])[:3]
            families = [f.strip() for f in family.split(",") if f.strip()]
            used = next(
                (f for f in families if f.casefold() == name.casefold()), families[0] if families else ""
            )
            out.append(
                FontUse(name, used, style.split(",")[0].strip(), ps.strip(), _kind(name, used, installed))
            )
    return tuple(out)


def requested_fonts(docx: bytes) -> tuple[str, ...]:
    """Every font name the .docx asks for (w:rFonts in styles, body, headers and footers), sorted.  The .docx
    is read with the same limits as every other (:func:`docgen.render.finalize.read_parts`)."""
    from docgen.render.finalize import read_parts

    names: set[str] = set()
    parts = read_parts(docx)
    try:
        for name, data in parts.items():
            if not (name.startswith("word/") and name.endswith(".xml")) or name.startswith("word/fontTable"):
                continue
            root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
            for rf in root.iter(f"{{{_W}}}rFonts"):
                names.update(v for a in _FONT_ATTRS if (v := rf.get(a)))
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"不是有效的 .docx 文件：{reason_zh(exc)}") from exc
    return tuple(sorted(names))


def embedded_fonts(pdf: Path) -> tuple[str, ...]:
    """Font names embedded in ``pdf`` (``pdffonts``), subset tags removed; empty without poppler-utils."""
    exe = shutil.which("pdffonts")
    if exe is None:
        return ()
    try:
        done = subprocess.run([exe, str(pdf)], capture_output=True, text=True, errors="replace", timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    names = {_SUBSET.sub("", line.split()[0]) for line in done.stdout.splitlines()[2:] if line.strip()}
    return tuple(sorted(names))


# -- running soffice ------------------------------------------------------------------------------------


def _timeout(timeout: float | None) -> float:
    if timeout is not None:
        return timeout
    raw = os.environ.get("DOCGEN_SOFFICE_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 1 <= value <= 24 * 3600:
        raise UsageError(
            f"环境变量 DOCGEN_SOFFICE_TIMEOUT 的值“{raw[:40]}”无效：应为 1 到 86400 之间的秒数（默认 {DEFAULT_TIMEOUT:g}）"
        )
    return value


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if sys.platform != "win32":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    with contextlib.suppress(Exception):
        proc.communicate(timeout=10)


def convert(
    sources: Sequence[Path], outdir: Path, fmt: str = "pdf", *, timeout: float | None = None
) -> list[Path]:
    """Convert ``sources`` with one ``soffice --headless --convert-to FMT`` run into ``outdir``.

    ``fmt`` is LibreOffice's target (``pdf``, ``docx``, ``fodt``, ``docx:MS Word 2007 XML`` (one argument, no quotes) …).  Returns the
    output paths in the order of ``sources``.  Raises :class:`RenderError` (Chinese message) when LibreOffice
    is missing, times out or writes nothing.
    """
    soffice = require_soffice()
    limit = _timeout(timeout)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = fmt.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as tmp:
        profile = Path(tmp) / "profile"
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
        conf = fonts_conf(Path(tmp) / "fonts.conf")
        if conf is not None:
            env["FONTCONFIG_FILE"] = str(conf)
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            raise RenderError(f"无法启动 LibreOffice（{soffice}）：{os_reason(exc)}") from exc
        try:
            _, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise RenderError(
                f"LibreOffice 转换超时（{limit:g} 秒）：{'、'.join(Path(s).name for s in sources)}。"
                "可用环境变量 DOCGEN_SOFFICE_TIMEOUT 加长时限"
            ) from None
    outputs = [outdir / f"{Path(s).stem}.{ext}" for s in sources]
    missing = [p for p in outputs if not p.is_file()]
    if missing:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise RenderError(
            f"LibreOffice 未能转换 {'、'.join(p.stem for p in missing)}（退出码 {proc.returncode}）"
            + (f"：{' / '.join(tail)}" if tail else "")
        )
    return outputs


def docx_to_pdf(docx: bytes, *, name: str = "document", timeout: float | None = None) -> PdfResult:
    """Convert the bytes of a .docx to PDF; report the fonts it asks for and the faces that stood in."""
    requested = requested_fonts(docx)
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        src = Path(tmp) / f"{name}.docx"
        src.write_bytes(docx)
        (pdf,) = convert([src], Path(tmp) / "out", "pdf", timeout=timeout)
        return PdfResult(pdf.read_bytes(), font_report(requested), embedded_fonts(pdf))
