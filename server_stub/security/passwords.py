"""Password hashing with Argon2id; the cost is configurable so tests stay fast."""

from __future__ import annotations

import logging

from argon2 import PasswordHasher as _Argon2Hasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..settings import PasswordCost

logger = logging.getLogger(__name__)


class PasswordHasher:
    """Hashes and verifies passwords. Stateless apart from its parameters: safe to share across threads."""

    def __init__(self, cost: PasswordCost | None = None) -> None:
        cost = cost or PasswordCost()
        self._hasher = _Argon2Hasher(
            time_cost=cost.time_cost, memory_cost=cost.memory_cost_kib, parallelism=cost.parallelism
        )
        # Verified against when the work number is unknown, so both failures take about as long.
        self._dummy_hash = self._hasher.hash("not-a-real-password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """``True`` if ``password`` matches; a missing or corrupt hash is simply a mismatch."""
        try:
            return (
                self._hasher.verify(password_hash or self._dummy_hash, password) and password_hash is not None
            )
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError):
            logger.warning("stored password hash is unreadable; treating as a mismatch")
            return False
