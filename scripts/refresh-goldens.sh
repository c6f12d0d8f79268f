#!/usr/bin/env bash
# Re-renders the renderer's golden images (tests/render/golden/*.png) on lavapipe. Run after a
# deliberate change to the renderer, shaders or model; look at the new images before committing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PALPA_TEST_BUILD_DIR:-$root/build-test}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target render_goldens_refresh
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/palpa-xdg.XXXXXX)}"
"$build/tests/render/render_goldens_refresh"
git -C "$root" status --short tests/render/golden
