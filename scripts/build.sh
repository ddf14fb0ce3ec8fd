#!/usr/bin/env bash
# Builds the native addon (cmake-js, offline: Node-API headers come from the
# node-api-headers package) and every TypeScript package (tsc -b).
set -euo pipefail
cd "$(dirname "$0")/.."
# One build at a time in this checkout (cmake and tsc write shared folders).
exec 9>".build.lock"
flock 9
if ! command -v krb5-config >/dev/null 2>&1; then
  echo "gssapi: krb5-config not found; install the GSSAPI headers: apt-get install libkrb5-dev (or run bash scripts/setup-system.sh)" >&2
  exit 1
fi
(cd packages/native && npx --no-install cmake-js compile --out build --log-level error >/dev/null) || {
  echo "gssapi: the native build failed; rerun with: (cd packages/native && npx cmake-js compile --out build)" >&2
  exit 1
}
npx --no-install tsc -b
