#!/usr/bin/env python3
"""Build a real code base with the ReadinessAnalyzers package packed from this repository, and write its
findings as a sorted TSV (path relative to the checkout, line, rule, message).

Run by hand, not by CI (see eng/realworld/README.md):

    python3 eng/realworld/run.py garnet /work/scratch/ledger-garnet
    python3 eng/realworld/run.py eshop  /work/scratch/ledger-eshop --source /work/.mirror/dotnet+eShop/repo

Steps:
  1. pack src/ReadinessAnalyzers.Package of --repo (default: the repository holding this script) into a
     folder feed, under a version no earlier run used, so no NuGet cache serves a stale build;
  2. check out the recipe's pinned commit into CHECKOUT (clone from --source: a URL, a local clone or a
     mirror; the network is needed only here, and only when --source is a URL);
  3. inject the package without editing the code base's sources: a targets file OUTSIDE the checkout,
     passed as -p:CustomAfterMicrosoftCommonTargets, adds a real PackageReference (a PackageVersion item
     when central package management is on), so the package's props/targets apply as for a user; and it
     sends each project's compiler SARIF log to a folder outside the checkout. Restore uses a nuget.config
     outside the checkout (--configfile): the registry plus the folder feed, no package source mapping.
     A recipe may also pin package versions to served ones (eShop) and write a solution filter; those
     touch only Directory.Packages.props and an untracked .slnf, never a source file;
  4. restore, then rebuild (--no-incremental) with the recipe's properties plus
     -p:TreatWarningsAsErrors=false -p:ReadinessFailOn=none; dotnet runs from the output folder, so the
     machine's SDK is used whatever SDK the code base's global.json pins;
  5. read the findings from the compiler's SARIF 2.1 logs (one per project and target framework): every
     RDY result that is not suppressed in source; one row per distinct (path, line, rule, message), so a
     finding reported for several target frameworks appears once.

Output (in --out, default CHECKOUT.out): findings.tsv, build.log, restore.log, sarif/, feed/, run.json.
Exit code: 0 when the build succeeded, 1 when it failed (findings.tsv is still written from the projects
that compiled), 2 on a usage or set-up error.
"""
import argparse
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid

HERE = pathlib.Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------------
# Recipes: where a code base comes from, the commit, what to build and with which properties.
# ---------------------------------------------------------------------------------------------------------

# dotnet/eShop at 5624ad56 names versions the registry here does not serve; these are served ones
# (facts from the registry's package list). Only Directory.Packages.props changes.
ESHOP_VERSION_PROPERTIES = {
    "MicrosoftExtensionsVersion": "10.11.0",
    "AspireVersion": "13.6.5",
    "GrpcVersion": "2.85.0",
    "ApiVersioningVersion": "8.1.1",
}
ESHOP_PACKAGE_VERSIONS = {
    "Microsoft.Extensions.ApiDescription.Server": "10.0.15",
    "Microsoft.AspNetCore.Authentication.JwtBearer": "10.0.15",
    "Microsoft.AspNetCore.Authentication.OpenIdConnect": "10.0.15",
    "Microsoft.AspNetCore.Components.QuickGrid": "10.0.15",
    "Microsoft.AspNetCore.Components.Web": "10.0.15",
    "Microsoft.AspNetCore.Identity.EntityFrameworkCore": "10.0.15",
    "Microsoft.AspNetCore.Identity.UI": "10.0.15",
    "Microsoft.AspNetCore.Mvc.Testing": "10.0.15",
    "Microsoft.AspNetCore.OpenApi": "10.0.15",
    "Microsoft.AspNetCore.TestHost": "10.0.15",
    "Microsoft.Extensions.Identity.Stores": "10.0.15",
    "Microsoft.Extensions.Http.Resilience": "10.11.0",
    "Microsoft.OpenApi": "2.13.0",
    "Polly.Core": "8.8.0",
    "Nerdbank.MessagePack": "1.3.88",
    "Npgsql.EntityFrameworkCore.PostgreSQL": "10.0.3",
    "Microsoft.EntityFrameworkCore.Tools": "10.0.15",
    "Pgvector.EntityFrameworkCore": "0.3.0",
    "Microsoft.Extensions.Options": "10.0.15",
    "Microsoft.Extensions.Configuration.Abstractions": "10.0.15",
    "Microsoft.Extensions.Logging.Abstractions": "10.0.15",
    "OpenTelemetry.Exporter.OpenTelemetryProtocol": "1.20.1",
    "OpenTelemetry.Extensions.Hosting": "1.20.1",
    "OpenTelemetry.Instrumentation.AspNetCore": "1.20.2",
    "OpenTelemetry.Instrumentation.GrpcNetClient": "1.20.1-beta.1",
    "OpenTelemetry.Instrumentation.Http": "1.20.2",
    "OpenTelemetry.Instrumentation.Runtime": "1.20.1",
    "Grpc.Tools": "2.85.0",
    "Dapper": "2.1.86",
    "Google.Protobuf": "3.36.2",  # transitive pin
    "Microsoft.Web.LibraryManager.Build": "3.0.114",
    "xunit.v3.mtp-v2": "3.2.2",
    "IdentityModel": "6.2.0",  # transitive pin
    "Scalar.AspNetCore": "2.19.0",
    "MediatR": "5.1.0",
}

