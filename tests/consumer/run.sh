#!/usr/bin/env bash
# Consumer end-to-end test: the packed CorsAnalyzers package in fresh `dotnet new web` projects (net10.0 and
# net8.0), restored from a local folder feed into a package folder of their own, built by the installed SDK.
#
#   tests/consumer/run.sh [folder holding CorsAnalyzers.<version>.nupkg]      (default: artifacts/packages)
#
# Cases come from tests/consumer/cases (see its README.md): adding a rule = adding a case file.
# CORS_CONSUMER_CASES="CORS001 CORS013" runs only those cases (file names without .cs; "multi" for tests/consumer/multi).
# CORS_CONSUMER_KEEP=1 keeps the work folder after a success (it is always kept after a failure); CORS_NUGET_SOURCE overrides the public NuGet source.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cases_dir="$root/tests/consumer/cases"
package_dir="$(cd "${1:-$root/artifacts/packages}" && pwd)"
# The package registry the machine is configured with (its first enabled source), unless CORS_NUGET_SOURCE says otherwise.
nuget_source="${CORS_NUGET_SOURCE:-$(dotnet nuget list source --format short | awk '$1 ~ /^E/ { print $2; exit }')}"
if [ -z "$nuget_source" ]; then
  echo "consumer: no enabled NuGet source is configured on this machine (set CORS_NUGET_SOURCE)" >&2
  exit 1
fi
tfms=(net10.0 net8.0)

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDTERMINALLOGGER=off
started=$SECONDS

log() { printf '[consumer %4ds] %s\n' "$((SECONDS - started))" "$*"; }

