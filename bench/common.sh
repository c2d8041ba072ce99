# Shared by bench/run.sh and bench/jit.sh (sourced from the repository root).

quiet() { # run a command, show its output only when it fails
  local out
  if ! out="$("$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "failed: $*" >&2
    exit 1
  fi
}

# Builds src/CorsAnalyzers and src/CorsAnalyzers.CodeFixes in Release and sets ANALYZERS to the generator's
# arguments for them (--analyzer <dll> ...), and ANALYZER_IMAGE to what was chosen. The analyzer is the one the package
# gives a build on this machine (build/CorsAnalyzers.targets): the precompiled (ReadyToRun) copy with the .NET 10 SDK on
# linux-x64, made the way `dotnet pack` makes it; the IL assembly elsewhere, or with BENCH_READYTORUN=0.
build_analyzers() {
  local p dll
  quiet dotnet build src/CorsAnalyzers.CodeFixes/CorsAnalyzers.CodeFixes.csproj -c Release -nologo -v:q
  ANALYZERS=()
  ANALYZER_IMAGE="IL (analyzers/dotnet/cs)"
  for p in src/CorsAnalyzers/CorsAnalyzers.csproj src/CorsAnalyzers.CodeFixes/CorsAnalyzers.CodeFixes.csproj; do
    dll="$(dotnet msbuild "$p" -nologo -p:Configuration=Release -getProperty:TargetPath)"
    [[ -f "$dll" ]] || { echo "missing $dll" >&2; exit 1; }
    if [[ "$p" == src/CorsAnalyzers/CorsAnalyzers.csproj && "${BENCH_READYTORUN:-1}" != 0 \
          && "$(uname -sm)" == "Linux x86_64" && "$(dotnet --version)" == 10.* ]]; then
      quiet dotnet build src/CorsAnalyzers.Package/CorsAnalyzers.Package.csproj -c Release -nologo -v:q -t:CorsReadyToRunImage
      dll="$ROOT/src/CorsAnalyzers.Package/obj/readytorun/Release/CorsAnalyzers.dll"
      [[ -f "$dll" ]] || { echo "missing $dll (CorsReadyToRunImage)" >&2; exit 1; }
      ANALYZER_IMAGE="ReadyToRun linux-x64 (readytorun/net10.0/linux-x64, as the package picks it here; BENCH_READYTORUN=0 for IL)"
    fi
    ANALYZERS+=(--analyzer "$dll")
  done
}