RECIPES = {
    "garnet": {
        "description": "microsoft/garnet, a Redis-compatible cache server (about 220,000 lines)",
        "url": "https://github.com/microsoft/garnet.git",
        "mirror": "/work/.mirror/microsoft+garnet/repo",
        "commit": "e508a41620f12b01a534826fa83eecfd350db7dd",
        # The snapshot lacks one native .pdb blob under this folder; everything else is checked out.
        "exclude": ["libs/storage/Tsavorite/cs/src/core/Device/runtimes"],
        "build": "main/GarnetServer/GarnetServer.csproj",
        "properties": {"TargetFrameworks": "net10.0", "WarningsNotAsErrors": "NU1603"},
    },
    "eshop": {
        "description": "dotnet/eShop, the .NET reference microservices app (the 11 projects that build here)",
        "url": "https://github.com/dotnet/eShop.git",
        "mirror": "/work/.mirror/dotnet+eShop/repo",
        "commit": "5624ad56",
        "pin_versions": {"properties": ESHOP_VERSION_PROPERTIES, "packages": ESHOP_PACKAGE_VERSIONS},
        "solution_filter": {
            "file": "readiness-ledger.slnf",
            "solution": "eShop.slnx",
            "projects": [
                "src/Basket.API/Basket.API.csproj",
                "src/EventBusRabbitMQ/EventBusRabbitMQ.csproj",
                "src/EventBus/EventBus.csproj",
                "src/IntegrationEventLogEF/IntegrationEventLogEF.csproj",
                "src/OrderProcessor/OrderProcessor.csproj",
                "src/Ordering.Domain/Ordering.Domain.csproj",
                "src/Ordering.Infrastructure/Ordering.Infrastructure.csproj",
                "src/PaymentProcessor/PaymentProcessor.csproj",
                "src/WebAppComponents/WebAppComponents.csproj",
                "src/Webhooks.API/Webhooks.API.csproj",
                "src/eShop.ServiceDefaults/eShop.ServiceDefaults.csproj",
            ],
        },
        "build": "readiness-ledger.slnf",
        "properties": {"WarningsNotAsErrors": "NU1603"},
    },
    "bagetter": {
        "description": "bagetter/BaGetter, a NuGet package server on ASP.NET Core (the projects that restore here)",
        "url": "https://github.com/bagetter/BaGetter.git",
        "mirror": "/work/.mirror/bagetter+BaGetter/repo",
        "commit": "08bb7436832fa98c3628fc222ec3210522052aad",
        # The host project (src/BaGetter) references the Aliyun, Azure and Tencent storage providers, whose
        # SDKs are not served here; the repository's own sample host (samples/BaGetterWebApplication: the
        # web UI, the core services and SQLite) stands in for it.
        "solution_filter": {
            "file": "readiness-ledger.slnf",
            "solution": "BaGetter.sln",
            "projects": [
                "src/BaGetter.Core/BaGetter.Core.csproj",
                "src/BaGetter.Protocol/BaGetter.Protocol.csproj",
                "src/BaGetter.Web/BaGetter.Web.csproj",
                "src/BaGetter.Database.Sqlite/BaGetter.Database.Sqlite.csproj",
                "src/BaGetter.Database.SqlServer/BaGetter.Database.SqlServer.csproj",
                "src/BaGetter.Database.PostgreSql/BaGetter.Database.PostgreSql.csproj",
                "src/BaGetter.Database.MySql/BaGetter.Database.MySql.csproj",
                "src/BaGetter.Aws/BaGetter.Aws.csproj",
                "src/BaGetter.Gcp/BaGetter.Gcp.csproj",
                "samples/BaGetterWebApplication/BaGetterWebApplication.csproj",
            ],
        },
        # AWSSDK.S3 3.7.415.16 floats to the served 3.7.511.8 (AWSSDK.Core 3.x), but AWSSDK.SecurityToken
        # 3.7.401.60 would float to 4.0.5.1 (AWSSDK.Core 4.x): NU1107. Pin both to served 3.7 versions.
        # NuGet.* 6.13.2 would float to 7.0.3, which has no netstandard2.0 build: BaGetter.Protocol
        # (netstandard2.0) then binds the .NET Framework assembly and the net9.0 projects another (CS1705).
        # 6.7.0 is the newest served version with a netstandard2.0 build.
        "pin_versions": {"packages": {"AWSSDK.S3": "3.7.511.8", "AWSSDK.SecurityToken": "3.7.202",
                                      "NuGet.Frameworks": "6.7.0", "NuGet.Protocol": "6.7.0",
                                      "NuGet.Versioning": "6.7.0"}},
        "build": "readiness-ledger.slnf",
        "properties": {"WarningsNotAsErrors": "NU1603"},
    },
}


