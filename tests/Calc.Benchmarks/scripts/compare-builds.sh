#!/usr/bin/env bash
# The engine core of this checkout against an older commit's, measured alternately in separate processes:
#   tests/Calc.Benchmarks/scripts/compare-builds.sh COMMIT [PAIRS=6] [ROUNDS=10]
# With OLD_PATCH=FILE, the patch is applied to the old build first, e.g. this checkout without tracing's checks:
#   OLD_PATCH=tests/Calc.Benchmarks/scripts/no-trace-checks.patch tests/Calc.Benchmarks/scripts/compare-builds.sh HEAD 8 15
# Each pair runs `engine-interleaved ROUNDS` of the old build, then of this one (the order alternates per pair).
# Reported per run: the CPU median ns per record of "engine: threshold + expression" and of the hand-written
# loop that the same process measures alongside (the loop is the same code in both builds, so the ratio
# engine / loop cancels load that other processes put on the machine).
set -euo pipefail
commit=${1:?usage: compare-builds.sh COMMIT [PAIRS] [ROUNDS]}
pairs=${2:-6}
rounds=${3:-10}
root=$(git rev-parse --show-toplevel)
old=$(mktemp -d /tmp/calc-old.XXXXXX)
trap 'git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add -q --detach "$old" "$commit"
if [[ -n "${OLD_PATCH:-}" ]]; then git -C "$old" apply "$(realpath "$OLD_PATCH")"; fi
# The same measuring code for both builds: this checkout's harness of interleaved rounds (its CPU clock).
cp "$root/tests/Calc.Benchmarks/Interleaved.cs" "$old/tests/Calc.Benchmarks/Interleaved.cs"
echo "building $commit and this checkout (Release)…" >&2
dotnet build -c Release "$old/tests/Calc.Benchmarks/Calc.Benchmarks.csproj" >/dev/null
dotnet build -c Release "$root/tests/Calc.Benchmarks/Calc.Benchmarks.csproj" >/dev/null
run() { # build-dir label
  local out
  out=$(dotnet "$1/tests/Calc.Benchmarks/bin/Release/net10.0/Calc.Benchmarks.dll" engine-interleaved "$rounds")
  # wall min (the run least disturbed) and CPU median (thread CPU time, to the ns; load-proof) of each variant
  awk -F'|' -v b="$2" '/hand-written loop/ { gsub(/ /,""); lw = $3; lc = $6 } /engine: threshold \+ expression/ { gsub(/ /,""); ew = $3; ec = $6 }
    END { print b, ew, lw, ec, lc }' <<<"$out"
}
results=$(mktemp)
for ((p = 0; p < pairs; p++)); do
  if ((p % 2 == 0)); then run "$old" old; run "$root" new; else run "$root" new; run "$old" old; fi | tee -a "$results" >&2
done
echo "| build | runs | engine wall min ns/record | loop wall min | engine / loop (wall min) | engine CPU median | engine / loop (CPU median) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for b in old new; do
  awk -v b="$b" '$1 == b { ew[n] = $2; lw[n] = $3; rw[n] = $2 / $3; ec[n] = $4; rc[n] = $4 / $5; n++ }
    function med(a, n,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
    END { printf "| %s | %d | %.1f | %.1f | %.3f | %.1f | %.3f |\n", b, n, med(ew, n), med(lw, n), med(rw, n), med(ec, n), med(rc, n) }' "$results"
done
echo "(each figure is the median over the runs; a run is engine-interleaved $rounds rounds)"
