#!/usr/bin/env python3
"""Parse the MSBuild logs written by bench/run.sh and write the results (markdown).

Each log comes from
    dotnet build --no-incremental -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary
and holds the compiler's per-analyzer report:

             Total analyzer execution time: 1.525 seconds.

             Time (s)    %   Analyzer
                1.284   84   SonarAnalyzer.CSharp, Version=10.36.0.0, Culture=neutral, PublicKeyToken=null
                0.431   28      SonarAnalyzer.CSharp.Rules.InvalidCastToInterface (S1944)
                ...
             Total generator execution time: ...

and MSBuild's task summary ("     4193 ms  Csc                                        1 calls").

    python3 bench/report.py --logs bench/out/logs --out docs/performance.md [--machine-json file]
"""
import argparse
import glob
import json
import os
import re
import sys

OURS_PREFIX = "CorsAnalyzers"          # assembly simple names CorsAnalyzers, CorsAnalyzers.CodeFixes
S5122_TYPE = "SonarAnalyzer.CSharp.Rules.PermissiveCors"
ROW = re.compile(r"^\s*(?:\d+(?::\d+)?>)?\s*(<?[0-9]+\.[0-9]+)\s+(<?[0-9]+)\s+(\S.*?)\s*$")
TOTAL = re.compile(r"Total analyzer execution time:\s*([0-9.]+) seconds")
CSC = re.compile(r"^\s*(\d+) ms\s+Csc\s+(\d+) calls")
LOG_NAME = re.compile(r"n(\d+)-c(\d+)-(ours|sonar)-(cold|warm)-(\d+)\.log$")
MODES = {
    "cold": ("Cold: a fresh compiler process per build",
             "`-p:UseSharedCompilation=false`: every build starts `csc` anew, so the code of every analyzer shipped as "
             "IL (Sonar's, and ours with `BENCH_READYTORUN=0`) is compiled by the JIT inside the timed callbacks, and "
             "every lazily filled cache of the compiler process starts empty. A CI job that turns the compiler server off "
             "sees this (this machine's environment sets `UseSharedCompilation=false` for every build), and so does the "
             "first build after the server starts."),
    "warm": ("Warm: the compiler server",
             "`-p:UseSharedCompilation=true` (`dotnet build`'s default) after untimed warm-up builds of every project "
             "and configuration through the same server: the analyzers are already loaded and compiled. Repeated "
             "builds on a developer machine see this; so does the IDE, whose analyzer host is long-lived."),
}
EXPECTED_SERVER = {"cold": "csc process per build", "warm": "server"}
END_MARKER = "<!-- bench:end (generated above; hand-written notes below are kept by bench/run.sh) -->"
LESS_THAN = 0.0005  # "<0.001" in the report: counted as half a millisecond


def seconds(text):
    return LESS_THAN if text.startswith("<") else float(text)


def parse_log(path):
    """{'total': s, 'csc_ms': ms, 'assemblies': {name: s}, 'types': {type: (s, assembly)}, 'compiler': str}"""
    result = {"total": None, "csc_ms": None, "assemblies": {}, "types": {}, "compiler": None, "server": None}
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    in_table = False
    assembly = None
    succeeded = False
    for line in lines:
        if "Build succeeded." in line:
            succeeded = True
        if result["compiler"] is None and "Visual C# Compiler version" in line:
            result["compiler"] = line.strip().split("version", 1)[1].strip().split(" ")[0]
        if result["server"] is None and "CompilerServer:" in line:
            result["server"] = "server" if "CompilerServer: server" in line else "csc process per build"
        m = TOTAL.search(line)
        if m:
            result["total"] = float(m.group(1))
            continue
        if line.strip().startswith("Time (s)") and line.strip().endswith("Analyzer"):
            in_table = True
            continue
        if in_table:
            if not line.strip():
                continue
            m = ROW.match(line)
            if not m:
                in_table = False
                continue
            value, name = seconds(m.group(1)), m.group(3)
            if ", Version=" in name:
                assembly = name.split(",", 1)[0]
                result["assemblies"][assembly] = value
            else:
                type_name = name
                result["types"][type_name] = (value, assembly)
            continue
        m = CSC.match(line)
        if m:
            result["csc_ms"] = int(m.group(1))
    if not succeeded:
        raise SystemExit(f"{path}: the build failed; see the log")
    if result["total"] is None or result["csc_ms"] is None:
        raise SystemExit(f"{path}: no analyzer report or no Csc task time (was it built with ReportAnalyzer and -clp:PerformanceSummary?)")
    return result