def load_extra_recipes():
    """Recipes may also live in eng/realworld/recipes/*.json (same keys as above)."""
    folder = HERE / "recipes"
    if folder.is_dir():
        for f in sorted(folder.glob("*.json")):
            RECIPES[f.stem] = json.loads(f.read_text())


# ---------------------------------------------------------------------------------------------------------


def log(msg):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {msg}", flush=True)


def run(cmd, cwd=None, logfile=None, check=True, env=None):
    log("$ " + " ".join(str(c) for c in cmd))
    if logfile:
        with open(logfile, "w") as f:
            p = subprocess.run([str(c) for c in cmd], cwd=cwd, stdout=f, stderr=subprocess.STDOUT, env=env)
    else:
        p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env)
    if check and p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(str(c) for c in cmd)}"
                         + (f"; see {logfile}" if logfile else ""))
    return p.returncode


def git(checkout, *args, check=True):
    return run(["git", "-C", checkout, "-c", "advice.detachedHead=false", *args], check=check)


def package_version(repo):
    text = (repo / "Directory.Build.props").read_text()
    m = re.search(r"<Version>([^<]+)</Version>", text)
    base = m.group(1).strip() if m else "0.1.0"
    return f"{base}-ledger.{datetime.datetime.utcnow():%Y%m%d%H%M%S}.{uuid.uuid4().hex[:8]}"


def pack(repo, feed, version, out):
    project = repo / "src" / "ReadinessAnalyzers.Package" / "ReadinessAnalyzers.Package.csproj"
    if not project.exists():
        raise SystemExit(f"{project} not found: --repo must be a ReadinessAnalyzers checkout")
    feed.mkdir(parents=True, exist_ok=True)
    for old in feed.glob("*.nupkg"):
        old.unlink()
    run(["dotnet", "pack", project, "-c", "Release", "-tl:off", "-nodeReuse:false", "-o", feed,
         f"-p:PackageVersion={version}"], logfile=out / "pack.log")
    nupkg = feed / f"ReadinessAnalyzers.{version}.nupkg"
    if not nupkg.exists():
        raise SystemExit(f"pack produced no {nupkg}; see {out / 'pack.log'}")
    return nupkg


