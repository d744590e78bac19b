"""Departments tickets are dispatched to and calls transferred to."""

from __future__ import annotations

from pydantic import Field

from ._base import RequestBody, ResponseBody


class DepartmentCreate(RequestBody):
    code: str = Field(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z_.-]+$")
    name: str = Field(min_length=1, max_length=128)
    transfer_number: str | None = Field(default=None, max_length=32)
    active: bool = True


class DepartmentUpdate(RequestBody):
    code: str | None = Field(default=None, min_length=1, max_length=32, pattern=r"^[0-9A-Za-z_.-]+$")
    name: str | None = Field(default=None, min_length=1, max_length=128)
    transfer_number: str | None = Field(default=None, max_length=32)
    active: bool | None = None


class DepartmentOut(ResponseBody):
    id: int
    code: str
    name: str
    transfer_number: str | None = None
    active: bool
