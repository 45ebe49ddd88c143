#!/bin/sh
# Installs Debian's Chromium for the console's browser tests when it is missing.
# Called from .ci/run; does nothing when `which chromium` finds it.
set -eu
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
command -v chromium
