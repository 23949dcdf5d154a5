#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seeded random models with extreme but legal values, and subtly invalid ones,
through `solve --json`, `sweep --json` and `plan --json`.

    random_models_test.py --cli PATH [--seed S] [--models N] [--jobs J] [--keep DIR]

Every run must exit 0 or 2 within 10 s of CPU time (and a minute on the clock;
see clitest.py) (a model with a planted error: 2), print
strict JSON (no NaN or Infinity, every number finite) with every key of the
contract, non-negative figures, probabilities in [0, 1], and `stable` exactly
when nothing is saturated. Failing models are written to --keep DIR to replay.
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import copy
import json
import math
import os
import random
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

STATION_KINDS = ["station", "load_balancer", "web_server", "app_server", "worker", "cache", "cdn",
                 "database", "queue"]
COMPONENT_KEYS = ["kind", "arrival_rps", "throughput_rps", "utilization", "wait_probability",
                  "blocking_probability", "mean_wait_ms", "mean_response_ms", "avg_response_ms",
                  "p50_response_ms", "p95_response_ms", "p99_response_ms", "mean_queue_length",
                  "mean_in_system", "headroom_multiplier", "saturated", "approximate"]
TOP_KEYS = ["format", "version", "multiplier", "workload", "stable", "throughput_rps", "mean_response_ms",
            "bottleneck", "max_multiplier", "components", "replication", "pools", "warnings"]
REPLICATION_KEYS = ["primary", "write_rps", "apply_utilization", "mean_lag_ms", "p99_lag_ms",
                    "lag_growth_ms_per_s", "saturated"]
POOL_KEYS = ["from", "to", "pool_size", "per_instance_rps", "hold_ms", "utilization", "wait_probability",
             "mean_wait_ms", "connections_total", "max_connections", "saturated"]
# Infinite only when saturated (open workload); percentiles are null in a closed one.
FINITE_UNLESS_SATURATED = ["mean_wait_ms", "mean_response_ms", "avg_response_ms", "mean_queue_length",
                           "mean_in_system"]
PERCENTILES = ["p50_response_ms", "p95_response_ms", "p99_response_ms"]
PROBABILITIES = ["wait_probability", "blocking_probability"]


