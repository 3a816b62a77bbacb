"""Stateless tools (nothing stored): validate, render, diff, check; kinds and skeletons.  ``/api/…``"""

from __future__ import annotations

import base64
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from docgen.api import check_bytes, diff_bytes, validate_text
from docgen.service.auth import Caller, caller
from docgen.service.errors import ApiError
from docgen.service.rendering import MEDIA_TYPES, Options, render_text, template_file, validate_bounded
from docgen.service.settings import Settings
from docgen.service.store import house_template, notice_json
from docgen.service.uploads import attachment, read_docx, read_text

router = APIRouter(prefix="/api", tags=["工具（不保存）"])

RenderFormat = Literal["docx", "pdf", "md", "txt", "html"]


class FactsBody(BaseModel):
    yaml: str = Field(description="事实文件（YAML）全文，不超过 2 MB")


class RenderBody(FactsBody):
    format: RenderFormat = "docx"
    mode: Literal["final", "draft"] | None = None
    font_profile: Literal["gb2312", "windows"] = "gb2312"
    bold_leads: bool = False
    page_numbers: Literal["center", "odd_even"] = "center"
    template_id: int | None = Field(default=None, description="本单位的模板编号（不填用内置模板）")

    def options(self) -> Options:
        return Options(self.format, self.mode, self.font_profile, self.bold_leads, self.page_numbers)


def validation_json(text: str | bytes, file: str = "<facts>", settings: Settings | None = None) -> dict[str, Any]:
    """Problems and warnings as JSON; with ``settings`` validated in a render worker, bounded like a render."""
    v = validate_bounded(settings, text, file=file) if settings is not None else validate_text(text, file=file)
    return {
        "valid": v.valid,
        "problems": [p.as_dict() for p in v.problems],
        "warnings": [notice_json(w) for w in v.warnings],
    }


@router.get("/health", tags=["服务"])
def health() -> dict[str, str]:
    """存活检查（无需登录）。"""
    from docgen.service.rendering import docgen_version

    return {"status": "ok", "version": docgen_version()}


@router.get("/kinds")
def kinds(_: Caller = Depends(caller)) -> list[dict[str, str]]:  # noqa: B008
    """支持的文种。"""
    from docgen import registry

    return [{"name": k.name, "label": k.description, "domain": registry.domain_of(k.name).name} for k in registry.kinds()]


@router.get("/kinds/{kind}/skeleton")
def kind_skeleton(kind: str, _: Caller = Depends(caller)) -> Response:  # noqa: B008
    """某一文种带中文注释的 YAML 骨架（同 ``docgen init``）。"""
    from docgen import registry
    from docgen.init import skeleton

    if kind not in registry.kind_names():
        raise ApiError(404, "kind-unknown", f"没有这个文种：{kind}")
    return Response(skeleton(kind), media_type="text/yaml; charset=utf-8")


@router.post("/validate")
def validate(body: FactsBody, request: Request, _: Caller = Depends(caller)) -> dict[str, Any]:  # noqa: B008
    """校验事实文件：全部问题（文件、行、列、字段路径、代码、说明）和警告。"""
    return validation_json(body.yaml, settings=request.app.state.settings)


@router.post("/render")
def render(body: RenderBody, request: Request, c: Caller = Depends(caller)) -> Response:  # noqa: B008
    """由事实文件生成文稿：docx、pdf（LibreOffice）、md、txt 或 html 预览。"""
    template = None
    if body.template_id is not None:
        tpl = house_template(c, body.template_id)
        template = template_file(tpl.sha256, tpl.data)
    c.db.commit()  # no database lock held while rendering
    data, warnings = render_text(request.app.state.settings, body.yaml, body.options(), template=template)
    fmt = body.format
    return attachment(data, MEDIA_TYPES[fmt], f"文稿.{fmt}", inline=fmt == "html", **{"X-Docgen-Warnings": str(warnings)})


def diff_json(out: Any, *, old: str, new: str) -> dict[str, Any]:
    body: dict[str, Any] = {"old": old, "new": new, **out.result.as_dict(), "html": out.html}
    if out.redline is not None:
        body["redline_docx_base64"] = base64.b64encode(out.redline).decode()
    return body


@router.post("/diff")
def diff(
    request: Request,
    old: UploadFile = File(description="旧稿 .docx"),  # noqa: B008
    new: UploadFile = File(description="新稿 .docx"),  # noqa: B008
    output: Literal["json", "redline", "html"] = Query("json", description="json：差异和 HTML；redline：修订稿 .docx；html：报告"),
    accept_changes: bool = False,
    _: Caller = Depends(caller),  # noqa: B008
) -> Any:
    """比较两份 .docx：差异列表 + HTML 报告（json），或修订稿 .docx（redline），或 HTML 报告（html）。"""
    settings = request.app.state.settings
    old_data = read_docx(settings, old, "旧稿")
    new_data = read_docx(settings, new, "新稿")
    old_name, new_name = old.filename or "旧稿.docx", new.filename or "新稿.docx"
    out = diff_bytes(
        old_data,
        new_data,
        old_label=old_name,
        new_label=new_name,
        accept_changes=accept_changes,
        html=output != "redline",
        redline=output == "redline",
    )
    if output == "redline" and out.redline is not None:
        return attachment(out.redline, MEDIA_TYPES["docx"], "修订稿.docx")
    if output == "html" and out.html is not None:
        return attachment(out.html.encode("utf-8"), MEDIA_TYPES["html"], "比较.html", inline=True)
    return diff_json(out, old=old_name, new=new_name)


@router.post("/check")
def check(
    request: Request,
    draft: UploadFile = File(description="修改后的文稿 .docx"),  # noqa: B008
    facts: UploadFile = File(description="事实文件 .yaml"),  # noqa: B008
    _: Caller = Depends(caller),  # noqa: B008
) -> dict[str, Any]:
    """核对文稿中的数字与事实文件是否一致（同 ``docgen check``）。"""
    settings = request.app.state.settings
    docx = read_docx(settings, draft, "文稿")
    text = read_text(settings, facts, "事实文件")
    result = check_bytes(docx, text, facts_file=facts.filename or "facts.yaml", label=draft.filename or "文稿")
    return result.as_dict()
