#!/usr/bin/env bash
# Installs the Debian 12 packages palpa needs, only those missing. Idempotent and quiet
# when nothing is missing. Runs as root, or through sudo when available.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git clang
  libvulkan-dev mesa-vulkan-drivers glslc spirv-tools vulkan-validationlayers vulkan-tools
  libglm-dev libassimp-dev assimp-utils libimgui-dev libglfw3-dev
  libopenxr-dev libopenxr-loader1 libopenxr-utils
  libsqlite3-dev libpq-dev libssl-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libsimdjson-dev libstb-dev libcli11-dev libmeshoptimizer-dev
  xvfb xauth xdotool
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
