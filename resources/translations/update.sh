#!/bin/sh
# Refresh the translation catalogues from the source and compile them.
#   1. pyside6-lupdate collects every tr() string of sipalg_wizard/ui into the .ts files, keeping
#      the translations already there (new strings are marked "unfinished");
#   2. translate them (Qt Linguist: `pyside6-linguist resources/translations/sipalg_wizard_es.ts`);
#   3. pyside6-lrelease compiles each .ts into the .qm file the program loads.
# To add a language, copy the command below with a new sipalg_wizard_<lang>.ts name.
set -eu
cd "$(dirname "$0")/../.."
BIN="${VENV:-.venv}/bin"
SOURCES=$(find sipalg_wizard/ui -name '*.py' | sort)
for ts in resources/translations/sipalg_wizard_*.ts; do
    "$BIN/pyside6-lupdate" -no-obsolete $SOURCES -ts "$ts"
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
