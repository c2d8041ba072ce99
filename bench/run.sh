#!/usr/bin/env bash
# Build-time benchmark of CorsAnalyzers against the current source (see README, "Performance").
#
#   bench/run.sh                      # N = 500 (best of 3) and 2000 (best of 2), both compiler modes,
#                                     # writes docs/performance.md
#   SIZES="50" REPS=1 MODES=cold OUT_MD=- bench/run.sh   # quick check while developing: print, do not write the doc
#
# Two compiler modes, each measured on its own (the compiler reports wall time per analyzer, and the first run of
# any analyzer's code in a process includes compiling that code from IL):
#   cold  a fresh csc process per build (-p:UseSharedCompilation=false): a CI job that turns the compiler server
#         off, or the first build after the server starts. Every analyzer's JIT is in every build.
#   warm  the compiler server (-p:UseSharedCompilation=true, `dotnet build`'s default), after WARMUP untimed
#         builds: what repeated builds on a developer machine and a long-lived IDE process see. The runner starts
#         from no server and stops it at the end (`dotnet build-server shutdown`, which stops every build server
#         of this user, so do not run it beside other builds).
#
# Environment knobs:
#   SIZES        file counts to measure (default "500 2000")
#   REPS         timed builds per configuration, one value per size or one for all (default "5 5"; the report
#                gives the best of them and the median of the builds' own ratios)
#   SEED         generator seed (default 42)
#   CORS_SCALE   "N:copies" extra runs, configuration (a) only, with the CORS file set copied: shows how our
#                time grows with the amount of CORS code (default none; e.g. "500:4", adds about 2 minutes)
#   MODES        compiler modes to measure (default "cold warm")
#   WARMUP       untimed builds of every project and configuration through the server before the warm
#                timings (default 2)
#   OUT_MD       markdown file to write (default docs/performance.md; "-" = print only)
#   BENCH_READYTORUN  0 = always measure the IL assembly; by default the analyzer is the one the package gives a
#                build on this machine: the precompiled copy with the .NET 10 SDK on linux-x64 (bench/common.sh)
#
# Generated projects and logs go to bench/out/ (git-ignored). Not part of `dotnet test` or CI: too slow.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZES="${SIZES:-500 2000}"
REPS="${REPS:-5 5}"
SEED="${SEED:-42}"
CORS_SCALE="${CORS_SCALE:-}"
MODES="${MODES:-cold warm}"
WARMUP="${WARMUP:-2}"
OUT_MD="${OUT_MD:-docs/performance.md}"
OUT="$ROOT/bench/out"
LOGS="$OUT/logs"

command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }

# shellcheck source=bench/common.sh
source bench/common.sh

start=$(date +%s)
log() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

# 1. The analyzers under test, built from this repository's source in Release.
log "building src/CorsAnalyzers and src/CorsAnalyzers.CodeFixes (Release)"
build_analyzers

rm -rf "$LOGS"
mkdir -p "$LOGS"

