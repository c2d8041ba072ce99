#!/usr/bin/env bash
# What two of CorsCompilationContext's JIT-saving idioms save in a fresh process (docs/performance.md, round 12):
# each variant in RUNS fresh processes (alternating), the median of the time from the variant's first line to its end.
#   bench/idioms.sh            # RUNS=30
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-30}"
dotnet build "$ROOT/bench/idioms/Idioms.csproj" -c Release -nologo -v:q >/dev/null
dll="$ROOT/bench/idioms/bin/Release/net10.0/Idioms.dll"
out="$(mktemp)"
for i in $(seq 1 "$RUNS"); do
  for variant in dictionary table multicast lists; do
    dotnet "$dll" "$variant" >> "$out"
  done
done
python3 - "$out" <<'PY'
import statistics, sys, collections
times = collections.defaultdict(list)
for line in open(sys.argv[1]):
    variant, ms, _ = line.split()
    times[variant].append(float(ms))
for variant in ("dictionary", "table", "multicast", "lists"):
    t = sorted(times[variant])
    print(f"{variant:10s} median {statistics.median(t):6.3f} ms  p10 {t[len(t)//10]:6.3f}  p90 {t[len(t)*9//10]:6.3f}  ({len(t)} processes)")
PY
rm -f "$out"
