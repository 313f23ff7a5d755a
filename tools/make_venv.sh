#!/usr/bin/env bash
# Create the book's virtual environment from requirements.txt.
#   tools/make_venv.sh VENV     (the Makefile runs it under tools/locked.sh)
# The interpreter comes from tools/find_python.sh (PYTHON=... overrides).
# VENV/.installed is written last, only after every pin installed; a venv
# without it is never reused: it is deleted and built again from scratch, and
# a failed install deletes its partial venv at once.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
stamp="$venv/.installed"

# Another run may have finished the job while this one waited for the lock.
if [[ -f $stamp && $stamp -nt requirements.txt && $stamp -nt pyproject.toml ]]; then
  exit 0
fi

python=$(tools/find_python.sh)
version=$("$python" -c 'import sys; print(sys.version.split()[0])')
echo "make_venv: creating $venv with $python ($version)"
rm -rf "$venv"
cleanup() {
  status=$?
  if (( status != 0 )); then
    rm -rf "$venv"
    echo "make_venv: installing into $venv failed (exit $status); removed the partial $venv so no later run reuses it" >&2
  fi
}
trap cleanup EXIT
"$python" -m venv "$venv"
# --no-compile: Python compiles each module on its first import instead (only
# the modules used), rather than every module of every package up front.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
printf 'python=%s\nversion=%s\n' "$python" "$version" > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