def is_ours(assembly):
    return assembly is not None and (assembly == OURS_PREFIX or assembly.startswith(OURS_PREFIX + "."))


def ours_total(run):
    values = [v for (v, a) in run["types"].values() if is_ours(a)]
    return sum(values) if values else None


def ours_types(run):
    return {t: v for t, (v, a) in run["types"].items() if is_ours(a)}


def s5122(run):
    for t, (v, _) in run["types"].items():
        if t.startswith(S5122_TYPE + " ") or t == S5122_TYPE:
            return v
    return None


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def per_build_ratios(runs, numerator, denominator):
    """numerator(run) / denominator(run) for each run where both are measured (a paired ratio: one build, one load)."""
    out = []
    for x in runs:
        a, b = numerator(x), denominator(x)
        if a is not None and b:
            out.append(a / b)
    return out


def times(value):
    return "n/a" if value is None else f"x{value:.2f}"


def best(values):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def ms(value):
    if value is None:
        return "n/a"
    if value <= LESS_THAN:
        return "<1"
    return f"{value * 1000:.0f}"


def pct(value):
    return "n/a" if value is None else f"{value * 100:.3f}%"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def collect(logs_dir):
    runs = {}
    for path in sorted(glob.glob(os.path.join(logs_dir, "*.log"))):
        m = LOG_NAME.search(os.path.basename(path))
        if not m:
            continue
        mode = m.group(4)
        run = parse_log(path)
        if run["server"] is not None and run["server"] != EXPECTED_SERVER[mode]:
            raise SystemExit(f"{path}: a {mode} build, but the compiler ran as '{run['server']}'")
        key = (mode, int(m.group(1)), int(m.group(2)))
        runs.setdefault(key, {"ours": [], "sonar": []})[m.group(3)].append(run)
    if not runs:
        raise SystemExit(f"no logs named n<N>-c<copies>-<ours|sonar>-<cold|warm>-<rep>.log in {logs_dir}")
    for (mode, n, copies), r in runs.items():
        info = os.path.join(logs_dir, f"n{n}-c{copies}.json")
        r["info"] = {}
        if os.path.exists(info):
            with open(info, encoding="utf-8") as f:
                r["info"] = json.load(f)
    return runs


def summarize(runs):
    """{mode: [row per (N, copies)]}, modes in the order cold, warm."""
    by_mode = {}
    for (mode, n, copies), r in sorted(runs.items(), key=lambda kv: (list(MODES).index(kv[0][0]), kv[0][1], kv[0][2])):
        a, b = r["ours"], r["sonar"]
        row = {
            "n": n, "copies": copies, "reps_a": len(a), "reps_b": len(b), "info": r["info"],
            "csc_a": best([x["csc_ms"] / 1000 for x in a]),
            "csc_b": best([x["csc_ms"] / 1000 for x in b]),
            "all_a": best([x["total"] for x in a]),
            "all_b": best([x["total"] for x in b]),
            "ours_a": best([ours_total(x) for x in a]),
            "ours_b": best([ours_total(x) for x in b]),
            "s5122": best([s5122(x) for x in b]),
            "sonar": best([x["assemblies"].get("SonarAnalyzer.CSharp") for x in b]),
            "types": {},
            "compiler": next((x["compiler"] for x in a + b if x["compiler"]), None),
        }
        names = set()
        for x in a:
            names.update(ours_types(x))
        for t in names:
            row["types"][t] = best([ours_types(x).get(t) for x in a])
        row["ours_vs_s5122"] = ratio(row["ours_b"], row["s5122"])
        row["ours_vs_compile"] = ratio(row["ours_a"], row["csc_a"])
        # Paired: each build's own ratio, then the median over the builds (no best-of across builds).
        row["paired_vs_s5122"] = median(per_build_ratios(b, ours_total, s5122))
        row["paired_vs_compile"] = median(per_build_ratios(a, ours_total, lambda x: x["csc_ms"] / 1000))
        by_mode.setdefault(mode, []).append(row)
    return by_mode


