"""HTTP endpoints for messages (paths relative to /api/v1)."""

from __future__ import annotations

import logging

from fastapi import APIRouter

logger = logging.getLogger(__name__)

router = APIRouter(tags=["messages"])
