"""HTTP endpoints for callbacks (paths relative to /api/v1)."""

from __future__ import annotations

import logging

from fastapi import APIRouter

logger = logging.getLogger(__name__)

router = APIRouter(tags=["callbacks"])
