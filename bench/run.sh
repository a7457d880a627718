#!/usr/bin/env bash
# make bench: see bench/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/run.py "$@"
