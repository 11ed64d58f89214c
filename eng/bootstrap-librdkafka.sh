#!/usr/bin/env bash
# Makes `librdkafka.redist` restorable on a machine whose NuGet sources lack it.
#
# 1. If the package is already in the NuGet global packages folder, or restores from the configured
#    sources, nothing is done (a normal machine is left untouched).
# 2. Otherwise librdkafka is built from the source bundled in the npm package
#    @confluentinc/kafka-javascript, cached under ~/.cache/kafkaworkers, and packed as a local
#    librdkafka.redist package into the git-ignored folder .local-feed/ at the repository root.
#    Directory.Build.props adds that folder as a restore source only when it exists.
set -euo pipefail

LIBRDKAFKA_VERSION="${LIBRDKAFKA_VERSION:-2.15.1}"
NPM_PACKAGE="@confluentinc/kafka-javascript@1.10.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FEED="$ROOT/.local-feed"
CACHE="${KAFKAWORKERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkaworkers}"
BUILD_CACHE="$CACHE/librdkafka/$LIBRDKAFKA_VERSION"
NUGET_PACKAGES_DIR="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
NUPKG="librdkafka.redist.$LIBRDKAFKA_VERSION.nupkg"

log() { echo "[librdkafka] $*"; }

if [ -f "$FEED/$NUPKG" ]; then
  log "local feed already holds $NUPKG"
  exit 0
fi

if [ -f "$NUGET_PACKAGES_DIR/librdkafka.redist/$LIBRDKAFKA_VERSION/librdkafka.redist.nuspec" ]; then
  log "librdkafka.redist $LIBRDKAFKA_VERSION is already in the NuGet package cache"
  exit 0
fi

probe_restore() {
  local dir
  dir="$(mktemp -d)"
  cat > "$dir/probe.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="librdkafka.redist" Version="[$LIBRDKAFKA_VERSION]" />
  </ItemGroup>
</Project>
PROJ
  # Use the repository's nuget.config so the probe asks exactly the sources the build will ask.
  local rc=0
  (cd "$dir" && timeout 180 dotnet restore probe.csproj --configfile "$ROOT/nuget.config" >"$dir/restore.log" 2>&1) || rc=$?
  rm -rf "$dir"
  return $rc
}

log "checking whether librdkafka.redist $LIBRDKAFKA_VERSION restores from the configured sources..."
if probe_restore; then
  log "it does; nothing to build"
  exit 0
fi
log "librdkafka.redist $LIBRDKAFKA_VERSION is not available from the configured sources; building it locally"

if [ ! -f "$BUILD_CACHE/librdkafka.so" ]; then
  missing=()
  for tool in gcc make npm tar python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  for hdr in /usr/include/openssl/ssl.h /usr/include/zlib.h; do [ -f "$hdr" ] || missing+=("$hdr"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing build dependencies (missing: ${missing[*]})"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq build-essential libssl-dev zlib1g-dev pkg-config python3 npm >/dev/null
  fi

  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  log "fetching the librdkafka source bundled in $NPM_PACKAGE"
  (cd "$work" && npm pack "$NPM_PACKAGE" --silent >/dev/null 2>&1)
  tar -xzf "$work"/confluentinc-kafka-javascript-*.tgz -C "$work"
  src="$work/package/deps/librdkafka"
  [ -f "$src/configure" ] || { log "error: $src/configure not found in the npm package"; exit 1; }
  chmod +x "$src/configure" "$src"/mklove/*.sh 2>/dev/null || true
  log "configuring librdkafka $LIBRDKAFKA_VERSION (this and the build take a minute or two)"
  (cd "$src" && ./configure --disable-gssapi --disable-curl --disable-zstd --disable-lz4-ext >"$work/configure.log" 2>&1) \
    || { tail -n 40 "$work/configure.log"; exit 1; }
  log "compiling with $(nproc) jobs..."
  start=$SECONDS
  (cd "$src" && make -j"$(nproc)" -C src librdkafka.so.1 >"$work/make.log" 2>&1 &
   pid=$!; while kill -0 $pid 2>/dev/null; do sleep 15; kill -0 $pid 2>/dev/null && echo "[librdkafka]   still compiling ($((SECONDS - start)) s)"; done; wait $pid) \
    || { tail -n 40 "$work/make.log"; exit 1; }
  mkdir -p "$BUILD_CACHE"
  cp "$src/src/librdkafka.so.1" "$BUILD_CACHE/librdkafka.so.tmp"
  mv "$BUILD_CACHE/librdkafka.so.tmp" "$BUILD_CACHE/librdkafka.so"
  log "built in $((SECONDS - start)) s, cached at $BUILD_CACHE/librdkafka.so"
else
  log "using the cached build at $BUILD_CACHE/librdkafka.so"
fi

log "packing $NUPKG into $FEED"
stage="$(mktemp -d)"
mkdir -p "$stage/runtimes/linux-x64/native"
cp "$BUILD_CACHE/librdkafka.so" "$stage/runtimes/linux-x64/native/librdkafka.so"
cat > "$stage/librdkafka.redist.nuspec" <<NUSPEC
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>librdkafka.redist</id>
    <version>$LIBRDKAFKA_VERSION</version>
    <authors>librdkafka contributors (local build)</authors>
    <description>librdkafka $LIBRDKAFKA_VERSION built locally for linux-x64 by KafkaWorkers' eng/bootstrap-librdkafka.sh.</description>
    <license type="expression">BSD-2-Clause</license>
  </metadata>
</package>
NUSPEC
cat > "$stage/[Content_Types].xml" <<'CT'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
</Types>
CT
mkdir -p "$FEED"
rm -f "$FEED/$NUPKG.tmp"
(cd "$stage" && python3 - "$FEED/$NUPKG.tmp" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk("."):
        for f in sorted(files):
            p = os.path.relpath(os.path.join(root, f), ".")
            z.write(p, p)
PY
)
mv "$FEED/$NUPKG.tmp" "$FEED/$NUPKG"
rm -rf "$stage"
log "done: $FEED/$NUPKG"
