#!/usr/bin/env bash
# Installs the Debian packages the SDK needs to build and test, when any is missing.
# Idempotent: does nothing when everything is present. Needs root or passwordless sudo.
set -euo pipefail

packages=(
  libkrb5-dev        # gssapi headers and krb5-config (build)
  krb5-kdc           # krb5kdc, kdb5_util (tests, demo)
  krb5-admin-server  # kadmin.local (tests, demo)
  krb5-user          # kinit, klist, kvno (tests, demo)
  krb5-gss-samples   # MIT gss-client / gss-server (interop tests)
  gss-ntlmssp        # NTLM mechanism (tests)
  libgssapi3-heimdal # Heimdal's libgssapi.so.3: a second implementation for the tests
  curl python3-gssapi # independent peers for the interop tests (HTTP Negotiate, python-gssapi)
  cmake g++ make     # native build
  clang-format       # C++ format check (npm run lint)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "gssapi: missing system packages (${missing[*]}) and no apt-get here; install the equivalents by hand." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "gssapi: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "gssapi: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
