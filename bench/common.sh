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
# arguments for them (--analyzer <dll> ...).
build_analyzers() {
  local p dll
  quiet dotnet build src/CorsAnalyzers.CodeFixes/CorsAnalyzers.CodeFixes.csproj -c Release -nologo -v:q
  ANALYZERS=()
  for p in src/CorsAnalyzers/CorsAnalyzers.csproj src/CorsAnalyzers.CodeFixes/CorsAnalyzers.CodeFixes.csproj; do
    dll="$(dotnet msbuild "$p" -nologo -p:Configuration=Release -getProperty:TargetPath)"
    [[ -f "$dll" ]] || { echo "missing $dll" >&2; exit 1; }
    ANALYZERS+=(--analyzer "$dll")
  done
}
