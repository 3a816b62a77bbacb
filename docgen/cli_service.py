"""The service commands: ``docgen serve``, ``docgen office add``, ``docgen user add`` (registered on the main
group by :func:`register`).  Flags → one call into :mod:`docgen.service` → an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from docgen.errors import EXIT_USAGE

__all__ = ["register"]

_NO_SERVICE = "缺少服务组件：请运行 pip install 'docgen[service]'（或在源码目录 pip install '.[service]'）"


def _settings(data: Path | None) -> object:
    try:
        from docgen.service.settings import Settings
    except ImportError:
        click.echo(f"错误：{_NO_SERVICE}", err=True)
        sys.exit(EXIT_USAGE)
    return Settings(data_dir=data) if data is not None else Settings()


def _session(data: Path | None) -> object:
    from sqlalchemy.orm import Session

    from docgen.service.db import make_engine, upgrade
    from docgen.service.settings import Settings

    settings = _settings(data)
    assert isinstance(settings, Settings)
    engine = make_engine(settings.url())
    upgrade(engine)
    return Session(engine, expire_on_commit=False)


_DATA = click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="数据目录（SQLite 数据库所在；默认 ./docgen-data 或 DOCGEN_DATA_DIR）",
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="端口")
@_DATA
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="工作进程数")
def serve(host: str, port: int, data: Path | None, workers: int) -> None:
    """启动文稿生成服务（HTTP API，接口文档在 /docs）。首次启动时创建数据库。"""
    settings = _settings(data)
    from docgen.service.db import make_engine, upgrade
    from docgen.service.settings import Settings

    assert isinstance(settings, Settings)
    import uvicorn

    if data is not None:
        os.environ["DOCGEN_DATA_DIR"] = str(data)
    upgrade(make_engine(settings.url()))
    os.environ["DOCGEN_AUTO_MIGRATE"] = "0"  # done once here, not by every worker
    where = "PostgreSQL" if settings.url().startswith("postgresql") else f"SQLite：{settings.data_dir.resolve()}"
    click.echo(f"docgen 服务：http://{host}:{port}/  （接口文档 http://{host}:{port}/docs；数据库 {where}）")
    click.echo(
        "添加第一个用户：docgen user add 用户名 --office 单位名称 --role admin --create-office"
        + (f" --data {data}" if data is not None else "")
    )
    uvicorn.run(
        "docgen.service.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=False,
    )


@click.group()
def office() -> None:
    """单位（账户与数据按单位隔离）。"""


@office.command("add")
@click.argument("name")
@_DATA
def office_add(name: str, data: Path | None) -> None:
    """新增单位。"""
    from docgen.service.accounts import add_office

    with _session(data) as session:  # type: ignore[attr-defined]
        created = add_office(session, name)
        session.commit()
        click.echo(f"已新增单位“{created.name}”（编号 {created.id}）")


@click.group()
def user() -> None:
    """用户：撰稿（writer）、审核（reviewer）、管理员（admin）。"""


@user.command("add")
@click.argument("name")
@click.option("--office", "office_name", required=True, help="所属单位")
@click.option("--role", type=click.Choice(["writer", "reviewer", "admin"]), required=True, help="角色")
@click.option("--create-office", is_flag=True, help="单位不存在时一并新增")
@_DATA
def user_add(name: str, office_name: str, role: str, create_office: bool, data: Path | None) -> None:
    """新增用户。密码在终端提示输入；非终端时从标准输入读第一行。"""
    from docgen.service.accounts import add_user

    if sys.stdin.isatty():
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with _session(data) as session:  # type: ignore[attr-defined]
        created = add_user(session, name, office_name, role, password, create_office=create_office)
        session.commit()
        click.echo(f"已新增用户“{created.name}”（{office_name}，{role}）")


def register(main: click.Group) -> None:
    main.add_command(serve)
    main.add_command(office)
    main.add_command(user)