class Generator:
    """Random models: extremes of every legal range, in a seeded sequence."""

    def __init__(self, rng):
        self.rng = rng

    def log_uniform(self, lo, hi):
        return 10 ** self.rng.uniform(math.log10(lo), math.log10(hi))

    def number(self, lo, hi, extremes=()):
        """An extreme value a third of the time, else log-uniform in [lo, hi]."""
        if extremes and self.rng.random() < 0.35:
            return self.rng.choice(list(extremes))
        return self.log_uniform(lo, hi)

    def count(self, lo, hi, extremes=()):
        return int(max(lo, min(hi, round(self.number(max(lo, 1), hi, extremes)))))

    def station(self, cid, kind):
        rng = self.rng
        c = {"id": cid, "kind": kind,
             "service_ms": self.number(1e-6, 1e9, (1e-6, 1e9, 1, 10, 0.001))}
        if rng.random() < 0.6:
            c["servers"] = self.count(1, 1e7, (1, 2, 1e7, 100000, 64))
        if rng.random() < 0.4:
            c["instances"] = self.count(1, 1e7, (1, 2, 3, 1e7, 1000))
        if rng.random() < 0.3:
            c["capacity"] = self.count(c.get("servers", 1), 1e7, (c.get("servers", 1), 1e7))
        if rng.random() < 0.25:
            instances = c.get("instances", 1)
            c["hottest_share"] = rng.choice([1.0, 1.0 / instances, rng.uniform(1.0 / instances, 1.0)])
        if rng.random() < 0.25:
            c["service_cv"] = rng.choice([0.0, 0.5, 1.0, 2.0, 10.0, 1e3])
        if rng.random() < 0.2:
            c["cost_per_instance_month"] = self.number(0.01, 1e9, (0, 1e9))
        if kind in ("cache", "cdn"):
            c["hit_ratio"] = rng.choice([0.0, 1.0, rng.random(), 0.999999])
        if kind == "database":
            if rng.random() < 0.4:
                c["role"] = "replica"
                if rng.random() < 0.5:
                    c["apply_ms"] = self.number(1e-6, 1e9, (1e-6, 1e9))
                if rng.random() < 0.5:
                    c["replication_delay_ms"] = self.number(1e-6, 1e9, (0, 1e9))
            else:
                if rng.random() < 0.5:
                    c["role"] = "primary"
                if rng.random() < 0.6:
                    c["write_fraction"] = rng.choice([0.0, 1.0, rng.random()])
                if rng.random() < 0.4:
                    c["max_connections"] = self.count(1, 1e7, (1, 1e7))
        if rng.random() < 0.1:
            c["stateful"] = rng.choice([True, False])
        return c

    def model(self):
        rng = self.rng
        closed = rng.random() < 0.25
        components = []
        if closed:
            users = {"id": "users", "kind": "clients", "users": self.count(0, 1e7, (0, 1, 1e7, 1000))}
            if rng.random() < 0.8:
                users["think_ms"] = self.number(1e-6, 1e9, (0, 1e9, 1000))
            components.append(users)
        else:
            for k in range(rng.randint(1, 3)):
                components.append({"id": "clients%d" % k, "kind": "clients",
                                   "rate_rps": self.number(1e-6, 1e12, (0, 1e12, 1, 1000))})
        clients = [c["id"] for c in components]
        nodes = []
        for k in range(rng.randint(1, 7)):
            cid = "c%d" % k
            if rng.random() < 0.12:
                components.append({"id": cid, "kind": "external",
                                   "latency_ms": self.number(1e-6, 1e9, (0, 1e9, 120))})
            else:
                components.append(self.station(cid, rng.choice(STATION_KINDS)))
            nodes.append(cid)
        kinds = {c["id"]: c for c in components}
        links = []
        seen = set()

        def link(a, b, **extra):
            if (a, b) in seen:
                return None
            seen.add((a, b))
            item = {"from": a, "to": b}
            item.update(extra)
            links.append(item)
            return item

        def calls():
            return self.number(1e-6, 1e6, (0, 1, 1e6, 1e-6, 0.5))

        for cl in clients:
            for target in rng.sample(nodes, rng.randint(1, min(2, len(nodes)))):
                extra = {}
                if rng.random() < 0.3:
                    extra["calls"] = calls()
                if rng.random() < 0.1:
                    extra["kind"] = "async"
                link(cl, target, **extra)
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                if rng.random() < 0.45:
                    extra = {"calls": calls()} if rng.random() < 0.7 else {}
                    if rng.random() < 0.15:
                        extra["kind"] = "async"
                    target = kinds[b]
                    if target["kind"] == "database" and rng.random() < 0.4:
                        extra["pool_size"] = self.count(1, 1e7, (1, 2, 1e7, 20))
                        if rng.random() < 0.5:
                            extra["pool_overhead_ms"] = self.number(1e-6, 1e9, (0, 1e9))
                        if rng.random() < 0.3:
                            extra["connect_ms"] = self.number(1e-6, 1e9, (0, 1e9))
                    link(a, b, **extra)
        # Loops whose gain is meant to stay below 1 (other paths may still push it over: exit 2).
        for a in nodes:
            if rng.random() < 0.08:
                link(a, a, calls=rng.choice([0.0, 0.5, 0.999, rng.random()]))
        for item in list(links):
            if item["from"] in nodes and item["to"] != item["from"] and rng.random() < 0.1:
                forward = item.get("calls", 1.0) or 1.0
                link(item["to"], item["from"], calls=rng.uniform(0.0, 0.99) / max(forward, 1e-300))
        # Replication from a primary to a replica that has none yet.
        primaries = [c["id"] for c in components if c["kind"] == "database" and c.get("role") != "replica"]
        for replica in [c["id"] for c in components if c.get("role") == "replica"]:
            if primaries and rng.random() < 0.8:
                link(rng.choice(primaries), replica, kind="replication")
        doc = {"format": "headroom-model", "version": 1, "name": "random", "components": components,
               "links": links}
        if rng.random() < 0.2:
            target = rng.choice(nodes)
            field = "latency_ms" if kinds[target]["kind"] == "external" else "service_ms"
            doc["scenarios"] = [{"name": "what-if", "multiplier": self.number(1e-3, 1e3, (1, 10)),
                                 "overrides": {target: {field: self.number(1e-6, 1e9, (1e-6, 1e9))}}}]
        return doc


