#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, build everything with
# warnings as errors, run the whole CTest suite. Extra arguments go to ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="${PALPA_TEST_BUILD_DIR:-$root/build-test}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/palpa-xdg.XXXXXX)}"
chmod 0700 "$XDG_RUNTIME_DIR"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPALPA_WERROR=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)"
# The progress store tests need a PostgreSQL server: with-postgres.sh starts a throwaway one.
"$root/scripts/with-postgres.sh" ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
