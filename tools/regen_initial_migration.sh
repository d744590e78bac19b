#!/usr/bin/env bash
# Until the first release, the schema lives in one initial Alembic migration regenerated from the models.
# After a release, add new revisions instead (alembic revision --autogenerate) and delete this script.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f server_stub/db/migrations/versions/0001_initial_schema.py
.venv/bin/python - "$tmp" <<'PY'
import sys
from alembic import command
from server_stub.db.migrations import alembic_config
cfg = alembic_config(f"sqlite:///{sys.argv[1]}/empty.sqlite")
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
.venv/bin/ruff format -q server_stub/db/migrations/versions/0001_initial_schema.py
sed -i 's/^Revises: $/Revises:/' server_stub/db/migrations/versions/0001_initial_schema.py
rm -rf "$tmp"
echo "regenerated server_stub/db/migrations/versions/0001_initial_schema.py"