failures=()
fail() { failures+=("$*"); printf '[consumer] FAIL: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# The package under test.
shopt -s nullglob
nupkgs=("$package_dir"/CorsAnalyzers.[0-9]*.nupkg)
shopt -u nullglob
if [ "${#nupkgs[@]}" -ne 1 ]; then
  echo "expected exactly one CorsAnalyzers.<version>.nupkg in $package_dir, found ${#nupkgs[@]}" >&2
  exit 1
fi
nupkg="${nupkgs[0]}"
version="$(basename "$nupkg" .nupkg)"; version="${version#CorsAnalyzers.}"

# ---------------------------------------------------------------------------------------------------------------
# Which rules exist on this branch: a release-tracking row whose rule class (the Notes column: "rule class X") is in src.
declare -A present=() default_severity=()
while IFS='|' read -r id _category severity notes _; do
  id="$(echo "$id" | tr -d '[:space:]')"
  severity="$(echo "$severity" | tr -d '[:space:]')"
  rule_class="$(echo "$notes" | sed -nE 's/.*rule class ([A-Za-z0-9_]+).*/\1/p')"
  [ -n "$rule_class" ] || continue
  if grep -rqE "class[[:space:]]+$rule_class\b" "$root/src/CorsAnalyzers" --include='*.cs'; then
    present[$id]=1
    default_severity[$id]="$severity"
  fi
done < <(cat "$root/src/CorsAnalyzers/AnalyzerReleases.Shipped.md" "$root/src/CorsAnalyzers/AnalyzerReleases.Unshipped.md" \
           | grep -E '^[[:space:]]*CORS[0-9]+[[:space:]]*\|')

# Which rules have a code fix: the README rule table's "Code fix" column.
declare -A fixable=()
while read -r id; do fixable[$id]=1; done < <(
  sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' "$root/README.md" \
    | awk -F'|' 'NF > 3 { fix = $(NF-1); gsub(/[ \t]/, "", fix); if (fix == "Yes" && match($2, /CORS[0-9]+/)) print substr($2, RSTART, RLENGTH) }')

# ---------------------------------------------------------------------------------------------------------------
# Removed at the end when everything passed (and CORS_CONSUMER_KEEP is not 1); kept with its logs otherwise.
work="$(mktemp -d "${TMPDIR:-/tmp}/cors-consumer.XXXXXX")"

# The cases that run, and what each expects: "<file> <line> <id>" in expect/<case> (file: Program.cs, or an appsettings
# file of the case), the nofix ones of Program.cs in nofix/<case>.
mkdir -p "$work/expect" "$work/nofix" "$work/editorconfig" "$work/case-packages" "$work/case-tfms"
cases=()
skipped=()
for file in "$cases_dir"/CORS*.cs; do
  name="$(basename "$file" .cs)"
  rule="$(echo "$name" | grep -oE '^CORS[0-9]+')"
  if [ -z "${present[$rule]:-}" ]; then
    skipped+=("$name"); continue
  fi
  if [ -n "${CORS_CONSUMER_CASES:-}" ] && ! [[ " $CORS_CONSUMER_CASES " == *" $name "* ]]; then
    continue
  fi
  cases+=("$name")
  : > "$work/expect/$name"; : > "$work/nofix/$name"
  # Program.cs, and the case's appsettings files (<case>.appsettings.json is the project's appsettings.json).
  for source in "$file" "$cases_dir/$name".appsettings*.json; do
    [ -f "$source" ] || continue
    target="Program.cs"; [ "$source" = "$file" ] || target="${source##*/"$name".}"
    while IFS=: read -r line rest; do
      for id in $(echo "$rest" | sed 's#.*// expect:##' | grep -oE 'CORS[0-9]+'); do
        [ -n "${present[$id]:-}" ] || continue
        echo "$target $line $id" >> "$work/expect/$name"
        if echo "$rest" | grep -qE '// expect:.*\bnofix\b'; then
          [ "$target" != Program.cs ] || echo "$id" >> "$work/nofix/$name"
        elif [ "$target" != Program.cs ]; then
          fail "$name: $target line $line: dotnet format does not see diagnostics in JSON files; mark the expectation nofix"
        fi
      done
    done < <(grep -nE '// expect:' "$source" || true)
  done
  sort -u -o "$work/expect/$name" "$work/expect/$name"
  { grep -E '^[[:space:]]*// consumer-editorconfig:' "$file" || true; } | sed -E 's#^[[:space:]]*// consumer-editorconfig:[[:space:]]*##' > "$work/editorconfig/$name"
  # "// consumer-package: Id Version": a PackageReference of the case project; "// consumer-tfms: net10.0": only there.
  { grep -E '^[[:space:]]*// consumer-package:' "$file" || true; } | sed -E 's#^[[:space:]]*// consumer-package:[[:space:]]*##' > "$work/case-packages/$name"
  { grep -E '^[[:space:]]*// consumer-tfms:' "$file" || true; } | sed -E 's#^[[:space:]]*// consumer-tfms:[[:space:]]*##' | tr ' ,' '\n\n' | grep -v '^$' > "$work/case-tfms/$name" || true
  while read -r package_id package_version _; do
    [ -n "$package_id" ] && [ -n "$package_version" ] || fail "$name: a '// consumer-package:' line needs an id and a version"
  done < "$work/case-packages/$name"
  if [ ! -s "$work/expect/$name" ]; then fail "$name: no '// expect:' line for an implemented rule"; fi
done

log "package: $nupkg (version $version)"
log "implemented rules: $(echo "${!present[@]}" | tr ' ' '\n' | sort | tr '\n' ' ')"
log "cases: ${cases[*]:-none}${skipped[*]:+; skipped (rule not implemented here): ${skipped[*]}}"
if [ "${#cases[@]}" -eq 0 ]; then
  echo "no consumer case can run: no rule is implemented on this branch" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------------------------
# A feed of our own, the public source for everything else, and a package folder nothing else has touched.
mkdir -p "$work/feed" "$work/packages"
cp "$nupkg" "$work/feed/"
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="public" value="$nuget_source" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="CorsAnalyzers" /></packageSource>
    <packageSource key="public"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF
printf 'root = true\n' > "$work/.editorconfig"
# No Directory.Build.props/targets from above the work folder.
printf '<Project />\n' > "$work/Directory.Build.props"
printf '<Project />\n' > "$work/Directory.Build.targets"
export NUGET_PACKAGES="$work/packages"

# Runs a command, output to a log file; sets $rc, never exits.
run() { local out="$1"; shift; if "$@" > "$out" 2>&1; then rc=0; else rc=$?; fi; }

# "severity id file line" for every compiler diagnostic in an MSBuild log, once each.
diagnostics() {
  sed -nE 's#^[[:space:]]*(/[^(]+)\(([0-9]+),[0-9]+(,[0-9]+,[0-9]+)?\): (warning|error) ([A-Z]+[0-9]+): .*#\4 \5 \1 \2#p' "$1" | sort -u
}

# Fresh web projects, one template per target framework, with the package added the way users add it.
for tfm in "${tfms[@]}"; do
  template="$work/template-$tfm"
  run "$work/new-$tfm.log" dotnet new web -o "$template" -n App --no-restore
  [ "$rc" -eq 0 ] || { cat "$work/new-$tfm.log"; echo "dotnet new web failed" >&2; exit 1; }
  sed -i -E "s#<TargetFramework>[^<]+</TargetFramework>#<TargetFramework>$tfm</TargetFramework>#" "$template/App.csproj"
  run "$work/add-$tfm.log" dotnet add "$template/App.csproj" package CorsAnalyzers --version "$version"
  [ "$rc" -eq 0 ] || { cat "$work/add-$tfm.log"; echo "dotnet add package CorsAnalyzers $version failed" >&2; exit 1; }
  grep -q "Include=\"CorsAnalyzers\"" "$template/App.csproj" || fail "$tfm: dotnet add package wrote no PackageReference"
  # A development dependency: NuGet marks the reference PrivateAssets=all by itself.
  grep -qE 'PrivateAssets(>|=")all' "$template/App.csproj" || fail "$tfm: the PackageReference is not PrivateAssets=all (developmentDependency missing?)"
  # Restored from our feed, not from anywhere else.
  grep -q "\"CorsAnalyzers/$version\"" "$template/obj/project.assets.json" || fail "$tfm: CorsAnalyzers $version not in project.assets.json"
  [ -f "$work/packages/corsanalyzers/$version/analyzers/dotnet/cs/CorsAnalyzers.dll" ] || fail "$tfm: restored package has no analyzers/dotnet/cs/CorsAnalyzers.dll"
  rm -rf "$template/obj" "$template/bin"
  log "$tfm: template project created and the package added (dotnet add package)"
done

# Whether a case runs on a target framework ("// consumer-tfms:" lines; every framework without one).
case_has_tfm() { # case tfm
  [ ! -s "$work/case-tfms/$1" ] || grep -qx "$2" "$work/case-tfms/$1"
}

# One project per case and target framework, all in one solution per target framework.
make_case_project() { # tfm case -> project folder
  local dir="$work/$1/$2"
  mkdir -p "$work/$1"
  cp -r "$work/template-$1" "$dir"
  mv "$dir/App.csproj" "$dir/$2.csproj"
  cp "$cases_dir/$2.cs" "$dir/Program.cs"
  # The case's own packages ("// consumer-package: <Id> <Version> [<tfm>]": a client library the rule reads, or what a
  # real-looking app uses: Swashbuckle, Serilog), for every target framework or only for <tfm>, restored from the
  # public source like any package.
  if [ -s "$work/case-packages/$2" ]; then
    local references="" package_id package_version only
    while read -r package_id package_version only; do
      if [ -z "$only" ] || [ "$only" = "$1" ]; then
        references="$references    <PackageReference Include=\"$package_id\" Version=\"$package_version\" />\n"
      fi
    done < "$work/case-packages/$2"
    [ -z "$references" ] || sed -i "s#</Project>#  <ItemGroup>\n$references  </ItemGroup>\n</Project>#" "$dir/$2.csproj"
  fi
  local json
  for json in "$cases_dir/$2".appsettings*.json; do
    if [ -f "$json" ]; then cp "$json" "$dir/${json##*/"$2".}"; fi
  done
  if [ -s "$work/editorconfig/$2" ]; then
    { echo '[*.cs]'; cat "$work/editorconfig/$2"; } > "$dir/.editorconfig"
  fi
}

check_case_diagnostics() { # tfm case diagnostics-file -> compare with expectations
  local tfm="$1" name="$2" all="$3" dir="$work/$1/$2/"
  local actual="$work/actual-$tfm-$name"
  awk -v d="$dir" '$2 ~ /^CORS[0-9]+$/ && index($3, d) == 1 { print substr($3, length(d) + 1), $4, $2 }' "$all" | sort -u > "$actual"
  local missing unexpected
  missing="$(comm -23 "$work/expect/$name" "$actual")"
  unexpected="$(comm -13 "$work/expect/$name" "$actual")"
  [ -z "$missing" ] || fail "$tfm/$name: expected but not reported (file line id): $(echo $missing)"
  [ -z "$unexpected" ] || fail "$tfm/$name: reported but not expected (file line id): $(echo $unexpected)"
}

# Analyzer load failures and crashes (often without a file: "CSC : warning CS8032"), anywhere in a build log.
check_no_analyzer_failures() { # label log-file
  local bad
  bad="$(grep -E '(warning|error) (AD0001|CS8032|CS8033|CS8034|CS9057)\b' "$2" | sort -u | head -n 5 || true)"
  [ -z "$bad" ] || fail "$1: analyzer load failure or crash: $bad"
}

# One solution with every case for every target framework (one parallel build), one with the net10.0 ones.
all_projects=()
for tfm in "${tfms[@]}"; do
  projects=()
  for name in "${cases[@]}"; do
    case_has_tfm "$name" "$tfm" || continue
    make_case_project "$tfm" "$name"; projects+=("$work/$tfm/$name/$name.csproj")
  done
  all_projects+=("${projects[@]}")
  run "$work/sln-$tfm.log" dotnet new sln -n cases --format sln -o "$work/$tfm"
  run "$work/sln-add-$tfm.log" dotnet sln "$work/$tfm/cases.sln" add "${projects[@]}"
  [ "$rc" -eq 0 ] || { cat "$work/sln-add-$tfm.log"; exit 1; }
done
run "$work/sln-all.log" dotnet new sln -n all --format sln -o "$work"
run "$work/sln-add-all.log" dotnet sln "$work/all.sln" add "${all_projects[@]}"
[ "$rc" -eq 0 ] || { cat "$work/sln-add-all.log"; exit 1; }

log "building ${#cases[@]} case projects x ${#tfms[@]} target frameworks (dotnet build --no-incremental)"
build_log="$work/build.log"
run "$build_log" dotnet build "$work/all.sln" --no-incremental -nologo
diagnostics "$build_log" > "$work/diagnostics"
if [ "$rc" -ne 0 ]; then
  fail "the case projects do not build with default severities (exit $rc)"
  grep -E ': error ' "$build_log" | sort -u | head -n 20 >&2 || true
fi
check_no_analyzer_failures "build" "$build_log"
others="$(awk '$2 ~ /^CORS[0-9]+$/' "$work/diagnostics" | awk '{ n = split($3, p, "/"); if (p[n] != "Program.cs" && p[n] !~ /^appsettings.*[.]json$/) print }')"
[ -z "$others" ] || fail "CORS diagnostics outside the case files: $others"
for tfm in "${tfms[@]}"; do
  for name in "${cases[@]}"; do if case_has_tfm "$name" "$tfm"; then check_case_diagnostics "$tfm" "$name" "$work/diagnostics"; fi; done
  log "$tfm: $(awk -v w="$work/$tfm/" '$2 ~ /^CORS/ && index($3, w) == 1' "$work/diagnostics" | wc -l) CORS diagnostics checked against the expectations"
done

# ---------------------------------------------------------------------------------------------------------------
# Severity configuration, as users do it, on one case project (net10.0): a Warning rule whose case needs no
# .editorconfig of its own. CORS001 when it exists.
probe=""
for name in CORS001 "${cases[@]}"; do
  rule="$(echo "$name" | grep -oE '^CORS[0-9]+')"
  if [ -f "$work/net10.0/$name/Program.cs" ] && [ "${default_severity[$rule]:-}" = Warning ] && [ ! -s "$work/editorconfig/$name" ]; then
    probe="$name"; break
  fi
done

if [ -z "$probe" ]; then
  fail "no case of a Warning rule without its own .editorconfig: severity scenarios not run"
else
  id="$(echo "$probe" | grep -oE '^CORS[0-9]+')"
  dir="$work/net10.0/$probe"
  project="$dir/$probe.csproj"
  cp "$project" "$work/probe.csproj.orig"
  expected_lines="$(awk -v id="$id" '$1 == "Program.cs" && $3 == id { print $2 }' "$work/expect/$probe" | sort -u)"
  # scenario name, expected exit (0 | fail), expected severity of $id (warning | error | absent), build args...
  scenario() {
    local label="$1" want_exit="$2" want="$3"; shift 3
    local out="$work/scenario-$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '_').log"
    run "$out" dotnet build "$project" --no-incremental --no-restore -nologo "$@"
    local found
    found="$(diagnostics "$out")"
    check_no_analyzer_failures "$label" "$out"
    if [ "$want_exit" = 0 ] && [ "$rc" -ne 0 ]; then fail "$label: build failed (exit $rc), expected success"; fi
    if [ "$want_exit" = fail ] && [ "$rc" -eq 0 ]; then fail "$label: build succeeded, expected failure"; fi
    local lines
    case "$want" in
      absent)
        if echo "$found" | awk '$2 ~ /^CORS[0-9]+$/' | grep -q .; then fail "$label: CORS diagnostics reported: $(echo "$found" | awk '$2 ~ /^CORS/' | tr '\n' ';')"; fi ;;
      *)
        lines="$(echo "$found" | awk -v s="$want" -v id="$id" -v f="$dir/Program.cs" '$1 == s && $2 == id && $3 == f { print $4 }' | sort -u)"
        [ "$lines" = "$expected_lines" ] || fail "$label: expected '$want $id' on line(s) $(echo $expected_lines), got $(echo ${lines:-none})" ;;
    esac
    log "scenario: $label"
  }
  set_editorconfig() { if [ -n "$1" ]; then printf '[*.cs]\n%s\n' "$1" > "$dir/.editorconfig"; else rm -f "$dir/.editorconfig"; fi; }
  set_mode_in_project() { # CorsAnalysisMode in the project file, as a user sets it
    cp "$work/probe.csproj.orig" "$project"
    [ -z "$1" ] || sed -i "0,/<\/PropertyGroup>/s##  <CorsAnalysisMode>$1</CorsAnalysisMode>\n  </PropertyGroup>#" "$project"
  }

  log "severity scenarios on net10.0/$probe ($id, expected on line(s) $(echo $expected_lines)); default severity: checked above"
  scenario "-warnaserror:$id fails the build" fail error "-warnaserror:$id"
  set_editorconfig "dotnet_diagnostic.$id.severity = none"
  scenario ".editorconfig $id = none silences it" 0 absent
  set_editorconfig "dotnet_diagnostic.$id.severity = error"
  scenario ".editorconfig $id = error fails the build" fail error
  set_editorconfig ""
  set_mode_in_project all-errors
  scenario "CorsAnalysisMode=all-errors (project file) fails the build" fail error
  # The user's own severities beat the preset: this rule back to a warning, every other rule off (all-errors also
  # turns on CORS009 and the Info rules, which the case may trigger).
  set_editorconfig "$(printf 'dotnet_diagnostic.%s.severity = none\n' "${!present[@]}" | grep -v "\.$id\." ; echo "dotnet_diagnostic.$id.severity = warning")"
  scenario "the user's .editorconfig wins over CorsAnalysisMode=all-errors" 0 warning
  set_editorconfig ""
  set_mode_in_project ""
  scenario "CorsAnalysisMode=none (command line) is silent" 0 absent "-p:CorsAnalysisMode=none"
  sarif="$work/cors.sarif"
  scenario "unknown CorsAnalysisMode keeps the defaults; SARIF log" 0 warning "-p:CorsAnalysisMode=strict" "-p:ErrorLog=$sarif%2Cversion=2.1"
  grep -q 'warning CORSPKG001' "$work/scenario-unknown_CorsAnalysisMode_keeps_the_defaults__SARIF_log.log" \
    || fail "unknown CorsAnalysisMode: no CORSPKG001 warning"
  if [ ! -f "$sarif" ] || ! grep -q "\"ruleId\": \"$id\"" "$sarif" || ! grep -q '"version": "2.1.0"' "$sarif"; then
    fail "SARIF log (-p:ErrorLog=...%2Cversion=2.1): $sarif missing, not SARIF 2.1.0, or without ruleId $id"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# The precompiled analyzer copy (readytorun/net10.0/linux-x64, build/CorsAnalyzers.targets): which assembly the
