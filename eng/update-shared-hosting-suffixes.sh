#!/usr/bin/env bash
# Regenerates src/CorsAnalyzers/Cors/SharedHostingSuffixes.txt: the private section of the Public Suffix List as the npm
# package `psl` carries it (the registry this project can reach; publicsuffix.org itself is not reachable here).
#   bash eng/update-shared-hosting-suffixes.sh [psl-version]
# The private section starts at the entry "co.krd" (the first line after "===BEGIN PRIVATE DOMAINS===" in the .dat
# file); the script fails if that marker entry moved. Update the version and date in docs/shared-hosting-suffixes.md.
set -euo pipefail
version="${1:-1.15.0}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "psl@$version" >/dev/null 2>&1 && tar xzf "psl-$version.tgz")
rules="$work/package/data/rules.js"
start="$(grep -n '^  "co.krd",$' "$rules" | cut -d: -f1)"
[ -n "$start" ] || { echo "psl $version: the private section's first entry \"co.krd\" was not found" >&2; exit 1; }
published="$(npm view "psl@$version" time --json | grep "\"$version\"" | sed -E 's/.*: "([0-9-]+)T.*/\1/')"
out=src/CorsAnalyzers/Cors/SharedHostingSuffixes.txt
{
  echo "# Shared hosting suffixes: the private section of the Public Suffix List (https://publicsuffix.org/list/public_suffix_list.dat),"
  echo "# as carried by the npm package psl $version (published $published; data/rules.js from the entry \"co.krd\", where the private"
  echo "# section begins, to the end), read on $(date -u +%F). Anyone can get a subdomain of each of these. One entry a line; '*.x' means every"
  echo "# label under x is one. Lines starting with '#' are comments. Regenerate with eng/update-shared-hosting-suffixes.sh."
  sed -n "$start,\$p" "$rules" | grep -o '"[^"]*"' | tr -d '"'
} > "$out"
echo "$out: $(grep -vc '^#' "$out") entries from psl $version"
