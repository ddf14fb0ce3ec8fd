#!/usr/bin/env bash
# Formats (or with --check, checks) the addon's C++ sources with clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null 2>&1; then
  echo "gssapi: clang-format not found (apt-get install clang-format); skipping the C++ format check" >&2
  exit 0
fi
files=$(ls packages/native/src/*.cc packages/native/src/*.h)
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror $files
else
  clang-format -i $files
fi
