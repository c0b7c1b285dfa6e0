#!/usr/bin/env bash
# Thin wrapper: restore the pinned PowerShell (a local dotnet tool), then run build.ps1.
#   ./build.sh build | test | demo | bench | clean
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
exec dotnet pwsh -NoProfile -File ./build.ps1 "$@"
