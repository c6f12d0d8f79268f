#!/usr/bin/env bash
# The README's first command: install what is missing, build Release, run the main job.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="${PALPA_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
# palpa, and the simulated OpenXR runtime the README's headset-free try loads.
cmake --build "$build" --parallel "$(nproc)" --target palpa palpa_xr_sim
"$build/trainer/palpa"
