#!/usr/bin/env bash
# Installs what oir-diagram needs when it is missing (Debian/Ubuntu), builds it with the Swift
# runtime linked in (the binary needs only Graphviz's libgvc and a font at run time), and renders
# the official SF1590_A diagram (Bilag 1) to ./sf1590a-bilag1.svg.
#   ./setup.sh                      build into .build/release/oir-diagram
#   ./setup.sh --install [PREFIX]   also install it as PREFIX/bin/oir-diagram (default /usr/local)
set -euo pipefail
cd "$(dirname "$0")"

install_prefix=""
if [ "${1:-}" = "--install" ]; then
  install_prefix="${2:-/usr/local}"
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=()
pkg-config --exists libgvc 2>/dev/null || packages+=(libgraphviz-dev)
fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" || packages+=(fonts-dejavu-core)
command -v pkg-config >/dev/null || packages+=(pkg-config)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${packages[@]}"
fi

swift build -c release --product oir-diagram --static-swift-stdlib
binary=.build/release/oir-diagram
if [ -n "$install_prefix" ]; then
  target_sudo=""
  [ -w "$install_prefix" ] || target_sudo="$sudo"
  $target_sudo install -d "$install_prefix/bin"
  $target_sudo install -m 755 -s "$binary" "$install_prefix/bin/oir-diagram"
  echo "Installed $install_prefix/bin/oir-diagram ($("$install_prefix/bin/oir-diagram" --version))"
  binary="$install_prefix/bin/oir-diagram"
fi
"$binary" render