def checkout(recipe, target, source):
    commit = recipe["commit"]
    if not (target / ".git").exists():
        if target.exists() and any(target.iterdir()):
            raise SystemExit(f"{target} exists and is not a git checkout")
        run(["git", "clone", "--no-checkout", "-q", source, target])
    if run(["git", "-C", target, "cat-file", "-e", commit + "^{commit}"], check=False) != 0:
        git(target, "fetch", "-q", source, commit)
    full = subprocess.run(["git", "-C", str(target), "rev-parse", commit + "^{commit}"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Detach HEAD at the commit, then write every path of it to the index and work tree (except the
    # recipe's exclusions: blobs a snapshot lacks). This also undoes an earlier run's version pinning.
    git(target, "update-ref", "--no-deref", "HEAD", full)
    pathspec = [":/"] + [f":!{p}" for p in recipe.get("exclude", [])]
    git(target, "checkout", full, "--", *pathspec)
    return full


def pin_versions(checkout_dir, pins):
    """Rewrite Directory.Packages.props so each named property/package has the given (served) version."""
    props = checkout_dir / "Directory.Packages.props"
    text = props.read_text()
    for name, version in pins.get("properties", {}).items():
        text = re.sub(rf"<{name}>[^<]*</{name}>", f"<{name}>{version}</{name}>", text)
    added = []
    for name, version in pins.get("packages", {}).items():
        pattern = rf'(Include="{re.escape(name)}"\s+Version=")[^"]*(")'
        if re.search(pattern, text):
            text = re.sub(pattern, lambda m: m.group(1) + version + m.group(2), text)
        else:
            added.append(f'    <PackageVersion Include="{name}" Version="{version}" />')
    if added:
        text = text.replace("</ItemGroup>", "\n".join(added) + "\n  </ItemGroup>", 1)
    props.write_text(text)


def write_solution_filter(checkout_dir, spec):
    data = {"solution": {"path": spec["solution"],
                         "projects": [p.replace("/", "\\") for p in spec["projects"]]}}
    (checkout_dir / spec["file"]).write_text(json.dumps(data, indent=2) + "\n")


def write_injection(out, feed, version):
    sarif = out / "sarif"
    if sarif.exists():
        shutil.rmtree(sarif)
    sarif.mkdir(parents=True)
    targets = out / "readiness-ledger.targets"
    targets.write_text(f"""<Project>
  <!-- Written by eng/realworld/run.py; imported through -p:CustomAfterMicrosoftCommonTargets. Lives outside
       the checkout: the code base's sources are not edited. -->
  <PropertyGroup Condition="'$(Language)' == 'C#'">
    <!-- One compiler SARIF log per project and target framework, outside the checkout. -->
    <ErrorLog>{sarif}/$(MSBuildProjectName).$([MSBuild]::StableStringHash('$(MSBuildProjectFullPath)')).$(TargetFramework).sarif,version=2.1</ErrorLog>
  </PropertyGroup>
  <ItemGroup Condition="'$(Language)' == 'C#' and '$(ManagePackageVersionsCentrally)' == 'true'">
    <PackageVersion Include="ReadinessAnalyzers" Version="{version}" />
    <PackageReference Include="ReadinessAnalyzers" PrivateAssets="all" />
  </ItemGroup>
  <ItemGroup Condition="'$(Language)' == 'C#' and '$(ManagePackageVersionsCentrally)' != 'true'">
    <PackageReference Include="ReadinessAnalyzers" Version="{version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
""")
    config = out / "nuget.config"
    config.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="readiness-ledger" value="{feed}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
""")
    return targets, config


def read_findings(sarif_dir, root):
    rows = set()
    logs = sorted(sarif_dir.glob("*.sarif"))
    for f in logs:
        try:
            data = json.loads(f.read_text(encoding="utf-8-sig"))
        except ValueError:
            log(f"warning: {f} is not a complete SARIF log (did that compile fail?); skipped")
            continue
        for run_ in data.get("runs", []):
            for result in run_.get("results", []):
                rule = result.get("ruleId", "")
                if not rule.startswith("RDY"):
                    continue
                if rule.startswith("RDY91"):
                    continue  # a data channel (RDY9100: the operations contract), not a finding
                if result.get("suppressions"):
                    continue  # #pragma / SuppressMessage / suppressor: not reported to the user
                if result.get("level") == "none":
                    continue
                message = result.get("message", {}).get("text", "")
                message = re.sub(r"\s+", " ", message).strip()
                locations = result.get("locations") or [{}]
                physical = locations[0].get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                line = physical.get("region", {}).get("startLine", 0)
                path = to_relative(uri, root)
                rows.add((path, int(line), rule, message))
    return sorted(rows), len(logs)


def to_relative(uri, root):
    if not uri:
        return "(no location)"
    if uri.startswith("file://"):
        uri = urllib.parse.unquote(urllib.parse.urlparse(uri).path)
    path = pathlib.Path(uri).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def main():
    load_extra_recipes()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("codebase", choices=sorted(RECIPES))
    parser.add_argument("checkout", type=pathlib.Path, help="folder for the code base's checkout (created or reused)")
    parser.add_argument("--source", help="URL, local clone or mirror to clone/fetch from (default: the recipe's mirror if present, else its URL)")
    parser.add_argument("--repo", type=pathlib.Path, default=HERE.parent.parent, help="ReadinessAnalyzers repository to pack (default: this script's)")
    parser.add_argument("--out", type=pathlib.Path, help="output folder (default: CHECKOUT.out)")
    parser.add_argument("--package-dir", type=pathlib.Path, help="use the nupkg already in this folder instead of packing")
    parser.add_argument("--skip-checkout", action="store_true", help="build the checkout as it is (after a successful run)")
    parser.add_argument("-p", dest="extra", action="append", default=[], help="extra MSBuild property NAME=VALUE")
    args = parser.parse_args()

    recipe = RECIPES[args.codebase]
    root = args.checkout.resolve()
    out = (args.out or pathlib.Path(str(root) + ".out")).resolve()
    out.mkdir(parents=True, exist_ok=True)
    repo = args.repo.resolve()
    started = time.time()

    # 1. pack
    if args.package_dir:
        feed = args.package_dir.resolve()
        found = sorted(feed.glob("ReadinessAnalyzers.*.nupkg"), key=lambda p: p.stat().st_mtime)
        if not found:
            raise SystemExit(f"no ReadinessAnalyzers.*.nupkg in {feed}")
        version = found[-1].name[len("ReadinessAnalyzers."):-len(".nupkg")]
    else:
        feed = out / "feed"
        version = package_version(repo)
        pack(repo, feed, version, out)
    repo_commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                                 capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip() != ""
    if args.package_dir:
        repo_commit, dirty = "(prepacked in " + str(feed) + ")", False
    log(f"package ReadinessAnalyzers {version} from {repo} at {repo_commit}{' (uncommitted changes)' if dirty else ''}")
    packed = time.time()

    # 2. checkout
    if args.skip_checkout:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    else:
        source = args.source or (recipe["mirror"] if pathlib.Path(recipe.get("mirror", "/nonexistent")).exists() else recipe["url"])
        commit = checkout(recipe, root, source)
        if "pin_versions" in recipe:
            pin_versions(root, recipe["pin_versions"])
        if "solution_filter" in recipe:
            write_solution_filter(root, recipe["solution_filter"])
    log(f"{args.codebase} at {commit}")
    checked_out = time.time()

    # 3. inject
    targets, config = write_injection(out, feed, version)
    props = dict(recipe.get("properties", {}))
    props.update({"TreatWarningsAsErrors": "false", "ReadinessFailOn": "none",
                  "CustomAfterMicrosoftCommonTargets": str(targets)})
    for extra in args.extra:
        name, _, value = extra.partition("=")
        props[name] = value
    prop_args = [f"-p:{k}={v}" for k, v in props.items()]
    env = dict(os.environ)
    env.pop("CI", None)  # the gate is off anyway; keep the run identical on a CI-like shell
    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"

    # 4. restore and rebuild
    build = root / recipe["build"]
    run(["dotnet", "restore", build, "--configfile", config, "-tl:off", "-nodeReuse:false", *prop_args],
        cwd=out, logfile=out / "restore.log", env=env)
    restored = time.time()
    code = run(["dotnet", "build", build, "--no-restore", "--no-incremental", "-tl:off", "-nodeReuse:false",
                "-v:minimal", "-m:2", *prop_args], cwd=out, logfile=out / "build.log", check=False, env=env)
    built = time.time()

    # 5. findings
    rows, logs = read_findings(out / "sarif", root)
    with open(out / "findings.tsv", "w") as f:
        for path, line, rule, message in rows:
            f.write(f"{path}\t{line}\t{rule}\t{message}\n")
    summary = {
        "codebase": args.codebase, "commit": commit, "package_version": version, "repo": str(repo),
        "repo_commit": repo_commit, "repo_dirty": dirty, "build_exit_code": code, "sarif_logs": logs,
        "findings": len(rows),
        "seconds": {"pack": round(packed - started), "checkout": round(checked_out - packed),
                    "restore": round(restored - checked_out), "build": round(built - restored),
                    "total": round(built - started)},
    }
    (out / "run.json").write_text(json.dumps(summary, indent=2) + "\n")
    by_rule = {}
    for row in rows:
        by_rule[row[2]] = by_rule.get(row[2], 0) + 1
    log(f"build exit code {code}; {logs} SARIF logs; {len(rows)} findings "
        + ", ".join(f"{k}: {v}" for k, v in sorted(by_rule.items())))
    log(f"findings: {out / 'findings.tsv'}   times (s): {summary['seconds']}")
    log(f"compare:  python3 {HERE / 'compare.py'} {out / 'findings.tsv'} {HERE / (args.codebase + '.ledger.tsv')}")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