# compiler gets, and that with the copy a fresh compiler JIT-compiles (almost) none of our methods. The case builds
# above already ran with whichever the machine picks (the copy on linux-x64 with the .NET 10 SDK).
r2r_dir="$work/packages/corsanalyzers/$version/readytorun/net10.0/linux-x64"
il_path="$work/packages/corsanalyzers/$version/analyzers/dotnet/cs/CorsAnalyzers.dll"
r2r_expected=false
if [ "$(uname -sm)" = "Linux x86_64" ] && [[ "$(dotnet --version)" == 10.* ]] && [ -f "$r2r_dir/CorsAnalyzers.dll" ]; then
  r2r_expected=true
fi
r2r_name="${probe:-${cases[0]}}"
r2r_project="$work/net10.0/$r2r_name/$r2r_name.csproj"
jitcost="$root/bench/jit/bin/Release/net10.0/JitCost.dll"
# analyzer_of label expected(readytorun|il) build-args...: the CorsAnalyzers.dll the compiler was given (-v:n shows the
# compiler's command line), and the case's diagnostics with it. JIT_TRACE=dir traces the (fresh) compiler's JIT events.
analyzer_of() {
  local label="$1" want="$2"; shift 2
  local out="$work/r2r-$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '_').log"
  if [ -n "${JIT_TRACE:-}" ]; then
    rm -rf "$JIT_TRACE"; mkdir -p "$JIT_TRACE"
    DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$JIT_TRACE/trace_{pid}.nettrace" DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x10:5' \
      run "$out" dotnet build "$r2r_project" --no-incremental --no-restore -nologo -v:n -p:UseSharedCompilation=false "$@"
  else
    run "$out" dotnet build "$r2r_project" --no-incremental --no-restore -nologo -v:n "$@"
  fi
  [ "$rc" -eq 0 ] || { fail "$label: build failed (exit $rc)"; return; }
  check_no_analyzer_failures "$label" "$out"
  local line has_r2r=no has_il=no
  line="$(grep -E 'csc(\.dll)? .*/analyzer:' "$out" | head -n 1 || true)"
  [ -n "$line" ] || { fail "$label: no compiler command line in the log (-v:n)"; return; }
  case "$line" in *"/analyzer:$r2r_dir/CorsAnalyzers.dll"*) has_r2r=yes ;; esac
  case "$line" in *"/analyzer:$il_path"*) has_il=yes ;; esac
  if [ "$want" = readytorun ] && { [ "$has_r2r" != yes ] || [ "$has_il" != no ]; }; then
    fail "$label: expected the compiler to get the precompiled copy only (copy: $has_r2r, IL: $has_il)"
  elif [ "$want" = il ] && { [ "$has_r2r" != no ] || [ "$has_il" != yes ]; }; then
    fail "$label: expected the compiler to get the IL assembly only (copy: $has_r2r, IL: $has_il)"
  fi
  diagnostics "$out" > "$work/r2r-diagnostics"
  check_case_diagnostics net10.0 "$r2r_name" "$work/r2r-diagnostics"
  log "readytorun: $label: the compiler got the $want assembly; diagnostics as expected"
}
# our_jit_methods trace-dir: how many of our methods the traced compiler JIT-compiled (bench/jit's reader). Every
# process of the build writes a trace; only the compiler runs our code, so the largest count is the compiler's.
our_jit_methods() {
  local trace count max=""
  for trace in "$1"/*.nettrace; do
    count="$(dotnet "$jitcost" "$trace" ours=CorsAnalyzers | awk '$1 == "ours" { print $2 }')"
    if [ -n "$count" ] && { [ -z "$max" ] || [ "$count" -gt "$max" ]; }; then max="$count"; fi
  done
  echo "$max"
}
if [ "$r2r_expected" = true ]; then
  run "$work/jitcost-build.log" dotnet build "$root/bench/jit/JitCost.csproj" -c Release -nologo
  [ "$rc" -eq 0 ] || { cat "$work/jitcost-build.log"; fail "bench/jit (JIT event reader) does not build"; }
  JIT_TRACE="$work/jit-r2r" analyzer_of "default (.NET 10 SDK, linux-x64)" readytorun
  JIT_TRACE="$work/jit-il" analyzer_of "CorsAnalyzersReadyToRun=false" il -p:CorsAnalyzersReadyToRun=false
  analyzer_of "design-time build" il -p:DesignTimeBuild=true
  if [ -f "$jitcost" ]; then
    jit_r2r="$(our_jit_methods "$work/jit-r2r")"; jit_il="$(our_jit_methods "$work/jit-il")"
    # With the IL assembly a fresh compiler compiles a hundred or more of our methods for one case; with the copy,
    # only generic instantiations the copy cannot hold (framework generics over our types), if any.
    if [ -z "$jit_il" ] || [ "$jit_il" -lt 100 ]; then
      fail "readytorun: the IL build JIT-compiled ${jit_il:-?} of our methods, expected 100 or more (is the trace read?)"
    elif [ -z "$jit_r2r" ] || [ "$jit_r2r" -gt 20 ]; then
      fail "readytorun: with the precompiled copy the compiler still JIT-compiled ${jit_r2r:-?} of our methods (IL: $jit_il): its native code is not used"
    fi
    log "readytorun: our methods JIT-compiled by a fresh compiler: ${jit_r2r:-?} with the copy, ${jit_il:-?} with the IL assembly"
  fi
else
  analyzer_of "default (no copy for this SDK or machine)" il
  log "readytorun: not expected here ($(uname -sm), SDK $(dotnet --version)); the compiler got the IL assembly"
fi

# ---------------------------------------------------------------------------------------------------------------
# Origins in configuration (the CORS004-config case): build/CorsAnalyzers.targets gives the compiler the project's
# appsettings*.json as additional files, in real and design-time builds, unless CorsAnalyzersAppSettings=false; the
# diagnostics in those files are at the same lines in the SARIF log as in the build output.
config_case="CORS004-config"
if [ -f "$work/net10.0/$config_case/Program.cs" ]; then
  config_dir="$work/net10.0/$config_case"
  config_project="$config_dir/$config_case.csproj"
  additional_files() { # log -> the appsettings files on the compiler's command line, by name
    { grep -E 'csc(\.dll)? .*/analyzer:' "$1" || true; } | head -n 1 | { grep -oE '/additionalfile:[^ ]*appsettings[^ ]*[.]json' || true; } \
      | sed -E 's#^/additionalfile:##; s#.*/##' | LC_ALL=C sort -u | tr '\n' ' '
  }
  config_sarif="$work/config.sarif"
  run "$work/config-build.log" dotnet build "$config_project" --no-incremental --no-restore -nologo -v:n "-p:ErrorLog=$config_sarif%2Cversion=2.1"
  [ "$rc" -eq 0 ] || fail "$config_case: build with a SARIF log failed (exit $rc)"
  files="$(additional_files "$work/config-build.log")"
  [ "$files" = "appsettings.Development.json appsettings.Production.json appsettings.json " ] \
    || fail "$config_case: the compiler got the appsettings files '$files', expected appsettings.json, .Development.json and .Production.json"
  if [ -f "$config_sarif" ] && command -v python3 > /dev/null; then
    # "file line id" of every CORS result in the SARIF log, as in the build output.
    python3 - "$config_sarif" "$config_dir/" > "$work/config-sarif-actual" <<'PY'
