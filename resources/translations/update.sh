#!/bin/sh
# Refresh the .ts catalogues from the sources (keeps existing translations), then compile the .qm files.
# Translate new strings in Qt Linguist (pyside6-linguist) before compiling for a release.
#
# Usage: resources/translations/update.sh [agent_app] [supervisor_app]   (no argument: both apps)
#
# Each app's catalogue also takes the Qt code both apps show from the shared package (SHARED_UI: the
# sign-in page), so those strings are translated in both catalogues.
set -e
cd "$(dirname "$0")/../.."
BIN=.venv/bin
DIR=resources/translations
SHARED_UI="shared/ui"
for app in ${*:-agent_app supervisor_app}; do
    case "$app" in
        agent_app | supervisor_app) ;;
        *) echo "update.sh: unknown app '$app' (expected agent_app or supervisor_app)" >&2; exit 2 ;;
    esac
    $BIN/pyside6-lupdate $(find "$app" $SHARED_UI -name '*.py' | sort) -ts "$DIR/${app}_zh_CN.ts" "$DIR/${app}_en.ts"
    $BIN/pyside6-lrelease "$DIR/${app}_zh_CN.ts" "$DIR/${app}_en.ts"
done
