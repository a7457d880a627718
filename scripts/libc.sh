#!/usr/bin/env bash
# Build Jiny's musl: Debian's musl 1.2.3-1 source (fetched and verified by
# scripts/deb-source.sh), patched by libc/patches/*.patch, installed into
# build/libc/, plus the compiler wrapper build/bin/jiny-cc.
#   scripts/libc.sh
# Idempotent: rebuilds only when a patch or this script is newer than the
# last build.  Nothing of musl is committed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=1.2.3-1
SRC=$ROOT/build/musl-src
WORK=$ROOT/build/libc-build
PREFIX=$ROOT/build/libc
STAMP=$PREFIX/.built

newest=$(ls -t "$ROOT"/libc/patches/*.patch "$0" | head -n 1)
if [ -f "$STAMP" ] && [ "$STAMP" -nt "$newest" ] && [ -x "$ROOT/build/bin/jiny-cc" ]; then
	exit 0
fi
say() { echo "libc: $*" >&2; }

"$ROOT/scripts/deb-source.sh" musl "$VERSION" "$SRC"
rm -rf "$WORK" "$PREFIX"
cp -r "$SRC/musl-1.2.3" "$WORK"
for p in "$ROOT"/libc/patches/*.patch; do
	say "applying $(basename "$p")"
	patch -s -p1 -d "$WORK" < "$p"
done
say "building into $PREFIX"
(cd "$WORK" && ./configure -q --prefix="$PREFIX" --disable-shared \
	--enable-wrapper=gcc CFLAGS="-O2" >/dev/null &&
	make -s -j"$(nproc)" >/dev/null && make -s install >/dev/null)
mkdir -p "$ROOT/build/bin"
cat > "$ROOT/build/bin/jiny-cc" <<WRAP
#!/bin/sh
# Compile a Jiny ring-0 app against Jiny's musl (build/libc): its system
# calls become calls into the kernel when Jiny runs it in ring 0.
exec "\${REALGCC:-gcc}" "\$@" -specs "$PREFIX/lib/musl-gcc.specs"
WRAP
chmod +x "$ROOT/build/bin/jiny-cc"
touch "$STAMP"
say "done: build/bin/jiny-cc"
