#!/usr/bin/env bash
# Reproduces docs/benchmarks.md: builds Release, installs the JavaScript SDK baseline, runs the load tool.
# Everything runs on loopback. Extra arguments go to the load tool (e.g. --seconds 30, --only directline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/node/bench/node_modules ]; then
  (cd tests/node/bench && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
dotnet build Bot.sln -c Release -nologo -clp:ErrorsOnly
dotnet run -c Release --no-build --project tests/LiveAssist.LoadTests -- "$@"
