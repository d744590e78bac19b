"""PyInstaller entry point of the agent app (``hotline-agent``)."""

import sys

from agent_app.launcher import main

if __name__ == "__main__":
    sys.exit(main())
