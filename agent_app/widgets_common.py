"""Small display pieces the panes share; they live in ``shared.ui`` (the supervisor console shows them
too) and are named here for the agent app's modules."""

from __future__ import annotations

from shared.ui.banner import BannerKind, InlineBanner
from shared.ui.formatting import format_duration
from shared.ui.resources import icon, pixmap, resources_dir

__all__ = ["BannerKind", "InlineBanner", "format_duration", "icon", "pixmap", "resources_dir"]
