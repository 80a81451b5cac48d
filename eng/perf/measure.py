#!/usr/bin/env python3
"""What the analyzers cost in a real build, in the compiler's own figures.

Builds a given checkout of a real code base twice — without and with ReadinessAnalyzers (optionally beside
Roslynator.Analyzers 4.14.1 and Meziantou.Analyzer 3.0.300 in both builds) — with -p:ReportAnalyzer=true and a
binary log, then prints each analyzer assembly's time as a share of Csc time, and each of our analyzers' share.
Run by hand, not by CI (see eng/perf/README.md):

    python3 eng/perf/measure.py CHECKOUT --build main/GarnetServer/GarnetServer.csproj -p TargetFrameworks=net10.0 --peers
    python3 eng/perf/measure.py CHECKOUT --build buildable.slnf --peers --runs 3

How it works:
  * The analyzers are injected without editing the code base: a targets file outside the checkout, passed as
    -p:CustomAfterMicrosoftCommonTargets, adds <Analyzer Include=…/> items for our ReadinessAnalyzers.dll (built
    in Release from this repository unless --analyzers names a dll; the precompiled ReadyToRun one where the package
    would use it, see --il) and, with --peers, the peers' dlls from the
    NuGet cache (the folder for the newest Roslyn not above the SDK's compiler). Our rules run at their default
    severities (the package's `recommended` level switches a few off, so this is an upper bound).
  * Every build is a full rebuild (--no-incremental) after one restore, with -p:ReportAnalyzer=true and -bl.
  * The binary log is replayed into a detailed text log with the performance summary
    (dotnet msbuild X.binlog -noconlog -flp:verbosity=detailed;PerformanceSummary): csc prints a
    "Total analyzer execution time" table per compilation (assemblies, then their analyzers, in seconds) and
    the summary gives the Csc task's total time. Times are summed over all compilations of the build.
  * Analyzer time is CPU time summed over threads (analyzers run concurrently), Csc time is wall-clock time of
    the task; the share is their ratio, as the issue defines it. With --runs N the median share is printed.
The machine is shared and noisy: read shares within one build (ratios), not absolute seconds.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
PEERS = {"Roslynator": ("roslynator.analyzers", "4.14.1"), "Meziantou": ("meziantou.analyzer", "3.0.300")}
ROW = re.compile(r"^(?:\s*\d+(?::\d+)?>)?\s*(<?\d+\.\d+)\s+(<?\d+)\s+(\S.*?)\s*$")
CSC_SUMMARY = re.compile(r"^\s*(\d+)\s+ms\s+Csc\s+(\d+)\s+calls")


def sh(args, log=None, cwd=None, check=True):
    print("+ " + " ".join(str(a) for a in args), flush=True)
    with open(log, "w") if log else open(os.devnull, "w") as out:
        result = subprocess.run([str(a) for a in args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if check and result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(str(a) for a in args)}" + (f"; see {log}" if log else ""))
    return result.returncode


def compiler_version():
    sdk = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    root = pathlib.Path(shutil.which("dotnet")).resolve().parent
    deps = root / "sdk" / sdk / "Roslyn" / "bincore" / "csc.deps.json"
    match = re.search(r'"Microsoft\.CodeAnalysis/(\d+)\.(\d+)', deps.read_text()) if deps.exists() else None
    return (int(match.group(1)), int(match.group(2))) if match else (99, 99)


def peer_dlls():
    cache = pathlib.Path(os.environ.get("NUGET_PACKAGES", pathlib.Path.home() / ".nuget" / "packages"))
    compiler = compiler_version()
    dlls = {}
    for name, (package, version) in PEERS.items():
        root = cache / package / version / "analyzers" / "dotnet"
        if not root.exists():
            sys.exit(f"{package} {version} is not in the NuGet cache ({root}); restore a project that references it first")
        folders = []
        for folder in root.iterdir():
            match = re.fullmatch(r"roslyn(\d+)\.(\d+)", folder.name)
            if match and (int(match.group(1)), int(match.group(2))) <= compiler:
                folders.append(((int(match.group(1)), int(match.group(2))), folder))
        folder = max(folders)[1] / "cs" if folders else root / "cs"
        dlls[name] = sorted(p for p in folder.glob("*.dll") if "CodeFix" not in p.name and "Workspaces" not in p.name)
    return dlls


# Peer rules that are errors by default would stop the build (and so the measurement) on code bases that never
# ran them: downgraded to warnings; the rule still runs and costs the same.
PEER_ERRORS_AS_WARNINGS = ["MA0037", "MA0049"]


def write_targets(path, dlls, globalconfig=None, as_package=False):
    items = "\n".join(f'    <Analyzer Include="{d}" />' for d in dlls)
    if globalconfig:
        # EditorConfigFiles is what the Csc task receives; a GlobalAnalyzerConfigFiles item added this late is not.
        items += f'\n    <EditorConfigFiles Include="{globalconfig}" />'
    package = ""
    if as_package:
        # What the package's props/targets also give the analyzers, so the figures include the work they enable:
        # the settings files (RDY41xx, RDY4006/4007, the contract's addresses) and the operations contract
        # (RDY9100), which the package requests in every command-line build.
        items += '\n    <AdditionalFiles Include="$(MSBuildProjectDirectory)/appsettings*.json" />'
        items += '\n    <CompilerVisibleProperty Include="ReadinessContract" />'
        package = """  <PropertyGroup>
    <ReadinessContract>true</ReadinessContract>
  </PropertyGroup>
