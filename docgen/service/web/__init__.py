"""The web page for writing staff and reviewers: Jinja2 templates, HTMX and a CodeMirror 6 bundle vendored
under ``static/`` (built by ``scripts/build_web_assets.sh``; no Node at run time).  ``router`` is included by
:func:`docgen.service.create_app`."""

from __future__ import annotations

from fastapi import APIRouter

from docgen.service.web import review_routes, routes

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.include_router(routes.router)
router.include_router(review_routes.router)
