"""Phone numbers as callers and trunks present them all find the same customer."""

from __future__ import annotations

import pytest

from server_stub.services.customers import normalize_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("(026) 8765-4321", "02687654321"),
        ("+86 26 8765 4321", "2687654321"),
        ("12345", "12345"),
        ("110", "110"),
        ("+1 415 555 0100", "14155550100"),
    ],
)
def test_given_common_formats_when_normalising_then_plain_digits(raw: str, expected: str) -> None:
    assert normalize_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "12", "abc", "138-0013-800O", "1" * 21, "+", "+86", "++8613800138000"])
def test_given_non_numbers_when_normalising_then_none(raw: str) -> None:
    assert normalize_number(raw) is None