# 2. Generate every project and warm each up (restore + one compile). Then, round by round, build every project
#    in (a) ours and (b) ours + Sonar, so that a change in machine load hits all sizes alike.
read -r -a reps_list <<<"$REPS"
reps_for() { # reps_for <index>: the REPS entry for the index-th size, or the last one
  local i="$1"
  (( i < ${#reps_list[@]} )) && echo "${reps_list[$i]}" || echo "${reps_list[${#reps_list[@]}-1]}"
}
PROJECTS=()   # "n copies reps configs"
i=0
for n in $SIZES; do
  PROJECTS+=("$n 1 $(reps_for $i) ours,sonar")
  i=$((i + 1))
done
for spec in $CORS_SCALE; do
  PROJECTS+=("${spec%%:*} ${spec##*:} $(reps_for 0) ours")
done

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
max_reps=1
for p in "${PROJECTS[@]}"; do
  read -r n copies reps configs <<<"$p"
  dir="$OUT/n$n-c$copies"
  python3 bench/generate.py --files "$n" --cors-copies "$copies" --seed "$SEED" --out "$dir" "${ANALYZERS[@]}"
  cp "$dir/bench-info.json" "$LOGS/n$n-c$copies.json"
  log "N=$n copies=$copies: warm-up build (restore + compile)"
  quiet dotnet build "$dir/BenchApp.csproj" -nologo -v:q
  (( reps > max_reps )) && max_reps=$reps
done

build() { # build <project dir> <sonar true|false> <shared true|false> <log file>
  dotnet build "$1/BenchApp.csproj" --no-restore --no-incremental -nologo \
    -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -p:BenchSonar="$2" -p:UseSharedCompilation="$3" >"$4" 2>&1
}

for mode in $MODES; do
  case "$mode" in
    cold) shared=false ;;
    warm) shared=true ;;
    *) echo "unknown mode '$mode' (MODES: cold, warm)" >&2; exit 1 ;;
  esac
  if [[ "$mode" == warm ]]; then
    # A server of our own: nothing from earlier builds (other analyzer versions, other projects) in it.
    quiet dotnet build-server shutdown
    for w in $(seq 1 "$WARMUP"); do
      for p in "${PROJECTS[@]}"; do
        read -r n copies reps configs <<<"$p"
        for cfg in ${configs//,/ }; do
          sonar=false
          [[ "$cfg" == sonar ]] && sonar=true
          t0=$(date +%s)
          build "$OUT/n$n-c$copies" "$sonar" true "$LOGS/warmup.log" \
            || { echo "build failed, see $LOGS/warmup.log" >&2; exit 1; }
          log "warm-up $w: N=$n copies=$copies $cfg: $(( $(date +%s) - t0 ))s"
        done
      done
    done
  fi
  for rep in $(seq 1 "$max_reps"); do
    for p in "${PROJECTS[@]}"; do
      read -r n copies reps configs <<<"$p"
      (( rep <= reps )) || continue
      for cfg in ${configs//,/ }; do
        sonar=false
        [[ "$cfg" == sonar ]] && sonar=true
        file="$LOGS/n$n-c$copies-$cfg-$mode-$rep.log"
        t0=$(date +%s)
        build "$OUT/n$n-c$copies" "$sonar" "$shared" "$file" || { echo "build failed, see $file" >&2; exit 1; }
        log "$mode N=$n copies=$copies $cfg #$rep: $(( $(date +%s) - t0 ))s"
      done
    done
  done
  [[ "$mode" == warm ]] && quiet dotnet build-server shutdown
done
rm -f "$LOGS/warmup.log"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# 3. Report.
machine="$OUT/machine.json"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes in src')"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
python3 - "$machine" <<EOF
import json, sys
json.dump({
    "date": "$(date -u +'%Y-%m-%d %H:%M UTC')",
    "commit": "$commit",
    "cpu": "$cpu",
    "nproc": "$(nproc)",
    "sdk": "$(dotnet --version)",
    "repetitions": "REPS=\"$REPS\" (per size, in order $SIZES): best of that many builds per configuration and mode; WARMUP=$WARMUP untimed builds of each before the warm timings",
    "load average (1, 5, 15 min) before / after": "$load_before / $load_after",
    "wall time of the run": "$(( $(date +%s) - start )) s",
    "seed": "$SEED",
    "analyzer image": "$ANALYZER_IMAGE",
}, open(sys.argv[1], "w"))
EOF

cmd="bench/run.sh"
[[ -n "$CORS_SCALE" ]] && cmd="CORS_SCALE=\"$CORS_SCALE\" $cmd"
[[ "$SIZES" != "500 2000" ]] && cmd="SIZES=\"$SIZES\" $cmd"
[[ "$REPS" != "5 5" ]] && cmd="REPS=\"$REPS\" $cmd"
[[ "$MODES" != "cold warm" ]] && cmd="MODES=\"$MODES\" $cmd"
[[ "$WARMUP" != "2" ]] && cmd="WARMUP=\"$WARMUP\" $cmd"
if [[ "$OUT_MD" == "-" ]]; then
  python3 bench/report.py --logs "$LOGS" --machine-json "$machine" --command "$cmd"
else
  mkdir -p "$(dirname "$OUT_MD")"
  python3 bench/report.py --logs "$LOGS" --machine-json "$machine" --command "$cmd" --out "$OUT_MD"
  log "wrote $OUT_MD"
fi
log "done"
