#!/usr/bin/env bash
# The precompiled (ReadyToRun) copy against the IL assembly in a fresh compiler, in a few minutes instead of
# bench/run.sh's seventeen (docs/performance.md, round 12): the generated N-file project twice, one referencing each
# image, then PAIRS alternating cold builds (-p:UseSharedCompilation=false: a new csc per build), and for each image
# the compiler's own report of our analyzer time and the Csc task time, median and range.
#   bench/readytorun.sh            # N=500, PAIRS=5
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-500}"
PAIRS="${PAIRS:-5}"
SEED="${SEED:-42}"
OUT="$ROOT/bench/out/readytorun-n$N"

# shellcheck source=bench/common.sh
source bench/common.sh
rm -rf "$OUT" && mkdir -p "$OUT/logs"
for image in il r2r; do
  if [[ "$image" == il ]]; then BENCH_READYTORUN=0 build_analyzers; else BENCH_READYTORUN=1 build_analyzers; fi
  echo "$image: $ANALYZER_IMAGE"
  python3 bench/generate.py --files "$N" --cors-copies 1 --seed "$SEED" --out "$OUT/$image" "${ANALYZERS[@]}"
  quiet dotnet build "$OUT/$image/BenchApp.csproj" -nologo -v:q
done

for i in $(seq 1 "$PAIRS"); do
  for image in il r2r; do
    dotnet build "$OUT/$image/BenchApp.csproj" --no-restore --no-incremental -nologo -p:ReportAnalyzer=true -v:d \
      -clp:PerformanceSummary -p:UseSharedCompilation=false >"$OUT/logs/$image-$i.log" 2>&1 \
      || { tail -20 "$OUT/logs/$image-$i.log" >&2; exit 1; }
  done
done

python3 - "$OUT/logs" "$PAIRS" <<'PY'
import os, statistics, sys
sys.path.insert(0, "bench")
import report
logs, pairs = sys.argv[1], int(sys.argv[2])
for image in ("il", "r2r"):
    runs = [report.parse_log(os.path.join(logs, f"{image}-{i}.log")) for i in range(1, pairs + 1)]
    ours = [report.ours_total(r) * 1000 for r in runs]
    csc = [r["csc_ms"] for r in runs]
    share = [o / c * 100 for o, c in zip(ours, csc)]
    print(f"{image:4s} ours median {statistics.median(ours):6.0f} ms (range {min(ours):.0f}-{max(ours):.0f}), "
          f"compile median {statistics.median(csc):6.0f} ms, ours/compile median {statistics.median(share):.2f}% "
          f"({pairs} cold builds; each: {' '.join(f'{o:.0f}' for o in ours)})")
PY
