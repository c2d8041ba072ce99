#!/usr/bin/env bash
# How much of our code a fresh compiler process has to JIT-compile, measured by the runtime's own JIT events:
# one cold build (-p:UseSharedCompilation=false) of the generated N-file project with CorsAnalyzers and Sonar, the
# csc process traced through EventPipe (JIT keyword only), then bench/jit (TraceEvent) adds up methods, IL and time
# for our methods (including generic instantiations over our types), S5122's own methods and the rest.
#
#   bench/jit.sh            # N=500, 3 builds
#   N=2000 BUILDS=1 bench/jit.sh
#
# The analyzer is the one the package gives a build here (bench/common.sh): with the .NET 10 SDK on linux-x64 the
# precompiled copy, whose methods are not JIT-compiled at all; BENCH_READYTORUN=0 measures the IL assembly.
# Methods and IL are deterministic for a given source; the milliseconds are wall time on the JIT's thread (they
# include waiting for a core on a busy machine). docs/performance.md, round 5, has the numbers and what they mean.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-500}"
BUILDS="${BUILDS:-3}"
SEED="${SEED:-42}"
OUT="$ROOT/bench/out"
dir="$OUT/jit-n$N"
traces="$OUT/jit-traces"

# shellcheck source=bench/common.sh
source bench/common.sh
build_analyzers
quiet dotnet build bench/jit/JitCost.csproj -c Release -nologo -v:q
python3 bench/generate.py --files "$N" --cors-copies 1 --seed "$SEED" --out "$dir" "${ANALYZERS[@]}"
quiet dotnet build "$dir/BenchApp.csproj" -nologo -v:q -p:BenchSonar=true

for i in $(seq 1 "$BUILDS"); do
  rm -rf "$traces" && mkdir -p "$traces"
  DOTNET_EnableEventPipe=1 \
  DOTNET_EventPipeOutputPath="$traces/trace_{pid}.nettrace" \
  DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x10:5' \
    dotnet build "$dir/BenchApp.csproj" --no-restore --no-incremental -nologo -v:d \
      -p:ReportAnalyzer=true -p:UseSharedCompilation=false -p:BenchSonar=true >"$traces/build.log" 2>&1 \
    || { tail -20 "$traces/build.log" >&2; exit 1; }
  # The compiler's trace is the largest (MSBuild's own processes write small ones).
  trace="$(ls -S "$traces"/*.nettrace | head -1)"
  echo "== build $i (N=$N): analyzer times reported by the compiler (traced, so slower than untraced builds)"
  grep -E "CorsAnalyzers\.CorsAnalyzer |Rules\.PermissiveCors " "$traces/build.log" | sed -E 's/^ +/  /' | cut -c1-80
  dotnet bench/jit/bin/Release/net10.0/JitCost.dll "$trace" \
    ours=CorsAnalyzers S5122=SonarAnalyzer.CSharp.Rules.PermissiveCors Sonar=SonarAnalyzer --top "${TOP:-0}"
done
