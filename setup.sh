#!/usr/bin/env bash
# Installs what oir-diagram needs when it is missing (Debian/Ubuntu), builds it, and renders the
# official SF1590_A diagram (Bilag 1) to ./sf1590a-bilag1.svg.
set -euo pipefail
cd "$(dirname "$0")"

packages=()
pkg-config --exists libgvc 2>/dev/null || packages+=(libgraphviz-dev)
fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" || packages+=(fonts-dejavu-core)
command -v pkg-config >/dev/null || packages+=(pkg-config)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${packages[@]}"
fi

swift build -c release --product oir-diagram
.build/release/oir-diagram render
