#!/usr/bin/env bash
# Everything `npm run demo` and `npm test` need, installed when missing:
# Debian packages (apt-get), npm dependencies (npm ci), the native addon and
# the TypeScript build. Quick when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh

# npm ci when node_modules does not match package-lock.json.
stamp=node_modules/.gssapi-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "gssapi: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
bash scripts/build.sh
