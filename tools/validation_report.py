#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the tables of docs/validation.md: every bundled example and a few probes of the
formulas' approximations, simulated with headroom-cli simulate (seed 1, default length,
10 replications) beside the formula. Run by hand after a change to the engine and paste
the output over the generated part of docs/validation.md:

    tools/validation_report.py --cli build/app/headroom-cli > /tmp/validation.md
"""
import argparse
import glob
import json
import os
import subprocess
import tempfile


def fmt(x):
    if x is None:
        return "-"
    a = abs(x)
    if a == 0:
        return "0"
    if a >= 1000:
        return f"{x:.0f}"
    if a >= 100:
        return f"{x:.1f}"
    if a >= 10:
        return f"{x:.2f}"
    if a >= 0.01:
        return f"{x:.3f}"
    return f"{x:.2e}"


def off(e):
    """The formula's error relative to the simulated mean, in percent."""
    if e is None or e["analytic"] is None or e["mean"] == 0:
        return "-"
    return f"{100.0 * (e['analytic'] - e['mean']) / abs(e['mean']):+.1f}%"


def row(rows, who, figure, e):
    if e is None:
        rows.append(f"| {who} | {figure} | - | - | - | no data |")
        return
    verdict = e["verdict"].replace("_", " ")
    rows.append(f"| {who} | {figure} | {fmt(e['analytic'])} | {fmt(e['mean'])} "
                f"[{fmt(e['ci_low'])}, {fmt(e['ci_high'])}] | {off(e)} | {verdict} |")


def simulate(cli, path, extra=()):
    out = subprocess.run([cli, "simulate", path, "--json", "--seed", "1", *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def table(result, figures=("utilization", "mean_response_ms", "p99_response_ms")):
    rows = ["| component | figure | formula | simulated [95% interval] | formula off by | verdict |",
            "|---|---|---|---|---|---|"]
    s = result["system"]
    for key in ("throughput_rps", "mean_response_ms", "p99_response_ms", "rejected_fraction"):
        row(rows, "system", key, s[key])
    for cid, c in result["components"].items():
        if c["diverging"]:
            rows.append(f"| {cid} | diverging | - | backlog +{fmt(c['backlog_growth_rps']['mean'])}/s | - | - |")
            continue
        for key in figures:
            row(rows, cid, key, c[key])
    for p in result["pools"]:
        row(rows, f"pool {p['from']} -> {p['to']}", "mean_wait_ms", p["mean_wait_ms"])
        row(rows, f"pool {p['from']} -> {p['to']}", "wait_probability", p["wait_probability"])
    for rid, r in result["replication"].items():
        row(rows, f"lag {rid}", "mean_lag_ms", r["mean_lag_ms"])
        row(rows, f"lag {rid}", "p99_lag_ms", r["p99_lag_ms"])
    for r in result["retries"]:
        row(rows, f"retries {r['from']} -> {r['to']}", "attempts_per_call", r["attempts_per_call"])
    return "\n".join(rows)


def summary(result):
    counts = {"agrees": 0, "differs": 0, "no_analytic": 0}

    def walk(node):
        if isinstance(node, dict):
            if "verdict" in node:
                counts[node["verdict"]] += 1
            else:
                for v in node.values():
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for key in ("system", "components", "pools", "replication", "retries"):
        walk(result[key])
    sim = result["simulation"]
    return (f"{sim['replications']} replications of {fmt(sim['duration_s'])} s after {fmt(sim['warmup_s'])} s of "
            f"warm-up, {sim['events']:,} events in {sim['wall_ms'] / 1000:.2f} s: "
            f"{counts['agrees']} figures agree, {counts['differs']} differ, {counts['no_analytic']} have no formula.")


PROBES = [
    ("Allen-Cunneen, 8 servers, service_cv 2, 80% busy",
     {"components": [{"id": "users", "kind": "clients", "rate_rps": 320},
                     {"id": "workers", "kind": "worker", "servers": 8, "service_ms": 20, "service_cv": 2}],
      "links": [{"from": "users", "to": "workers"}]}, ("mean_wait_ms", "mean_response_ms", "p99_response_ms")),
    ("Allen-Cunneen, 8 servers, service_cv 0.5, 80% busy",
     {"components": [{"id": "users", "kind": "clients", "rate_rps": 320},
                     {"id": "workers", "kind": "worker", "servers": 8, "service_ms": 20, "service_cv": 0.5}],
      "links": [{"from": "users", "to": "workers"}]}, ("mean_wait_ms", "mean_response_ms", "p99_response_ms")),
    ("Pool of 10 in front of a 16-server database at 70%, 20 app instances",
     {"components": [{"id": "users", "kind": "clients", "rate_rps": 2800},
                     {"id": "app", "kind": "app_server", "instances": 20, "servers": 8, "service_ms": 2},
                     {"id": "db", "kind": "database", "servers": 16, "service_ms": 4}],
      "links": [{"from": "users", "to": "app"}, {"from": "app", "to": "db", "pool_size": 10}]},
     ("mean_wait_ms", "mean_response_ms")),
    ("Small pool (2) with 1 ms of overhead per hold",
     {"components": [{"id": "users", "kind": "clients", "rate_rps": 300},
                     {"id": "app", "kind": "app_server", "servers": 16, "service_ms": 1},
                     {"id": "db", "kind": "database", "servers": 4, "service_ms": 3}],
      "links": [{"from": "users", "to": "app"},
                {"from": "app", "to": "db", "pool_size": 2, "pool_overhead_ms": 1}]},
     ("mean_wait_ms", "mean_response_ms")),
    ("Retries: 50 ms timeout, 2 retries, on a 20 ms service at 60%",
     {"components": [{"id": "users", "kind": "clients", "rate_rps": 30},
                     {"id": "app", "kind": "app_server", "servers": 16, "service_ms": 1},
                     {"id": "api", "kind": "station", "servers": 1, "service_ms": 20}],
      "links": [{"from": "users", "to": "app"},
                {"from": "app", "to": "api", "timeout_ms": 50, "retries": 2}]},
     ("utilization", "mean_response_ms")),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples", default=os.path.join(os.path.dirname(__file__), "..", "resources", "examples"))
    args = parser.parse_args()
    print("## The bundled examples\n")
    for path in sorted(glob.glob(os.path.join(args.examples, "*.json"))):
        result = simulate(args.cli, path)
        print(f"### {os.path.basename(path)}\n")
        print(summary(result) + "\n")
        print(table(result) + "\n")
    print("## Where the formulas approximate\n")
    with tempfile.TemporaryDirectory() as folder:
        for title, model, figures in PROBES:
            path = os.path.join(folder, "probe.json")
            with open(path, "w") as f:
                json.dump(model, f)
            result = simulate(args.cli, path)
            print(f"### {title}\n")
            print(summary(result) + "\n")
            print(table(result, figures) + "\n")


if __name__ == "__main__":
    main()
