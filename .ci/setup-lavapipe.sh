#!/usr/bin/env bash
# Installs a software Vulkan device (Mesa lavapipe >= 25, from Debian bookworm-backports) into a private
# folder, without touching the system's apt sources, so that Dawn (the `webgpu` npm package) finds an
# adapter on a machine with no GPU. Mesa 22.3 from bookworm itself is refused by Dawn
# ("Vulkan shaderUniform*ArrayDynamicIndexing required").
# Usage (CI, from the repository root; .tools/ is git-ignored):
#   eval "$(bash .ci/setup-lavapipe.sh .tools/lavapipe)"   -> exports VK_DRIVER_FILES, VK_ICD_FILENAMES,
#   LD_LIBRARY_PATH, XDG_RUNTIME_DIR, MESA_SHADER_CACHE_DIR; then LAYERLENS_TEST_WEBGPU=1 makes the webgpu unit
#   tests (test/unit/backends) mandatory. Only stdout carries the exports; everything else goes to stderr.
# Needs Debian bookworm (or a Debian-based image with bookworm-backports on its mirror) and root or sudo for
# libvulkan1. Adapted from the shared webgpu-lavapipe recipe.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
DEST="$(mkdir -p "${1:-$PWD/.lavapipe}" && cd "${1:-$PWD/.lavapipe}" && pwd)"
MESA_VERSION="${MESA_VERSION:-25.0.7-2~bpo12+1}"
DRM_VERSION="${DRM_VERSION:-2.4.123-1~bpo12+1}"
if [ ! -f "$DEST/icd.json" ]; then
  export DEBIAN_FRONTEND=noninteractive
  if ! dpkg -s libvulkan1 libllvm15 >/dev/null 2>&1; then
    # Stale package lists on a fresh image make install fail; update once and retry.
    $SUDO apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends libvulkan1 libllvm15 >&2 \
      || { $SUDO apt-get -o DPkg::Lock::Timeout=600 update >&2 \
           && $SUDO apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends libvulkan1 libllvm15 >&2; }
  fi
  mkdir -p "$DEST/apt/lists/partial" "$DEST/apt/archives/partial" "$DEST/debs" "$DEST/root" "$DEST/xdg"
  # A sources file for bookworm-backports, on the same mirror the system already uses.
  uri="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$DEST/apt/backports.sources"
  o=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$DEST/apt/parts" -o "Dir::State::Lists=$DEST/apt/lists"
     -o "Dir::Cache::Archives=$DEST/apt/archives" -o "Dir::Cache::pkgcache=$DEST/apt/pkgcache.bin" -o "Dir::Cache::srcpkgcache=$DEST/apt/srcpkgcache.bin")
  mkdir -p "$DEST/apt/parts"; cp "$DEST/apt/backports.sources" "$DEST/apt/parts/"
  apt-get "${o[@]}" update >&2
  (cd "$DEST/debs" && apt-get "${o[@]}" download "mesa-vulkan-drivers=$MESA_VERSION" "libdrm2=$DRM_VERSION" "libdrm-amdgpu1=$DRM_VERSION" >&2)
  for f in "$DEST"/debs/*.deb; do dpkg -x "$f" "$DEST/root"; done
  lib="$(find "$DEST/root" -name libvulkan_lvp.so | head -1)"
  printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.4.305"}}\n' "$lib" > "$DEST/icd.json"
fi
echo "export VK_DRIVER_FILES='$DEST/icd.json' VK_ICD_FILENAMES='$DEST/icd.json'"
echo "export LD_LIBRARY_PATH='$DEST/root/usr/lib/x86_64-linux-gnu'\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
echo "export XDG_RUNTIME_DIR='$DEST/xdg' MESA_SHADER_CACHE_DIR='$DEST/shader-cache'"
