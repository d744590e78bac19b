"""``python -m agent_app [--server URL] [--demo-autologin WORKNO] [--demo]``."""

from __future__ import annotations

import sys

from .launcher import main

if __name__ == "__main__":
    sys.exit(main())