import json, sys, urllib.parse
log, folder = sys.argv[1], sys.argv[2]
for run in json.load(open(log))["runs"]:
    for result in run.get("results", []):
        if not result["ruleId"].startswith("CORS") or result.get("level") not in ("warning", "error"):
            continue
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            path = urllib.parse.unquote(urllib.parse.urlparse(physical["artifactLocation"]["uri"]).path)
            if path.startswith(folder):
                print(path[len(folder):], physical["region"]["startLine"], result["ruleId"])
PY
    sort -u -o "$work/config-sarif-actual" "$work/config-sarif-actual"
    if ! cmp -s "$work/config-sarif-actual" "$work/expect/$config_case"; then
      fail "$config_case: the SARIF log has (file line id) $(tr '\n' ';' < "$work/config-sarif-actual"), expected $(tr '\n' ';' < "$work/expect/$config_case")"
    fi
  else
    fail "$config_case: no SARIF log at $config_sarif (or no python3 to read it)"
  fi
  run "$work/config-dtb.log" dotnet build "$config_project" --no-incremental --no-restore -nologo -v:n -p:DesignTimeBuild=true
  files="$(additional_files "$work/config-dtb.log")"
  [ "$files" = "appsettings.Development.json appsettings.Production.json appsettings.json " ] \
    || fail "$config_case: in a design-time build the compiler got the appsettings files '$files'"
  run "$work/config-off.log" dotnet build "$config_project" --no-incremental --no-restore -nologo -v:n -p:CorsAnalyzersAppSettings=false
  files="$(additional_files "$work/config-off.log")"
  [ -z "$files" ] || fail "$config_case: with CorsAnalyzersAppSettings=false the compiler still got '$files'"
  off="$(diagnostics "$work/config-off.log" | awk '$2 ~ /^CORS/ { n = split($3, p, "/"); print p[n], $4, $2 }' | sort -u | tr '\n' ';')"
  [ "$off" = "$(grep '^Program.cs ' "$work/expect/$config_case" | tr '\n' ';')" ] \
    || fail "$config_case: with CorsAnalyzersAppSettings=false expected only the Program.cs diagnostics, got $off"
  log "origins in configuration: appsettings files given to the compiler (build, design-time build, not when turned off); SARIF lines as expected"