def mutations(doc, rng):
    """Ways to make a model subtly invalid; each returns a description, or None if it does not apply."""
    stations = [c for c in doc["components"] if c["kind"] not in ("clients", "external")]
    comps = doc["components"]

    def on_station(key, value):
        def apply():
            if not stations:
                return None
            c = rng.choice(stations)
            c[key] = value(c) if callable(value) else value
            return "%s.%s = %r" % (c["id"], key, c[key])
        return apply

    def duplicate_id():
        c = rng.choice(comps[1:] or comps)
        comps.append(dict(c))
        return "duplicate id %s" % c["id"]

    def dangling():
        doc["links"].append({"from": rng.choice(comps)["id"], "to": "nowhere"})
        return "link to nowhere"

    def loop_gain_one():
        if not stations:
            return None
        c = rng.choice(stations)
        doc["links"] = [l for l in doc["links"] if not (l["from"] == c["id"] and l["to"] == c["id"])]
        doc["links"].append({"from": c["id"], "to": c["id"], "calls": 1.0})
        if c["kind"] in ("cache", "cdn"):
            c["hit_ratio"] = 0.0
        return "self-loop with gain 1 on %s" % c["id"]

    def negative_calls():
        if not doc["links"]:
            return None
        rng.choice(doc["links"])["calls"] = -1e-9
        return "calls -1e-9"

    def clients_users_and_rate():
        comps[0]["users"] = 5
        comps[0]["rate_rps"] = 1
        return "clients with users and rate_rps"

    def pool_into_non_database():
        targets = [c["id"] for c in comps if c["kind"] not in ("database", "clients")]
        sources = [c["id"] for c in comps if c["kind"] != "clients"]
        if not targets or not sources:
            return None
        a, b = rng.choice(sources), rng.choice(targets)
        doc["links"] = [l for l in doc["links"] if (l["from"], l["to"]) != (a, b)]
        doc["links"].append({"from": a, "to": b, "pool_size": 4, "calls": 0.0})
        return "pool %s -> %s" % (a, b)

    choices = [
        on_station("servers", 0),
        on_station("servers", 2.5),
        on_station("servers", 10000001),
        on_station("instances", 1e308),
        on_station("service_ms", 0.0),
        on_station("service_ms", -1e-6),
        on_station("service_cv", -0.5),
        on_station("capacity", lambda c: max(1, c.get("servers", 1)) - 1 if c.get("servers", 1) > 1 else 0.5),
        on_station("hottest_share", lambda c: 0.999 / c.get("instances", 1) if c.get("instances", 1) > 1 else 0.0),
        on_station("hottest_share", 1.0000001),
        on_station("hit_ratio", 1.0000001),
        on_station("stateful", 1),
        on_station("servers", "8"),
        duplicate_id,
        dangling,
        loop_gain_one,
        negative_calls,
        clients_users_and_rate,
        pool_into_non_database,
    ]
    for _ in range(10):
        what = rng.choice(choices)()
        if what:
            return what
    return None


