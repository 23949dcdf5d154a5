#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Huge (and tiny) values in every numeric field, through every command, in text and JSON.

    huge_numbers_test.py --cli PATH --examples DIR [--jobs J] [--report] [--keep DIR]

For each of a few bundled examples (open and closed workloads, replicas, pools, a
queue, an external, bounded queues) and for each numeric field of the model format,
every component (or link) the field can be set on gets the largest value the field
allows (1.7976931348623157e308 for an unbounded number, 10,000,000 for a count, 1 for
a fraction) or, for a field that must stay above 0, the smallest positive double.
Each variant, and the example with --multiplier, --to and scenario multipliers at the
largest allowed 1e9, runs through validate, solve, sweep, plan, tenx, advise, pool,
lag, shed and convert (and report .csv/.html with --report), each with and without
--json. Every run must satisfy the contract (clitest.contract_problems: exit 0 or 2
in bounded time, errors naming a subject, no nan, inf or infinity in stdout or
stderr), JSON must be strict and finite, and written files must hold no non-finite
word either. Python 3 standard library only.
"""

import argparse
import concurrent.futures
import copy
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

LARGEST = 1.7976931348623157e308
SMALLEST = 5e-324
COUNT_MAX = 10_000_000
MULTIPLIER_MAX = 1e9

# The model format's numeric fields (spec section 1): the values each is pushed to.
# 1e154: its square overflows; the largest double: anything times more than 1 does.
UNBOUNDED = [LARGEST, 1e154]
COMPONENT_FIELDS = {
    "x": UNBOUNDED + [-LARGEST],
    "y": UNBOUNDED + [-LARGEST],
    "cost_per_instance_month": UNBOUNDED,
    "rate_rps": UNBOUNDED + [SMALLEST],
    "users": [COUNT_MAX],
    "think_ms": UNBOUNDED + [SMALLEST],
    "servers": [COUNT_MAX],
    "instances": [COUNT_MAX],
    "hottest_share": [1, SMALLEST],
    "service_ms": UNBOUNDED + [SMALLEST, 1e-300],
    "service_cv": UNBOUNDED + [SMALLEST],
    "capacity": [COUNT_MAX],
    "hit_ratio": [1, SMALLEST],
    "max_connections": [COUNT_MAX],
    "write_fraction": [1, SMALLEST],
    "apply_ms": UNBOUNDED + [SMALLEST, 1e-300],
    "replication_delay_ms": UNBOUNDED + [SMALLEST],
    "latency_ms": UNBOUNDED + [SMALLEST],
}
CLIENT_FIELDS = {"rate_rps", "users", "think_ms"}
LINK_FIELDS = {
    "calls": UNBOUNDED + [SMALLEST],
    "pool_size": [COUNT_MAX],
    "pool_overhead_ms": UNBOUNDED,
    "connect_ms": UNBOUNDED,
}
# The open example with the most kinds (replicas, pools, a queue, externals) and the closed one;
# the variants set every other field (capacity, service_cv, ...) themselves.
EXAMPLES = ["stage5-queues.json", "closed-load-test.json"]


def variants(model):
    """(name, model) for every field and value; only fields the model can hold there."""
    out = []
    for field, values in COMPONENT_FIELDS.items():
        for value in values:
            changed = copy.deepcopy(model)
            touched = 0
            for c in changed["components"]:
                clients = c["kind"] == "clients"
                # Workload fields only where the workload already has them (an open model
                # with users would be invalid for another reason); the rest on every
                # component but the clients (a field that does not apply is a warning).
                if (field in CLIENT_FIELDS and field in c) or (field not in CLIENT_FIELDS and not clients) \
                        or field in ("x", "y", "cost_per_instance_month"):
                    c[field] = value
                    touched += 1
            if touched:
                out.append(("%s=%r" % (field, value), changed))
    for field, values in LINK_FIELDS.items():
        for value in values:
            changed = copy.deepcopy(model)
            touched = 0
            for link in changed["links"]:
                if link.get("kind") == "replication":
                    continue
                if field == "calls" or "pool_size" in link:
                    link[field] = value
                    touched += 1
            if touched:
                out.append(("links.%s=%r" % (field, value), changed))
    # Every field at its largest at once.
    changed = copy.deepcopy(model)
    for c in changed["components"]:
        for field, values in COMPONENT_FIELDS.items():
            if field not in CLIENT_FIELDS or field in c:
                c[field] = values[0]
    for link in changed["links"]:
        if link.get("kind") != "replication":
            link["calls"] = LINK_FIELDS["calls"][0]
    out.append(("every field at its largest", changed))
    for value in (MULTIPLIER_MAX, LARGEST):
        changed = copy.deepcopy(model)
        if changed.get("scenarios"):
            for scenario in changed["scenarios"]:
                scenario["multiplier"] = value
            out.append(("scenarios.multiplier=%r" % value, changed))
    return out


def commands(model, path, out_dir, report):
    """The command lines to run on one model file."""
    ids = {c["id"]: c for c in model["components"]}
    replica = next((c["id"] for c in model["components"] if c.get("role") == "replica"), None)
    station = next((c["id"] for c in model["components"] if c["kind"] not in ("clients", "external")), None)
    pool = next((l for l in model["links"] if "pool_size" in l and l["to"] in ids), None)
    scenario = model["scenarios"][0]["name"] if model.get("scenarios") else None
    runs = [["validate", path]]
    for json_flag in ([], ["--json"]):
        runs += [
            ["solve", path] + json_flag,
            ["solve", path, "--multiplier", repr(MULTIPLIER_MAX)] + json_flag,
            ["sweep", path, "--to", repr(MULTIPLIER_MAX), "--steps", "5"] + json_flag,
            ["plan", path, "--multiplier", "10"] + json_flag,
            ["tenx", path] + json_flag,
            ["advise", path] + json_flag,
        ]
        if scenario:
            runs.append(["solve", path, "--scenario", scenario] + json_flag)
        if replica:
            runs.append(["lag", path, "--replica", replica] + json_flag)
        if station:
            runs.append(["shed", path, "--component", station, "--steps", "5"] + json_flag)
        if pool:
            runs.append(["pool", path, "--from", pool["from"], "--to", pool["to"]] + json_flag)
    base = os.path.join(out_dir, os.path.basename(path))
    files = [base + ".out.json", base + ".out.headroom"]
    runs += [["convert", path, files[0]], ["convert", path, files[1]]]
    if report:
        for suffix in (".csv", ".html"):
            files.append(base + suffix)
            runs.append(["report", path, "-o", base + suffix])
    return runs, files


def check(cli, name, model, work, report):
    """Runs every command on one variant; returns its problems."""
    folder = tempfile.mkdtemp(dir=work)
    path = os.path.join(folder, "model.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f)
    runs, files = commands(model, path, folder, report)
    problems = []
    invalid = False
    for argv in runs:
        # A model that fails validation fails every command at the same check: its error
        # lines are checked on validate and solve, the rest would only cost time.
        if invalid and argv[0] not in ("validate", "solve"):
            continue
        r = clitest.run(cli, argv)
        invalid = invalid or (argv[0] == "validate" and r.rc == 2)
        where = "%s: %s" % (name, " ".join(argv[:1] + argv[2:]))
        problems += ["%s: %s" % (where, p) for p in clitest.contract_problems(r)]
        if "--json" in argv and r.rc == 0:
            try:
                clitest.parse_json(r.out)
            except ValueError as e:
                problems.append("%s: not strict finite JSON: %s" % (where, e))
    for written in files:
        if not invalid and os.path.exists(written) and not written.endswith(".headroom"):
            with open(written, encoding="utf-8", errors="replace") as f:
                match = clitest.NON_FINITE_WORD.search(f.read())
            if match:
                problems.append("%s: %s contains %r" % (name, os.path.basename(written), match.group(0)))
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--report", action="store_true", help="also write .csv and .html reports")
    parser.add_argument("--keep", help="write failing models here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="headroom-huge-") as work:
        return run_all(args, work)


def run_all(args, work):
    cases = []
    for example in EXAMPLES:
        with open(os.path.join(args.examples, example), encoding="utf-8") as f:
            model = json.load(f)
        cases.append((example, model))
        cases += [("%s %s" % (example, name), changed) for name, changed in variants(model)]
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(check, args.cli, name, model, work, args.report): (name, model)
                   for name, model in cases}
        for future in concurrent.futures.as_completed(futures):
            name, model = futures[future]
            problems = future.result()
            if problems:
                failures += 1
                for p in problems[:10]:
                    print("FAIL", p)
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    keep = os.path.join(args.keep, name.replace(" ", "_").replace("/", "_") + ".json")
                    with open(keep, "w", encoding="utf-8") as f:
                        json.dump(model, f)
    print("%d variants, %d with problems" % (len(cases), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
