#!/usr/bin/env bash
# The README's test command: builds the solution (warnings are errors) and runs the one test project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build MLNetExtensions.sln -c Release --nologo -v q
dotnet test tests/MLNetExtensions.Tests/MLNetExtensions.Tests.csproj -c Release --no-build --nologo \
  --logger "console;verbosity=normal" "$@"