"""
    path.write_text(f"""<Project>
  <!-- Written by eng/perf/measure.py: analyzers injected into every C# project of the build. -->
{package}  <ItemGroup Condition="'$(Language)' == 'C#'">
{items}
  </ItemGroup>
</Project>
""")


def parse(log_path):
    """Sums, over all compilations, each analyzer assembly's and each analyzer's seconds, and the Csc task time."""
    assemblies, analyzers, csc_ms, calls = {}, {}, 0, 0
    in_table, current = False, None
    in_this_table, twice = set(), set()
    with open(log_path, errors="replace") as log:
        for line in log:
            if "Total analyzer execution time" in line:
                in_table, current = True, None
                in_this_table = set()
                continue
            summary = CSC_SUMMARY.match(line)
            if summary:
                csc_ms, calls = int(summary.group(1)), int(summary.group(2))
                continue
            if not in_table:
                continue
            if "Total generator execution time" in line or "Done executing task" in line:
                in_table = False
                continue
            row = ROW.match(line)
            if not row:
                continue
            seconds = 0.0005 if row.group(1).startswith("<") else float(row.group(1))
            name = row.group(3)
            if ", Version=" in name:
                current = name.split(",")[0]
                assemblies[current] = assemblies.get(current, 0) + seconds
                if current in in_this_table:
                    twice.add(current)
                in_this_table.add(current)
            elif current:
                key = current + " :: " + re.sub(r"\s*\(.*\)$", "", name).split(".")[-1]
                analyzers[key] = analyzers.get(key, 0) + seconds
    return {"csc_seconds": csc_ms / 1000, "csc_calls": calls, "assemblies": assemblies, "analyzers": analyzers, "loaded_twice": sorted(twice)}


def build(args, name, targets, out):
    binlog = out / f"{name}.binlog"
    started = time.time()
    if args.shared_compilation:
        # A fresh compiler server per build, as on a CI machine: the first compilation pays for loading and
        # compiling the analyzers (JIT), the later ones of the same build reuse them.
        sh(["dotnet", "build-server", "shutdown"], check=False)
    properties = [f"-p:{p}" for p in args.property] + [f"-p:UseSharedCompilation={'true' if args.shared_compilation else 'false'}", "-p:ReportAnalyzer=true", "-p:TreatWarningsAsErrors=false", "-p:RunAnalyzersDuringBuild=true",
                                                         f"-p:CustomAfterMicrosoftCommonTargets={targets}"]
    code = sh(["dotnet", "build", args.build, "--no-restore", "--no-incremental", "-nologo", "-clp:ErrorsOnly", f"-bl:{binlog}"] + properties,
              log=out / f"{name}.build.log", cwd=args.checkout, check=False)
    text = out / f"{name}.log"
    sh(["dotnet", "msbuild", binlog, "-noconlog", f"-flp:logfile={text};verbosity=detailed;PerformanceSummary"], check=False)
    result = parse(text)
    result.update(name=name, exit_code=code, wall_seconds=round(time.time() - started, 1))
    text.unlink(missing_ok=True)  # large; the binlog keeps everything
    # An analyzer assembly listed twice in one compilation's table was given to the compiler twice: most often the
    # checkout was last restored by eng/realworld/run.py, whose restore adds the ReadinessAnalyzers package, and a
    # --skip-restore build then runs that package's analyzers beside the injected ones (and the script would add
    # both into one figure). So would ours in the build without it.
    ours_without = name.startswith("without") and "ReadinessAnalyzers" in result["assemblies"]
    if result["loaded_twice"] or ours_without:
        sys.exit(f"{name}: {', '.join(result['loaded_twice']) or 'ReadinessAnalyzers'} ran "
                 f"{'twice in one compilation' if result['loaded_twice'] else 'in the build without it'} "
                 f"(see {binlog}). The checkout's restore probably references the ReadinessAnalyzers package "
                 "(eng/realworld/run.py restores it): run again without --skip-restore.")
    return result


def report(results, ours):
    def share(seconds, csc):
        return 100 * seconds / csc if csc else float("nan")

    by_variant = {}
    for result in results:
        by_variant.setdefault(result["name"].rsplit("-", 1)[0], []).append(result)
    for variant, runs in by_variant.items():
        csc = ", ".join("%.1f s (%d calls)" % (r["csc_seconds"], r["csc_calls"]) for r in runs)
        codes = ", ".join(str(r["exit_code"]) for r in runs)
        print(f"\n== {variant}: {len(runs)} build(s); Csc {csc}; exit {codes}")
        names = sorted({a for r in runs for a in r["assemblies"]}, key=lambda a: -statistics.median(r["assemblies"].get(a, 0) for r in runs))
        print(f"{'analyzer assembly':60} {'seconds':>9} {'% of Csc':>9}")
        for assembly in names:
            seconds = statistics.median(r["assemblies"].get(assembly, 0) for r in runs)
            percent = statistics.median(share(r["assemblies"].get(assembly, 0), r["csc_seconds"]) for r in runs)
            print(f"{assembly:60} {seconds:9.2f} {percent:8.2f}%")
        mine = sorted({a for r in runs for a in r["analyzers"] if a.startswith(ours + " :: ")},
                      key=lambda a: -statistics.median(r["analyzers"].get(a, 0) for r in runs))
        if mine:
            print(f"\n{'our analyzer':60} {'seconds':>9} {'% of Csc':>9}")
            for analyzer in mine:
                seconds = statistics.median(r["analyzers"].get(analyzer, 0) for r in runs)
                percent = statistics.median(share(r["analyzers"].get(analyzer, 0), r["csc_seconds"]) for r in runs)
                print(f"{analyzer.split(' :: ')[1]:60} {seconds:9.3f} {percent:8.3f}%")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout", type=pathlib.Path, help="a restored-or-restorable checkout of the code base")
    parser.add_argument("--build", required=True, help="project, solution or solution filter, relative to the checkout")
    parser.add_argument("-p", "--property", action="append", default=[], help="NAME=VALUE for restore and build (repeatable)")
    parser.add_argument("--analyzers", type=pathlib.Path, help="our ReadinessAnalyzers.dll (default: build this repository's in Release)")
    parser.add_argument("--il", action="store_true", help="measure the IL analyzer assembly even where the package would use the precompiled one")
    parser.add_argument("--peers", action="store_true", help="also inject Roslynator.Analyzers 4.14.1 and Meziantou.Analyzer 3.0.300 (both builds)")
    parser.add_argument("--runs", type=int, default=1, help="full rebuilds per variant (the issue asks for the median of three)")
    parser.add_argument("--only-with", action="store_true", help="skip the build without our package")
    parser.add_argument("--shared-compilation", action="store_true",
                        help="build with the compiler server (the SDK's default; this machine's environment turns it off), one fresh server per build")
    parser.add_argument("--skip-restore", action="store_true")
    parser.add_argument("--out", type=pathlib.Path, help="output folder (default CHECKOUT.perf)")
    args = parser.parse_args()
    args.checkout = args.checkout.resolve()
    out = (args.out or args.checkout.with_name(args.checkout.name + ".perf")).resolve()
    out.mkdir(parents=True, exist_ok=True)

    ours = args.analyzers
    if ours is None:
        sh(["dotnet", "build", REPO / "src" / "ReadinessAnalyzers", "-c", "Release", "-o", out / "analyzers", "-nologo"], log=out / "analyzers.build.log")
        # What the package gives the compiler: on a linux-x64 .NET SDK the precompiled (ReadyToRun) assembly
        # (build/ReadinessAnalyzers.ReadyToRun.targets), elsewhere or with --il the IL one.
        precompiled = out / "analyzers" / "readytorun" / "linux-x64" / "ReadinessAnalyzers.dll"
        ours = precompiled if precompiled.exists() and not args.il else out / "analyzers" / "ReadinessAnalyzers.dll"
    ours = ours.resolve()
    peers = [d for dlls in peer_dlls().values() for d in dlls] if args.peers else []
    globalconfig = None
    if peers:
        globalconfig = out / "peers.globalconfig"
        globalconfig.write_text("is_global = true\n" + "".join(f"dotnet_diagnostic.{rule}.severity = warning\n" for rule in PEER_ERRORS_AS_WARNINGS))
    write_targets(out / "without.targets", peers, globalconfig)
    write_targets(out / "with.targets", [ours] + peers, globalconfig, as_package=True)

    if not args.skip_restore:
        sh(["dotnet", "restore", args.build, "-nologo"] + [f"-p:{p}" for p in args.property], log=out / "restore.log", cwd=args.checkout)

    results = []
    variants = [("with", out / "with.targets")] if args.only_with else [("without", out / "without.targets"), ("with", out / "with.targets")]
    for run in range(1, args.runs + 1):
        for name, targets in variants:
            results.append(build(args, f"{name}-{run}", targets, out))
            (out / "results.json").write_text(json.dumps({"analyzers": str(ours), "peers": [str(p) for p in peers], "results": results}, indent=2))
    report(results, "ReadinessAnalyzers")
    print(f"\nresults: {out / 'results.json'}; binary logs: {out}/*.binlog")


if __name__ == "__main__":
    main()
