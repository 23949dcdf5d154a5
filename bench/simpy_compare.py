#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side with SimPy (Debian's python3-simpy, the classic SimPy 2 API): the same
M/M/1 and the same 50-station network (50 M/M/1 in series), the same number of
customers, one core each. Headroom runs through headroom-cli simulate with one thread;
the CPU of a run that simulates almost nothing (starting, reading, planning) is
subtracted. Times are CPU seconds (the
machine is shared, so wall time says more about the neighbours than about either
program); wall seconds are printed beside them. Results: docs/performance.md.

    bench/simpy_compare.py --cli build/app/headroom-cli
"""
import argparse
import json
import os
import random
import resource
import subprocess
import tempfile
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate


def simpy_run(stations, rate, service_ms, customers, seed):
    """Customers through `stations` single-server FIFO stations; returns (CPU seconds, mean response ms)."""
    rng = random.Random(seed)
    mu = 1000.0 / service_ms
    responses = []

    class Customer(Process):
        def visit(self, line):
            start = now()
            for station in line:
                yield request, self, station
                yield hold, self, rng.expovariate(mu)
                yield release, self, station
            responses.append(now() - start)

    class Source(Process):
        def generate(self, line):
            for _ in range(customers):
                c = Customer()
                activate(c, c.visit(line))
                yield hold, self, rng.expovariate(rate)

    started = time.process_time()
    initialize()
    line = [Resource(capacity=1) for _ in range(stations)]
    source = Source()
    activate(source, source.generate(line))
    simulate(until=1e12)
    elapsed = time.process_time() - started
    return elapsed, 1000.0 * sum(responses) / len(responses)


def headroom_run(cli, stations, rate, service_ms, customers):
    """Two replications of `customers` arrivals on one thread; returns (CPU seconds per replication, events, mean ms)."""
    # The clients' sync calls are made one after another in file order: each request
    # visits s0, then s1, ... as a SimPy customer walks its line.
    components = [{"id": "users", "kind": "clients", "rate_rps": rate}]
    links = []
    for i in range(stations):
        components.append({"id": f"s{i}", "kind": "station", "service_ms": service_ms})
        links.append({"from": "users", "to": f"s{i}"})
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.json")
        with open(path, "w") as f:
            json.dump({"components": components, "links": links}, f)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([cli, "simulate", path, "--json", "--threads", "1", "--replications", "2",
                              "--warmup-s", "0", "--duration-s", repr(customers / rate)],
                             check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        # Less what the program costs without simulating (starting, reading, planning).
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([cli, "simulate", path, "--json", "--threads", "1", "--replications", "2",
                        "--warmup-s", "0", "--duration-s", repr(1.0 / rate)], check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed -= (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    result = json.loads(out)
    return elapsed / 2, result["simulation"]["events"] / 2, result["system"]["mean_response_ms"]["mean"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--mm1-customers", type=int, default=200000)
    parser.add_argument("--network-customers", type=int, default=20000)
    args = parser.parse_args()
    cases = [("M/M/1, rho 0.8", 1, 80.0, 10.0, args.mm1_customers),
             ("50 stations in series, rho 0.5 each", 50, 50.0, 10.0, args.network_customers)]
    print(f"{'model':40} {'customers':>10} {'SimPy CPU s':>11} {'Headroom CPU s':>14} {'speed-up':>9} {'Headroom events/CPU s':>22}")
    for name, stations, rate, service, customers in cases:
        simpy_s, simpy_mean = simpy_run(stations, rate, service, customers, 1)
        head_s, events, head_mean = headroom_run(args.cli, stations, rate, service, customers)
        print(f"{name:40} {customers:>10} {simpy_s:>11.2f} {head_s:>14.3f} {simpy_s / head_s:>8.0f}x {events / head_s:>22,.0f}")
        print(f"{'':40} mean response: SimPy {simpy_mean:.2f} ms, Headroom {head_mean:.2f} ms")


if __name__ == "__main__":
    main()
