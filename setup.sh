#!/usr/bin/env bash
# Installs what oir-diagram needs when it is missing (Debian/Ubuntu), builds it with the Swift
# runtime linked in (the binary needs Graphviz's libgvc, libxml2 and a font at run time), and renders
# the official SF1590_A diagram to ./sf1590a-bilag1.svg.
#   ./setup.sh                      build into .build/release/oir-diagram
#   ./setup.sh --install [PREFIX]   also install it as PREFIX/bin/oir-diagram (default /usr/local)
#   ./setup.sh --test               install every tool the tests use (the list below), run them all
#   ./setup.sh --test fast          the same install, then only the fast tier (no browser, no
#                                   MkDocs site, no release build inside the tests)
#   ./setup.sh --deb [DIR]          build a Debian package into DIR (default .build/deb): the
#                                   binary, its manual page and bash/zsh/fish completions
set -euo pipefail
cd "$(dirname "$0")"

mode=build
install_prefix=""
tier=full
case "${1:-}" in
  --install) mode=install; install_prefix="${2:-/usr/local}" ;;
  --test) mode=test; tier="${2:-full}" ;;
  --deb) mode=deb; deb_dir="${2:-.build/deb}" ;;
  "") ;;
  *) echo "usage: ./setup.sh [--install [PREFIX] | --test [fast|full] | --deb [DIR]]" >&2; exit 64 ;;
esac
case "$tier" in full|fast) ;; *) echo "./setup.sh --test: the tier is 'fast' or 'full', not '$tier'" >&2; exit 64 ;; esac

# Every outside program, Python module and font the tests use, and the package that brings it:
# the one list. `./setup.sh --test` installs what is missing from it; the test helper
# `ExternalTool` reads it too (between the two marker lines), and in CI a test fails when one
# is missing; ExternalToolTests checks that every tool a test names is listed here.
test_tools() {
  cat <<'TOOLS'
# BEGIN TEST TOOLS (kind, name, package; tab-separated)
program	rsvg-convert	debian:librsvg2-bin
program	chromium	debian:chromium
program	python3	debian:python3
program	qpdf	debian:qpdf
program	pdfinfo	debian:poppler-utils
program	pdftotext	debian:poppler-utils
program	pdftoppm	debian:poppler-utils
program	pdffonts	debian:poppler-utils
program	scour	debian:scour
program	cmark-gfm	debian:cmark-gfm
program	dot	debian:graphviz
program	neato	debian:graphviz
program	fdp	debian:graphviz
program	fc-query	debian:fontconfig
program	timeout	debian:coreutils
program	unshare	debian:util-linux
program	mount	debian:mount
program	umount	debian:mount
program	ldd	debian:libc-bin
program	sh	debian:dash
python	mkdocs	pypi:mkdocs
python	material	pypi:mkdocs-material
python	icalendar	pypi:icalendar
python	vobject	pypi:vobject
python	openpyxl	pypi:openpyxl
program	soffice	debian:libreoffice-calc-nogui
program	debootstrap	debian:debootstrap
program	dpkg-deb	debian:dpkg
program	chroot	debian:coreutils
font	/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf	debian:fonts-liberation2
font	/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf	debian:fonts-urw-base35
font	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf	debian:fonts-dejavu-core
# END TEST TOOLS
TOOLS
}

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# What building and running the tool needs.
debian=()
pkg-config --exists libgvc 2>/dev/null || debian+=(libgraphviz-dev)
# Foundation's XML parser (a workbook read back) links libxml2.
pkg-config --exists libxml-2.0 2>/dev/null || debian+=(libxml2-dev)
command -v pkg-config >/dev/null || debian+=(pkg-config)
command -v fc-list >/dev/null || debian+=(fontconfig)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || debian+=(fonts-dejavu-core)

# What the tests need, from the one list above.
pypi=()
if [ "$mode" = test ]; then
  while IFS=$'\t' read -r kind name package; do
    case "$kind" in ''|'#'*) continue ;; esac
    present=yes
    case "$kind" in
      program) command -v "$name" >/dev/null 2>&1 || present=no ;;
      font) [ -e "$name" ] || present=no ;;
      python) python3 -c "import $name" >/dev/null 2>&1 || present=no ;;
    esac
    [ "$present" = yes ] && continue
    case "$package" in
      debian:*) debian+=("${package#debian:}") ;;
      pypi:*) pypi+=("${package#pypi:}") ;;
    esac
  done < <(test_tools)
  # pip itself, when the python3 found first has none.
  if [ ${#pypi[@]} -gt 0 ] && ! python3 -m pip --version >/dev/null 2>&1; then debian+=(python3-pip); fi
fi

if [ ${#debian[@]} -gt 0 ]; then
  mapfile -t debian < <(printf '%s\n' "${debian[@]}" | sort -u)
  echo "Installing: ${debian[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${debian[@]}"
fi
if [ ${#pypi[@]} -gt 0 ]; then
  echo "Installing from PyPI: ${pypi[*]}"
  # Debian's own python3 refuses to install into itself unless told (PEP 668).
  python3 -m pip install "${pypi[@]}" || python3 -m pip install --break-system-packages "${pypi[@]}"
fi

if [ "$mode" = test ]; then
  # The fast tier leaves out what takes minutes: the browser and MkDocs tests, the release
  # build of the static binary and the Debian package installed into a debootstrap root.
  if [ "$tier" = fast ]; then
    exec swift test --skip 'BrowserTests|MkDocsTests|StaticBinaryTests|DebianPackageTests'
  fi
  exec swift test
fi

swift build -c release --product oir-diagram --static-swift-stdlib
binary=.build/release/oir-diagram
if [ "$mode" = deb ]; then
  exec ./.ci/deb "$binary" "$deb_dir"
fi
if [ -n "$install_prefix" ]; then
  target_sudo=""
  [ -w "$install_prefix" ] || target_sudo="$sudo"
  $target_sudo install -d "$install_prefix/bin"
  $target_sudo install -m 755 -s "$binary" "$install_prefix/bin/oir-diagram"
  echo "Installed $install_prefix/bin/oir-diagram ($("$install_prefix/bin/oir-diagram" --version))"
  binary="$install_prefix/bin/oir-diagram"
fi
"$binary" render
