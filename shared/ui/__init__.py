"""Qt pieces both desktop apps use (the sign-in page). Never imports ``pjsua2``; no network of its own."""