def check_result(doc, multiplier):
    """Problems with a `solve --json` result."""
    p = []
    for key in TOP_KEYS:
        if key not in doc:
            p.append("missing top-level key %s" % key)
    if p:
        return p
    if doc["format"] != "headroom-result" or doc["version"] != 1:
        p.append("format/version %r/%r" % (doc["format"], doc["version"]))
    if not math.isclose(doc["multiplier"], multiplier, rel_tol=1e-12):
        p.append("multiplier %r, expected %r" % (doc["multiplier"], multiplier))
    if not isinstance(doc["replication"], dict) or not isinstance(doc["pools"], list):
        p.append("replication must be an object and pools a list")
        return p
    closed = doc["workload"] == "closed"
    any_saturated = False
    for cid, c in doc["components"].items():
        missing = [k for k in COMPONENT_KEYS if k not in c]
        if missing:
            p.append("%s: missing %s" % (cid, ", ".join(missing)))
            continue
        any_saturated = any_saturated or c["saturated"]
        for key in ("arrival_rps", "throughput_rps", "utilization") + tuple(PROBABILITIES):
            if c[key] is None:
                p.append("%s.%s is null" % (cid, key))
        for key in PROBABILITIES:
            if c[key] is not None and not 0.0 <= c[key] <= 1.0:
                p.append("%s.%s = %r outside [0, 1]" % (cid, key, c[key]))
        if not c["saturated"]:
            for key in FINITE_UNLESS_SATURATED + ([] if closed else PERCENTILES):
                if c[key] is None:
                    p.append("%s.%s is null but the component is not saturated" % (cid, key))
            # A closed workload's approximate figures (asynchronous work, approximate MVA) are
            # exempt: MVA does not see the asynchronous load that drives them over 1.
            exempt = closed and c["approximate"]
            if c["kind"] != "external" and not exempt and c["utilization"] > 1.0 + 1e-9:
                p.append("%s: utilization %r above 1 but not saturated" % (cid, c["utilization"]))
        elif c["utilization"] is not None and c["utilization"] < 1.0 - 1e-9 and not closed:
            p.append("%s: saturated with utilization %r below 1" % (cid, c["utilization"]))
        ps = [c[k] for k in PERCENTILES]
        if None not in ps and not ps[0] <= ps[1] * (1 + 1e-9) <= ps[2] * (1 + 1e-9) ** 2:
            p.append("%s: percentiles out of order %r" % (cid, ps))
    if doc["stable"] == any_saturated and doc["components"]:
        p.append("stable is %r but a component saturated is %r" % (doc["stable"], any_saturated))
    for rid, r in doc["replication"].items():
        missing = [k for k in REPLICATION_KEYS if k not in r]
        if missing:
            p.append("replication %s: missing %s" % (rid, ", ".join(missing)))
        elif not r["saturated"] and (r["mean_lag_ms"] is None or r["p99_lag_ms"] is None):
            p.append("replication %s: lag null but not saturated" % rid)
    for pool in doc["pools"]:
        missing = [k for k in POOL_KEYS if k not in pool]
        if missing:
            p.append("pool: missing %s" % ", ".join(missing))
        elif not 0.0 <= pool["wait_probability"] <= 1.0:
            p.append("pool %s -> %s: wait_probability %r" % (pool["from"], pool["to"], pool["wait_probability"]))
    for path, number in clitest.numbers(doc):
        if number < 0:
            p.append("%s = %r is negative" % (path, number))
    return p


def check_sweep(doc, steps):
    p = []
    points = doc.get("points")
    if not isinstance(points, list) or len(points) != steps:
        return ["expected %d points, got %r" % (steps, points if not isinstance(points, list) else len(points))]
    for i, point in enumerate(points):
        for key in ("multiplier", "stable", "throughput_rps", "mean_response_ms", "bottleneck",
                    "bottleneck_utilization", "max_multiplier", "saturated"):
            if key not in point:
                p.append("points[%d]: missing %s" % (i, key))
        if point.get("throughput_rps") is None or point.get("bottleneck_utilization") is None:
            p.append("points[%d]: throughput or bottleneck utilization is null" % i)
    for path, number in clitest.numbers(doc):
        if number < 0:
            p.append("%s = %r is negative" % (path, number))
    return p


def check_plan(doc):
    p = []
    for key in ("multiplier", "target_utilization", "components", "pools", "cost_now", "cost_after", "warnings"):
        if key not in doc:
            p.append("missing %s" % key)
    for cid, c in doc.get("components", {}).items():
        required = c.get("required_instances")
        if required is not None and (not isinstance(required, int) or required < 1):
            p.append("%s: required_instances %r" % (cid, required))
    for path, number in clitest.numbers(doc):
        if number < 0:
            p.append("%s = %r is negative" % (path, number))
    return p


def choose_multiplier(rng, gen):
    return rng.choice([0.0, 1.0, 1e9, 10.0, gen.log_uniform(1e-3, 1e9)])


