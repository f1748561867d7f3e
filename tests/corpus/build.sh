#!/bin/sh
# Build one corpus project from a pristine tree with a given compiler.
# Usage: build.sh PROJECT SRCTREE OUTDIR "CC"   (PROJECT: zlib, bzip2, lua, xz, yaml, jsonc, sed)
# Copies SRCTREE to OUTDIR (removed first) and builds there exactly as
# /work/shared/CORPUS.md says; compiler stderr (TF_EXPLAIN lines) goes to
# OUTDIR.log.  Set JOBS to change make's parallelism (default: nproc).
set -eu
proj=${1:?project} src=${2:?srctree} out=${3:?outdir} cc=${4:?CC}
jobs=${JOBS:-$(nproc)}
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -rf "$out"
cp -a "$src" "$out"
log=$out.log
: > "$log"
cd "$out"
case $proj in
zlib)
	CC=$cc ./configure >>"$log" 2>&1
	make -j"$jobs" >>"$log" 2>&1
	;;
bzip2)
	make -j"$jobs" CC="$cc" libbz2.a bzip2 bzip2recover >>"$log" 2>&1
	;;
lua)
	# LUA_FIXED_SEED=1 (bench/run.sh): a constant string-hash seed, so
	# instruction counts repeat (lstate.c seeds from time() and addresses)
	make -j"$jobs" linux CC="$cc" \
		MYCFLAGS="-std=gnu99${LUA_FIXED_SEED:+ -Dluai_makeseed=sizeof}" >>"$log" 2>&1
	;;
xz)
	# static liblzma only: the test programs and xz link it directly
	./configure CC="$cc" --disable-shared --disable-nls >>"$log" 2>&1
	make -j"$jobs" >>"$log" 2>&1
	;;
yaml)
	# its CMake build (the Debian source has no configure script), shared:
	# the test programs link libyaml.so, as the Debian package's do; CC
	# with its words, as CMake reads it
	CC=$cc cmake -S . -B _b -DBUILD_SHARED_LIBS=ON -DBUILD_TESTING=ON \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo >>"$log" 2>&1
	cmake --build _b -j"$jobs" >>"$log" 2>&1
	;;
jsonc)
	# CMake, its default shared and static libraries, its -Werror
	CC=$cc cmake -S . -B _b -DCMAKE_BUILD_TYPE=RelWithDebInfo >>"$log" 2>&1
	cmake --build _b -j"$jobs" >>"$log" 2>&1
	;;
sed)
	# autoconf and gnulib: some 600 configure probes; its gnulib tests
	# (descriptors, exit, signals) build in make check
	./configure CC="$cc" --disable-nls >>"$log" 2>&1
	make -j"$jobs" >>"$log" 2>&1
	;;
*)
	echo "build.sh: unknown project '$proj' (zlib, bzip2, lua, xz, yaml, jsonc, sed)" >&2
	exit 2
	;;
esac
