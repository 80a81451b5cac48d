#!/usr/bin/env python3
"""Compare a findings TSV written by run.py with a checked-in ledger.

    python3 eng/realworld/compare.py FINDINGS.tsv eng/realworld/garnet.ledger.tsv [--markdown] [--new-rows FILE]

findings.tsv: path, line, rule, message (one row per finding).
ledger.tsv:   path, line, rule, verdict, reason; '#' lines are comments. Verdicts:
              TP  worth fixing: a real problem a maintainer would fix;
              OK  defensible: reporting it is reasonable, though the code may stay as it is;
              FP  noise: the report is wrong or useless there.
A finding and a ledger row match on (path, line, rule). Prints:
  - findings added: found now, not in the ledger (they need a verdict);
  - findings lost: in the ledger, not found now, with their verdict (losing a TP or OK is a regression;
    losing an FP is the point of a precision fix);
  - a per-rule table of the current findings: findings, TP, OK, FP, unjudged, precision = (TP+OK)/findings.
Exit code: 0 clean; 1 when a finding has no verdict; 2 when a TP/OK was lost; 3 both.
"""
import argparse
import collections
import sys

VERDICTS = ("TP", "OK", "FP")


def read_findings(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                raise SystemExit(f"{path}:{n}: expected path, line, rule, message")
            rows.append(((parts[0], int(parts[1]), parts[2]), parts[3] if len(parts) > 3 else ""))
    return rows


def read_ledger(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 4 or parts[3] not in VERDICTS:
                raise SystemExit(f"{path}:{n}: expected path, line, rule, verdict (TP/OK/FP), reason")
            rows.append(((parts[0], int(parts[1]), parts[2]), parts[3], parts[4] if len(parts) > 4 else ""))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("findings")
    parser.add_argument("ledger")
    parser.add_argument("--markdown", action="store_true", help="print the per-rule table as Markdown")
    parser.add_argument("--new-rows", help="write the added findings as ledger rows with verdict '?' to this file")
    args = parser.parse_args()

    findings = read_findings(args.findings)
    ledger = read_ledger(args.ledger)

    # Multisets keyed by (path, line, rule): two findings on one line need two ledger rows.
    pending = collections.defaultdict(list)
    for key, verdict, reason in ledger:
        pending[key].append((verdict, reason))
    matched, added = [], []
    for key, message in findings:
        if pending[key]:
            verdict, reason = pending[key].pop(0)
            matched.append((key, verdict, reason, message))
        else:
            added.append((key, message))
    lost = [(key, verdict, reason) for key, rows in pending.items() for verdict, reason in rows]

    def fmt(key):
        return f"{key[0]}:{key[1]} {key[2]}"

    print(f"{len(findings)} findings, {len(ledger)} ledger rows: {len(matched)} matched, "
          f"{len(added)} added, {len(lost)} lost")
    if added:
        print(f"\nFindings added ({len(added)}; not in the ledger: give each a verdict):")
        for key, message in sorted(added):
            print(f"  + {fmt(key)}  {message}")
    if lost:
        print(f"\nFindings lost ({len(lost)}; in the ledger, not found now):")
        for key, verdict, reason in sorted(lost, key=lambda r: (r[1] == "FP", r[0])):
            flag = "REGRESSION " if verdict in ("TP", "OK") else ""
            print(f"  - {flag}{verdict} {fmt(key)}  {reason[:160]}")

    table = collections.OrderedDict()
    for key, verdict, _, _ in matched:
        table.setdefault(key[2], collections.Counter())[verdict] += 1
    for key, _ in added:
        table.setdefault(key[2], collections.Counter())["?"] += 1
    total = collections.Counter()
    for counts in table.values():
        total.update(counts)

    def row(name, c):
        n = sum(c.values())
        precision = f"{100 * (c['TP'] + c['OK']) / n:.0f} %" if n else "-"
        return name, n, c["TP"], c["OK"], c["FP"], c["?"], precision

    rows = [row(name, table[name]) for name in sorted(table)] + [row("all", total)]
    header = ("rule", "findings", "TP", "OK", "FP", "unjudged", "precision")
    print()
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|" + "---:|" * (len(header) - 1))
        for r in rows:
            print("| " + " | ".join(str(x) for x in r) + " |")
    else:
        print("{:<10}{:>9}{:>5}{:>5}{:>5}{:>9}{:>11}".format(*header))
        for r in rows:
            print("{:<10}{:>9}{:>5}{:>5}{:>5}{:>9}{:>11}".format(*r))

    if args.new_rows:
        with open(args.new_rows, "w", encoding="utf-8") as f:
            for key, message in sorted(added):
                f.write(f"{key[0]}\t{key[1]}\t{key[2]}\t?\t{message}\n")

    code = 0
    if added:
        code |= 1
        print(f"\n{len(added)} finding(s) have no verdict: judge them and add them to {args.ledger}.")
    if any(verdict in ("TP", "OK") for _, verdict, _ in lost):
        code |= 2
        print("\nA TP/OK finding is no longer reported: a regression unless the code base changed.")
    return code


if __name__ == "__main__":
    sys.exit(main())
