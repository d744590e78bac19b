"""PyInstaller entry point of the supervisor console (``hotline-supervisor``)."""

import sys

from supervisor_app.launcher import main

if __name__ == "__main__":
    sys.exit(main())
