"""``python -m supervisor_app [--server URL] [--demo-autologin 9001] [--demo]``."""

from __future__ import annotations

import sys

from .launcher import main

if __name__ == "__main__":
    sys.exit(main())
