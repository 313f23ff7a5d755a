#!/usr/bin/env bash
# Run a command while holding the worktree's build lock, so concurrent
# `make` runs (two terminals, an editor's build and CI) take turns instead of
# creating .venv or writing _build at the same time. The lock is an flock(1)
# on .build.lock next to the Makefile; it is released when the command ends,
# even if it fails or is killed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lock="$root/.build.lock"
if command -v flock >/dev/null 2>&1; then
  exec flock "$lock" "$@"
fi
echo "locked.sh: flock not found (util-linux); running without a lock, so do not start two make runs at once" >&2
exec "$@"
