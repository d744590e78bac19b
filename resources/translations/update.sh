#!/bin/sh
# Refresh the .ts catalogues from the sources (keeps existing translations), then compile the .qm files.
# Translate new strings in Qt Linguist (pyside6-linguist) before compiling for a release.
set -e
cd "$(dirname "$0")/../.."
BIN=.venv/bin
$BIN/pyside6-lupdate $(find agent_app -name '*.py' | sort) \
    -ts resources/translations/agent_app_zh_CN.ts resources/translations/agent_app_en.ts
$BIN/pyside6-lrelease resources/translations/agent_app_zh_CN.ts resources/translations/agent_app_en.ts
