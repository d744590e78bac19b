"""Sign-in: ``POST /api/v1/auth/login`` and friends."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import RequestBody, ResponseBody
from .agents import AgentOut


class LoginRequest(RequestBody):
    work_number: str = Field(min_length=1, max_length=16, examples=["1001"])
    password: str = Field(min_length=1, max_length=256)


class LoginResponse(ResponseBody):
    token: str = Field(description="send as 'Authorization: Bearer <token>' and as ?token= on the WebSocket")
    token_type: str = "bearer"
    expires_at: datetime
    agent: AgentOut


class PasswordReset(RequestBody):
    new_password: str = Field(min_length=8, max_length=256)


class PasswordChange(RequestBody):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=8, max_length=256)