def plan_runs(index, rng, gen, path, scenario):
    """The runs for one model: (args, checker) pairs."""
    runs = []
    extra = ["--scenario", "what-if"] if scenario and rng.random() < 0.5 else []
    m = choose_multiplier(rng, gen)
    # A scenario's own multiplier multiplies --multiplier: the result's is then not known here.
    runs.append((["solve", path, "--json", "--multiplier", repr(m)] + extra, ("solve", None if extra else m)))
    a = rng.choice([0.0, 1.0, gen.log_uniform(1e-3, 1e3)])
    b = rng.choice([1e9, a + 1.0, a * 10 + 1.0, gen.log_uniform(max(a, 1e-3) * 1.01, 1e9)])
    steps = rng.randint(2, 5)
    runs.append((["sweep", path, "--json", "--from", repr(a), "--to", repr(b), "--steps", str(steps)], ("sweep", steps)))
    pm = choose_multiplier(rng, gen)
    plan = ["plan", path, "--json", "--multiplier", repr(pm)]
    if rng.random() < 0.5:
        plan += ["--target-utilization", repr(rng.choice([1.0, 0.7, 1e-6, rng.random() or 0.5]))]
    runs.append((plan, ("plan", None)))
    if index % 10 == 0:
        runs.append((["solve", path, "--multiplier", repr(m)], ("table", None)))
    return runs


def check_run(r, expect_invalid, what):
    problems = clitest.contract_problems(r, (2,) if expect_invalid else (0, 2))
    if problems or r.rc != 0:
        return problems
    kind, arg = what
    if kind == "table":
        return problems
    try:
        doc = clitest.parse_json(r.out)
    except (ValueError, UnicodeDecodeError) as e:
        return ["stdout is not strict JSON: %s" % e]
    if kind == "solve":
        return check_result(doc, doc.get("multiplier", 0.0) if arg is None else arg)
    if kind == "sweep":
        return check_sweep(doc, arg)
    return check_plan(doc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--models", type=int, default=240)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="write failing models here")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    gen = Generator(rng)
    failures = []
    outcomes = {"valid": [0, 0], "invalid": [0, 0]}  # [exit 0, exit 2] per kind of model
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="headroom-random-") as tmp:
        jobs = []
        models = {}
        for index in range(args.models):
            doc = gen.model()
            planted = None
            if rng.random() < 0.25:
                doc = copy.deepcopy(doc)
                planted = mutations(doc, rng)
            path = os.path.join(tmp, "model-%04d.json" % index)
            with open(path, "w") as fh:
                json.dump(doc, fh, indent=1)
            models[path] = (doc, planted)
            for cli_args, what in plan_runs(index, rng, gen, path, "scenarios" in doc):
                jobs.append((path, cli_args, what))
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(clitest.run, args.cli, cli_args): (path, cli_args, what)
                       for path, cli_args, what in jobs}
            for future in concurrent.futures.as_completed(futures):
                path, cli_args, what = futures[future]
                r = future.result()
                doc, planted = models[path]
                if r.cpu_seconds > slowest[0]:
                    slowest = (r.cpu_seconds, r.command)
                if what[0] == "solve" and r.rc in (0, 2):
                    outcomes["invalid" if planted else "valid"][0 if r.rc == 0 else 1] += 1
                problems = check_run(r, planted is not None, what)
                if problems:
                    failures.append((path, r, planted, problems))
        for path, r, planted, problems in sorted(failures, key=lambda f: f[0]):
            print("FAIL %s%s" % (r.command, " (planted: %s)" % planted if planted else ""))
            for problem in problems[:8]:
                print("  - %s" % problem)
            err = r.text(r.err).strip().splitlines()
            if err:
                print("  stderr: %s" % err[0][:300])
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                with open(os.path.join(args.keep, os.path.basename(path)), "w") as fh:
                    json.dump(models[path][0], fh, indent=1)
    valid_ok, valid_rejected = outcomes["valid"]
    print("random models: %d models, %d runs, %d failures; unplanted solves: %d ok, %d rejected; "
          "planted errors rejected: %d of %d; costliest run %.2f s of CPU (%s)"
          % (args.models, len(jobs), len(failures), valid_ok, valid_rejected, outcomes["invalid"][1],
             sum(outcomes["invalid"]), slowest[0], slowest[1]))
    # The generator must produce mostly solvable models, or this test checks little.
    if valid_ok < 0.5 * (valid_ok + valid_rejected):
        print("FAIL: fewer than half of the unplanted models solved; the generator is off")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
