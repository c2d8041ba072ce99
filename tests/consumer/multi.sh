#!/usr/bin/env bash
# The multi-rule consumer project (tests/consumer/multi, see its README.md), run by tests/consumer/run.sh after the
# single-rule cases, with the same feed, package folder and template project:
#
#   tests/consumer/multi.sh WORK TEMPLATE ID...
#
# WORK: run.sh's work folder (its nuget.config and NUGET_PACKAGES apply); TEMPLATE: a net10.0 `dotnet new web` project
# with the package added; ID...: the fixable rule IDs to pass to dotnet format. Checks that one
# `dotnet format analyzers --diagnostics ID... --severity info` run gives exactly tests/consumer/multi/fixed, in three
# processes (string hashing, hence the order of rule IDs, differs per process; one copy also hands the files to the
# compiler in the opposite order), that a second run changes nothing, and that a clean build afterwards reports only
# tests/consumer/multi/expected-after.txt (no CORS006 anywhere). Exit 1 on any failure.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
multi="$root/tests/consumer/multi"
work="$1/multi"
template="$2"
shift 2
ids=("$@")
started=$SECONDS
failures=0

log() { printf '[multi %4ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { failures=$((failures + 1)); printf '[multi] FAIL: %s\n' "$*" >&2; }

rm -rf "$work"
mkdir -p "$work"

# A copy of the template with the sources of tests/consumer/multi/src (and its .editorconfig).
make_copy() { # name [reversed]
  local dir="$work/$1"
  cp -r "$template" "$dir"
  rm -f "$dir/Program.cs"
  cp -r "$multi/src/." "$dir/"
  if [ "${2:-}" = reversed ]; then
    # The same files as explicit Compile items in the opposite order: the workspace's document order changes.
    local items
    items="$(cd "$dir" && find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' | sed 's#^\./##' | sort -r \
      | while read -r f; do printf '    <Compile Include="%s" />\n' "$f"; done)"
    grep -v '^</Project>' "$dir/App.csproj" > "$dir/App.csproj.tmp"
    printf '  <PropertyGroup>\n    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>\n  </PropertyGroup>\n  <ItemGroup>\n%s\n  </ItemGroup>\n</Project>\n' "$items" >> "$dir/App.csproj.tmp"
    mv "$dir/App.csproj.tmp" "$dir/App.csproj"
  fi
  dotnet restore "$dir/App.csproj" > "$work/restore-$1.log" 2>&1 || { fail "$1: restore failed"; tail -n 20 "$work/restore-$1.log" >&2; }
}

format() { # name log
  dotnet format analyzers "$work/$1/App.csproj" --no-restore --diagnostics "${ids[@]}" --severity info > "$2" 2>&1
}

# The .cs files of a copy against tests/consumer/multi/fixed, byte for byte.
compare_with_fixed() { # name what
  local dir="$work/$1" file rel
  while read -r file; do
    rel="${file#"$multi/fixed/"}"
    if ! cmp -s "$file" "$dir/$rel"; then
      fail "$2: $rel differs from tests/consumer/multi/fixed/$rel"
      diff -u "$file" "$dir/$rel" | head -n 40 >&2
    fi
  done < <(find "$multi/fixed" -name '*.cs' | sort)
}

check_format_log() { # label log rc
  [ "$3" -eq 0 ] || { fail "$1: dotnet format exited $3"; tail -n 20 "$2" >&2; }
  if grep -qiE "unable to fix|didn't return|failed to apply|returned an unexpected" "$2"; then
    fail "$1: dotnet format warned: $(grep -iE "unable to fix|didn't return|failed to apply|returned an unexpected" "$2" | head -n 3)"
  fi
}

log "three copies of the project (one with its files in the opposite compile order); dotnet format ${ids[*]} --severity info"
make_copy a
make_copy b
make_copy c reversed

# Three processes at once: each has its own string hash seed, so its own order of rule IDs.
format a "$work/format-a.log" & pid_a=$!
format b "$work/format-b.log" & pid_b=$!
format c "$work/format-c.log" & pid_c=$!
wait "$pid_a"; rc_a=$?
wait "$pid_b"; rc_b=$?
wait "$pid_c"; rc_c=$?
check_format_log "run a" "$work/format-a.log" "$rc_a"
check_format_log "run b" "$work/format-b.log" "$rc_b"
check_format_log "run c (files in reverse order)" "$work/format-c.log" "$rc_c"
compare_with_fixed a "one run (a)"
compare_with_fixed b "one run (b)"
compare_with_fixed c "one run (c, files in reverse order)"
log "one run: each copy is byte-identical to tests/consumer/multi/fixed ($failures failure(s) so far)"

# A second run changes nothing. (--verify-no-changes cannot say so: it exits 2 while any diagnostic of the requested
# IDs is left, even one without a fix, such as the "*.vercel.app" origin here; see README "Fix from the command line".)
format a "$work/format-a2.log"; rc=$?
check_format_log "second run (a)" "$work/format-a2.log" "$rc"
compare_with_fixed a "second run (a)"
log "second run: nothing changed"

# A clean build of the result: only what has no safe rewrite is left; never CORS006.
build_log="$work/build-after.log"
dotnet build "$work/a/App.csproj" --no-incremental --no-restore -nologo > "$build_log" 2>&1 || { fail "the fixed project does not build"; grep -E ': error ' "$build_log" | sort -u | head -n 20 >&2; }
actual="$(sed -nE "s#^[[:space:]]*$work/a/([^(]+)\(([0-9]+),[0-9]+\): warning (CORS[0-9]+): .*#\1 \2 \3#p" "$build_log" | sort -u)"
expected="$(grep -vE '^[[:space:]]*(#|$)' "$multi/expected-after.txt" | sort -u)"
if [ "$actual" != "$expected" ]; then
  fail "diagnostics after dotnet format (file line id) differ from tests/consumer/multi/expected-after.txt:$(printf '\n  expected: %s' "$expected")$(printf '\n  actual:   %s' "$actual")"
fi
if echo "$actual" | grep -q ' CORS006$'; then fail "CORS006 after dotnet format: a fix wrote CORS headers unsafely"; fi
if grep -qE '(warning|error) (AD0001|CS8032|CS9057)\b' "$build_log"; then fail "analyzer failure in the build after dotnet format"; fi
log "build after: $(echo "$actual" | grep -c . || true) CORS diagnostic(s) left, as expected"

if [ "$failures" -ne 0 ]; then
  echo "[multi] $failures failure(s); projects and logs in $work" >&2
  exit 1
fi
log "passed"