fi

# ---------------------------------------------------------------------------------------------------------------
# Code fixes through dotnet format, on the net10.0 projects: every fixable rule that has a case.
fix_ids=()
for id in $(cat "$work"/expect/* | awk '$1 == "Program.cs" { print $3 }' | sort -u); do
  if [ -n "${fixable[$id]:-}" ]; then fix_ids+=("$id"); fi
done
if [ "${#fix_ids[@]}" -eq 0 ]; then
  log "dotnet format: no fixable rule has a case; skipped"
else
  sln="$work/net10.0/cases.sln"
  log "dotnet format analyzers --diagnostics ${fix_ids[*]} --severity warn"
  for name in "${cases[@]}"; do if case_has_tfm "$name" net10.0; then cp "$work/net10.0/$name/Program.cs" "$work/net10.0/$name/Program.cs.before"; fi; done
  cat "$work"/net10.0/*/appsettings*.json | cksum > "$work/appsettings.before"
  # One run fixes everything fixable: each rule's default action decides per site (CORS003: move or remove). Then
  # --verify-no-changes: it exits 2 while any diagnostic of the requested IDs is left, with or without a fix (found by
  # experiment), so it may fail only on the case lines marked "nofix".
  format_runs=1
  run "$work/format-1.log" dotnet format analyzers "$sln" --diagnostics "${fix_ids[@]}" --severity warn
  [ "$rc" -eq 0 ] || { fail "dotnet format analyzers failed (exit $rc)"; tail -n 30 "$work/format-1.log" >&2; }
  if grep -qiE "unable to fix|didn't return|failed to apply" "$work/format-1.log"; then
    fail "dotnet format warned: $(grep -iE "unable to fix|didn't return|failed to apply" "$work/format-1.log" | head -n 3)"
  fi
  run "$work/format-verify.log" dotnet format analyzers "$sln" --diagnostics "${fix_ids[@]}" --severity warn --verify-no-changes
  if [ "$rc" -ne 0 ]; then
    left="$(sed -nE 's#^[[:space:]]*(/[^(]+)\(([0-9]+),[0-9]+(,[0-9]+,[0-9]+)?\): (warning|error) (CORS[0-9]+): .*#\1 \2 \5#p' \
      "$work/format-verify.log" | sort -u | while read -r path line id; do
        case_name="$(basename "$(dirname "$path")")"
        if grep -qx "$id" "$work/nofix/$case_name" 2>/dev/null && grep -qx "$(basename "$path") $line $id" "$work/expect/$case_name" 2>/dev/null; then continue; fi
        echo "$case_name $(basename "$path"):$line $id"
      done)"
    [ -z "$left" ] || fail "dotnet format left fixable diagnostics after one run (--verify-no-changes exit $rc): $(echo $left)"
  fi
  for name in "${cases[@]}"; do
    case_has_tfm "$name" net10.0 || continue
    wants_fix="$(awk '$1 == "Program.cs" { print $3 }' "$work/expect/$name" | sort -u | while read -r id; do
      if [ -n "${fixable[$id]:-}" ] && ! grep -qx "$id" "$work/nofix/$name"; then echo "$id"; fi; done)"
    if [ -n "$wants_fix" ] && cmp -s "$work/net10.0/$name/Program.cs" "$work/net10.0/$name/Program.cs.before"; then
      fail "net10.0/$name: dotnet format changed nothing (expected fixes for: $(echo $wants_fix))"
    fi
    rm -f "$work/net10.0/$name/Program.cs.before"
  done

  # Code fixes do not reach diagnostics in JSON files (dotnet format reads only those in C# files; docs/configuration.md).
  cat "$work"/net10.0/*/appsettings*.json | cksum | cmp -s - "$work/appsettings.before" || fail "dotnet format changed an appsettings file"

  run "$work/build-fixed.log" dotnet build "$sln" --no-incremental -nologo
  diagnostics "$work/build-fixed.log" > "$work/diagnostics-fixed"
  if [ "$rc" -ne 0 ]; then
    fail "the projects do not build after dotnet format (exit $rc)"
    grep -E ': error ' "$work/build-fixed.log" | sort -u | head -n 20 >&2 || true
  fi
  check_no_analyzer_failures "build after format" "$work/build-fixed.log"
  for name in "${cases[@]}"; do
    case_has_tfm "$name" net10.0 || continue
    for id in "${fix_ids[@]}"; do
      left="$(awk -v id="$id" -v f="$work/net10.0/$name/Program.cs" '$2 == id && $3 == f' "$work/diagnostics-fixed" | wc -l)"
      allowed="$(grep -cx "$id" "$work/nofix/$name" || true)"
      [ "$left" -le "$allowed" ] || fail "net10.0/$name: $left $id diagnostic(s) left after dotnet format (nofix allows $allowed)"
    done
  done

  log "dotnet format: done in one run"
fi

# ---------------------------------------------------------------------------------------------------------------
# Several rules in several files of one project (tests/consumer/multi): one deterministic run, nothing left to change.
multi_ids=()
for id in $(printf '%s\n' "${!fixable[@]}" | sort); do
  if [ -n "${present[$id]:-}" ]; then multi_ids+=("$id"); fi
done
if [ -n "${CORS_CONSUMER_CASES:-}" ] && ! [[ " $CORS_CONSUMER_CASES " == *" multi "* ]]; then
  log "multi-rule project: skipped (CORS_CONSUMER_CASES does not list 'multi')"
elif [ "${#multi_ids[@]}" -eq 0 ]; then
  log "multi-rule project: no fixable rule; skipped"
else
  log "multi-rule project (tests/consumer/multi): dotnet format ${multi_ids[*]}"
  bash "$root/tests/consumer/multi.sh" "$work" "$work/template-net10.0" "${multi_ids[@]}" || fail "multi-rule project (tests/consumer/multi): see the [multi] lines above"
fi

# ---------------------------------------------------------------------------------------------------------------
if [ "${#failures[@]}" -ne 0 ]; then
  echo
  echo "consumer e2e FAILED (${#failures[@]} problem(s)); logs and projects kept in $work:"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
if [ "${CORS_CONSUMER_KEEP:-}" = 1 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
echo "consumer e2e passed: package $version, cases ${cases[*]} on ${tfms[*]}; severity scenarios on ${probe:-none}; dotnet format fixed ${fix_ids[*]:-nothing}${format_runs:+ in one run}; multi-rule project ${multi_ids[*]:+checked} ($((SECONDS - started))s)"
