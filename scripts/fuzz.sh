#!/usr/bin/env bash
# Builds palpa's libFuzzer targets with clang (AddressSanitizer and UndefinedBehaviorSanitizer)
# and runs each on its seed corpus (tests/fuzz/corpus/<target>), deterministically.
#   scripts/fuzz.sh [--time SECONDS | --runs N] [--build-dir DIR] [TARGET...]
# Targets: recording technique quiz walkthrough layer_map settings model (default: all).
# --runs N: N mutated inputs per target after the seeds (the test suite's short run);
# --time S: S seconds per target (a real fuzzing session). Findings are written to
# DIR/findings/<target>/ and the script exits 1; a finding becomes a regression test by
# adding it to the target's corpus folder, which every run replays first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
limit=(-runs=2000)
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --time) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(recording technique quiz walkthrough layer_map settings model)
command -v clang++ >/dev/null || { echo "fuzz.sh: needs clang (Debian package clang)" >&2; exit 1; }

echo "fuzz: building ${#targets[@]} target(s) with clang, ASan and UBSan in $build"
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPALPA_FUZZ=ON -DPALPA_BUILD_TESTS=OFF -DPALPA_BUILD_BENCH=OFF >/dev/null
if ! cmake --build "$build" --parallel "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >"$build/build.log" 2>&1; then
  tail -40 "$build/build.log" >&2
  echo "fuzz: the build failed (log $build/build.log)" >&2
  exit 1
fi

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "${targets[@]}"; do
  seeds="$root/tests/fuzz/corpus/$t"
  work="$build/corpus/$t"
  findings="$build/findings/$t"
  mkdir -p "$work" "$findings"
  echo "fuzz: $t (${limit[*]}, seeds $(ls "$seeds" | wc -l))"
  if ! "$build/fuzz/fuzz_$t" "${limit[@]}" -seed=1 -max_len=65536 -rss_limit_mb=4096 -timeout=30 \
      -artifact_prefix="$findings/" -print_final_stats=1 "$work" "$seeds" >"$build/fuzz-$t.log" 2>&1; then
    echo "fuzz: $t FOUND a problem: $(ls "$findings" | head -1) (log $build/fuzz-$t.log)" >&2
    tail -30 "$build/fuzz-$t.log" >&2
    failed=1
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/fuzz-$t.log" | tr '\n' ' ' | sed 's/^/fuzz:   /'
    echo
  fi
done
exit $failed
