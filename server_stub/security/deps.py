"""FastAPI dependencies for the app-wide security objects and settings kept on ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..settings import Settings
from .passwords import PasswordHasher


def get_password_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.password_hasher
    return hasher


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


HasherDep = Annotated[PasswordHasher, Depends(get_password_hasher)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
