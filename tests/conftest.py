"""Test-session setup shared by every suite.

* ``QT_QPA_PLATFORM=offscreen`` is set before anything imports Qt, so widget tests run without a display
  (screenshots are taken separately under Xvfb).
* Qt's and jieba's caches go to a temp folder so tests never write into the developer's home.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HOTLINE_TEST", "1")
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="hotline-test-cache-"))