def render(by_mode, machine, command):
    out = []
    w = out.append
    all_rows = [r for rows in by_mode.values() for r in rows]
    w("# Performance")
    w("")
    w("How much build time the CorsAnalyzers rules cost, measured on a generated web project and compared with")
    w("SonarAnalyzer's CORS rule (S5122, `PermissiveCors`) in the same build. Everything above the `bench:end` marker")
    w("is written by `bench/run.sh` (run it again rather than editing); notes below the marker are hand-written and kept.")
    w("")
    w("## Reproduce")
    w("")
    w("```bash")
    w(command)
    w("```")
    w("")
    w("## Machine and inputs")
    w("")
    for k in ["date", "commit", "cpu", "nproc", "sdk", "analyzer image", "repetitions", "seed",
              "load average (1, 5, 15 min) before / after", "wall time of the run"]:
        if k in machine:
            w(f"- {k}: {machine[k]}")
    compiler = next((r["compiler"] for r in all_rows if r.get("compiler")), None)
    if compiler:
        w(f"- C# compiler (from the log): {compiler}")
    ours_rules = sorted({t for r in all_rows for t in r["types"]})
    w(f"- CorsAnalyzers analyzer types in the build: {len(ours_rules)}")
    w("")
    w("## Method")
    w("")
    w("`bench/generate.py` writes a deterministic (seeded) ASP.NET Core project (net10.0, Microsoft.NET.Sdk.Web) of N")
    w("C# files: DTOs, services, controllers, typed HttpClient wrappers, minimal-API endpoint groups and middleware")
    w("full of ordinary invocations and non-CORS header writes, plus a fixed set of files with CORS code (every shape")
    w("the rules look for; the same set whatever N is). For each N the runner builds the Release analyzer DLLs from")
    w("this repository, references them as `<Analyzer>` items, builds the project once (restore, warm-up), then")
    w("builds it with `dotnet build --no-restore --no-incremental -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary`")
    w("in two configurations, alternating, in rounds over all projects (so a change in machine load hits every size):")
    w("")
    w("- (a) the SDK's default analyzers + CorsAnalyzers,")
    w("- (b) the same + `SonarAnalyzer.CSharp` 10.36.0.15337 (all its default rules).")
    w("")
    w("Each is measured in two compiler modes (the log says which one the compiler ran in):")
    w("")
    for mode in by_mode:
        title, text = MODES[mode]
        w(f"- **{title}.** {text}")
    w("")
    w("Every number is the best (lowest) of the repetitions, taken per number, except the two \"per build\" columns:")
    w("there each build's own ratio is taken (ours and S5122 in the same build; ours and that build's compile) and the")
    w("median of those is shown, which no single quiet or busy build decides. \"Ours\" is the sum of the times the")
    w("compiler reports for our analyzer types; \"compile\" is the `Csc` task time (the whole compilation including")
    w("all analyzers and source generators). The compiler reports 1 ms resolution; \"<1\" means under 1 ms.")
    w("Analyzers run concurrently, so an analyzer's time can include time it waited for a core.")
    w("")
    w("## Projects")
    w("")
    w("| N files | CORS file sets | lines | member invocations (approx.) | files with CORS code | CORS call sites, attributes, header names |")
    w("|---:|---:|---:|---:|---:|---:|")
    seen = set()
    for r in all_rows:
        if (r["n"], r["copies"]) in seen:
            continue
        seen.add((r["n"], r["copies"]))
        i = r["info"]
        w(f"| {r['n']} | {r['copies']} | {i.get('lines', '?')} | {i.get('member_invocations', '?')} | "
          f"{i.get('cors_files', '?')} | {i.get('cors_sites', '?')} |")
    w("")
    w("## Results")
    for mode, rows in by_mode.items():
        w("")
        w(f"### {MODES[mode][0]}")
        w("")
        w("| N files | CORS file sets | compile (a) ms | all analyzers (a) ms | ours (a) ms | ours / compile | ours / compile, per build (median) | compile (b) ms | Sonar total (b) ms | S5122 (b) ms | ours (b) ms | ours / S5122 | ours / S5122, per build (median) |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            vs = "n/a" if r["ours_vs_s5122"] is None else f"{r['ours_vs_s5122']:.2f}"
            paired = "n/a" if r["paired_vs_s5122"] is None else f"{r['paired_vs_s5122']:.2f}"
            w(f"| {r['n']} | {r['copies']} | {ms(r['csc_a'])} | {ms(r['all_a'])} | {ms(r['ours_a'])} | {pct(r['ours_vs_compile'])} | "
              f"{pct(r['paired_vs_compile'])} | {ms(r['csc_b'])} | {ms(r['sonar'])} | {ms(r['s5122'])} | {ms(r['ours_b'])} | {vs} | {paired} |")
    w("")
    w("### Our analyzers, per type (configuration a, ms)")
    w("")
    columns = [(mode, r) for mode, rows in by_mode.items() for r in rows]
    all_types = sorted({t for _, r in columns for t in r["types"]},
                       key=lambda t: -max((r["types"].get(t) or 0) for _, r in columns))
    if not all_types:
        w("No CorsAnalyzers analyzer appears in the report (no rule implemented yet, or the DLL was not loaded).")
    else:
        w("| analyzer (rules) | " + " | ".join(f"{mode}, N={r['n']}, sets={r['copies']}" for mode, r in columns) + " |")
        w("|---|" + "---:|" * len(columns))
        for t in all_types:
            w(f"| {t} | " + " | ".join(ms(r["types"].get(t)) for _, r in columns) + " |")
    w("")
    w("## Targets")
    for mode, rows in by_mode.items():
        w("")
        w(f"### {MODES[mode][0]}")
        w("")
        for line in targets(rows):
            w(line)
    w("")
    return "\n".join(out)


def targets(rows):
    lines = []
    main = [r for r in rows if r["copies"] == 1]
    if not any(r["types"] for r in rows):
        return ["- Not measurable: no CorsAnalyzers analyzer type appears in the compiler's report."]
    ok_s5122 = all(r["ours_b"] is not None and r["s5122"] is not None and r["ours_b"] <= r["s5122"] for r in main)
    ok_compile = all(r["ours_vs_compile"] is not None and r["ours_vs_compile"] < 0.005 for r in main)
    detail = "; ".join(f"N={r['n']}: ours {ms(r['ours_b'])} ms vs S5122 {ms(r['s5122'])} ms" for r in main)
    lines.append(f"- Ours at or below S5122 in the same build (b): **{'met' if ok_s5122 else 'missed'}** ({detail}).")
    detail = "; ".join(f"N={r['n']}: {pct(r['ours_vs_compile'])}" for r in main)
    lines.append(f"- Ours under 0.5% of the compile (a): **{'met' if ok_compile else 'missed'}** ({detail}).")
    paired = [r for r in main if r["paired_vs_s5122"] is not None or r["paired_vs_compile"] is not None]
    if paired:
        detail = "; ".join(
            f"N={r['n']}: ours / S5122 {times(r['paired_vs_s5122'])}, ours / compile {pct(r['paired_vs_compile'])} "
            f"(builds: {r['reps_b']} (b), {r['reps_a']} (a))"
            for r in paired)
        lines.append(f"- The same two targets per build (each build's own ratio, median over the builds): {detail}.")
    if len(main) >= 2:
        small, large = main[0], main[-1]
        growth = ratio(large["ours_a"], small["ours_a"])
        files = large["n"] / small["n"]
        compile_growth = ratio(large["csc_a"], small["csc_a"])
        share_small, share_large = small["ours_vs_compile"], large["ours_vs_compile"]
        verdict = "met" if share_small is not None and share_large is not None and share_large <= share_small else "missed"
        lines.append(
            f"- Scaling with file count, same CORS code (N={small['n']} -> N={large['n']}, x{files:g} files): ours x"
            f"{'n/a' if growth is None else f'{growth:.2f}'}, compile x{'n/a' if compile_growth is None else f'{compile_growth:.2f}'}; "
            f"ours as a share of the compile {pct(share_small)} -> {pct(share_large)}. Target: no growth with file count "
            f"beyond the compiler's own walk, i.e. ours grows no faster than the compile (the share does not rise): "
            f"**{verdict}**.")
        inv_small, inv_large = small["info"].get("member_invocations"), large["info"].get("member_invocations")
        if inv_small and inv_large and inv_large > inv_small and small["ours_a"] is not None and large["ours_a"] is not None:
            per = (large["ours_a"] - small["ours_a"]) / (inv_large - inv_small)
            fixed = small["ours_a"] - per * inv_small
            if per <= 0:
                lines.append(
                    f"- No measurable per-invocation cost: ours did not grow from N={small['n']} to N={large['n']} "
                    f"({ms(small['ours_a'])} -> {ms(large['ours_a'])} ms); the difference is noise. Our time here is a "
                    f"fixed cost per build, not a cost per file.")
            else:
                    lines.append(
                    f"- Two-point fit ours = fixed + k x invocations: fixed ~{max(fixed, 0) * 1000:.0f} ms, k ~{per * 1e6:.1f} us per "
                    f"member invocation of ordinary code. Rough: two points under the load shown above.")
    multi = [r for r in rows if r["copies"] > 1]
    for r in multi:
        base = next((x for x in main if x["n"] == r["n"]), None)
        if base:
            g = ratio(r["ours_a"], base["ours_a"])
            sites = ratio(r["info"].get("cors_sites"), base["info"].get("cors_sites"))
            lines.append(f"- Scaling with CORS code, same N={r['n']}: CORS code x{r['copies']} "
                         f"(CORS sites x{'?' if sites is None else f'{sites:.2f}'}): ours x{'n/a' if g is None else f'{g:.2f}'} "
                         f"({ms(base['ours_a'])} -> {ms(r['ours_a'])} ms). Linear or below is expected here.")
    largest = main[-1] if main else None
    if largest and largest["types"]:
        top = max(largest["types"].items(), key=lambda kv: kv[1] or 0)
        lines.append(f"- Most expensive of ours at N={largest['n']}: {top[0]}, {ms(top[1])} ms "
                     f"(see the per-type table).")
    return lines


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--logs", required=True)
    p.add_argument("--out", help="markdown file to write (default: stdout only)")
    p.add_argument("--machine-json", help="JSON object of machine facts to print")
    p.add_argument("--command", default="bench/run.sh")
    a = p.parse_args()
    machine = {}
    if a.machine_json:
        with open(a.machine_json, encoding="utf-8") as f:
            machine = json.load(f)
    text = render(summarize(collect(a.logs)), machine, a.command) + END_MARKER + "\n"
    if a.out and os.path.exists(a.out):
        # Keep the hand-written part (analysis of a run) that follows the generated part.
        with open(a.out, encoding="utf-8") as f:
            old = f.read()
        if END_MARKER in old:
            text += old.split(END_MARKER, 1)[1].lstrip("\n")
    if a.out:
        with open(a.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
