#!/bin/sh
# Fetch the corpus sources (zlib, bzip2, lua5.4, xz-utils, libyaml, json-c, sed) from Debian into a work dir.
# Usage: fetch.sh WORKDIR   -> WORKDIR/src/{zlib,bzip2,lua,xz,yaml,jsonc,sed}/ (pristine trees)
# Cached: a project whose tree is already there is not fetched again.
set -eu
work=${1:?usage: fetch.sh WORKDIR}
mkdir -p "$work/dl" "$work/src"
work=$(cd "$work" && pwd)

# deb-src must be enabled for apt-get source (see /work/shared/CORPUS.md)
enable_deb_src() {
	f=/etc/apt/sources.list.d/debian.sources
	if [ -f "$f" ] && ! grep -q 'deb-src' "$f"; then
		sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
		apt-get update -qq
	fi
}

# apt-get source PKG into dl/PKG, falling back to the release version
get() {
	pkg=$1
	[ -n "$(ls "$work/dl/$pkg"/*.dsc 2>/dev/null)" ] && return 0
	enable_deb_src
	mkdir -p "$work/dl/$pkg"
	(cd "$work/dl/$pkg" &&
		{ apt-get source -qq --download-only "$pkg" ||
		  apt-get source -qq --download-only "$pkg/bookworm"; })
}

extract() {
	pkg=$1 dir=$2
	[ -d "$work/src/$dir" ] && return 0
	get "$pkg"
	dsc=$(ls "$work/dl/$pkg"/*.dsc | head -n1)
	rm -rf "$work/src/$dir.tmp"
	dpkg-source -q -x --skip-patches "$dsc" "$work/src/$dir.tmp" >/dev/null
	if [ "$pkg" = lua5.4 ]; then
		# upstream Makefile, plus the two CVE fixes only
		for p in "$work/src/$dir.tmp"/debian/patches/0004-* \
			 "$work/src/$dir.tmp"/debian/patches/0005-*; do
			[ -f "$p" ] && (cd "$work/src/$dir.tmp" && patch -s -p1 < "$p")
		done
	fi
	mv "$work/src/$dir.tmp" "$work/src/$dir"
}

extract zlib zlib
extract bzip2 bzip2
extract lua5.4 lua
extract xz-utils xz
extract libyaml yaml
extract json-c jsonc
extract sed sed
echo "corpus sources in $work/src"
