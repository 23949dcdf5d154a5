#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Malformed models must be rejected cleanly (spec section 5).

    corpus_test.py --cli PATH [--corpus DIR] [--jobs J]

For every file in the corpus (JSON models, and .headroom projects that are not),
and for a few inputs generated here (too large to
commit): `solve FILE --json` and `validate FILE` exit 2 within 10 s of CPU
time (and a minute on the clock: the machine may be busy; see clitest.py), are
not killed by a signal, print nothing on stdout and at least one `error:` line on
stderr, every stderr line starts with `error:` or `warning:`, and no output
holds nan, inf or infinity. The errors must name the subject listed for the
file in EXPECTED below (both commands); every corpus file must be listed there.
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import json
import os
import random
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

# What one of the solve errors must contain: the component and field (or the file,
# for a file that is not a model at all) and, after '|', words of the message.
EXPECTED = {
    "apply-ms-zero.json": "rep.apply_ms: |above 0",
    "calls-negative.json": "link app -> cache: |calls",
    "capacity-below-servers.json": "db.capacity: |at least servers",
    "capacity-fraction.json": "db.capacity: |integer",
    "clients-closed-and-open.json": "components: |closed workload",
    "clients-no-workload.json": "users.rate_rps: |required",
    "clients-none.json": "components: |no clients",
    "clients-open-and-closed-fields.json": "users: |not both",
    "clients-two-closed.json": "components: |exactly one clients",
    "component-array.json": "components[7]: |object",
    "component-kind-number.json": "app.kind: |string",
    "component-missing-id.json": "components[2].id: |required",
    "component-missing-kind.json": "app.kind: |required",
    "component-null.json": "components[7]: |object",
    "component-number.json": "components[7]: |object",
    "component-unknown-kind.json": "app.kind: |mainframe",
    "components-empty.json": "components: |no clients",
    "components-missing.json": "components: |required",
    "components-null.json": "components: |list",
    "components-object.json": "components: |list",
    "components-string.json": "components: |list",
    "cost-negative.json": "app.cost_per_instance_month: |from 0 to 1000000000000",
    "cost-1e308.json": "app.cost_per_instance_month: |from 0 to 1000000000000, got 1e+308",
    "format-number.json": "format: |headroom-model",
    "format-wrong.json": "format: |headroom-project",
    "hit-ratio-1.5.json": "cache.hit_ratio: |from 0 to 1",
    "hit-ratio-negative.json": "cache.hit_ratio: |from 0 to 1",
    "hottest-share-above-one.json": "app.hottest_share: |at most 1",
    "hottest-share-below-even.json": "app.hottest_share: |1/instances",
    "hottest-share-zero.json": "app.hottest_share: |above 0",
    "id-65-chars.json": "components[2].id: |not a valid id",
    "id-duplicate.json": "app: |duplicate id",
    "id-empty.json": "components[2].id: |not a valid id",
    "id-number.json": "components[2].id: |string",
    "id-slash.json": "components[2].id: |not a valid id",
    "id-unicode.json": "components[2].id: |not a valid id",
    "id-with-space.json": "components[2].id: |not a valid id",
    "instances-fraction.json": "app.instances: |integer",
    "instances-zero.json": "app.instances: |integer",
    "json-bad-escape.json": "json-bad-escape.json: |invalid escape",
    "json-binary-bytes.json": "json-binary-bytes.json: |not valid JSON",
    "json-bom-then-garbage.json": "json-bom-then-garbage.json: |not valid JSON",
    "json-comments.json": "json-comments.json: |no comments",
    "json-hex-number.json": "json-hex-number.json: |hex",
    "json-literal-infinite.json": "json-literal-infinite.json: |infinite values",
    "json-literal-not-a-number.json": "json-literal-not-a-number.json: |not-a-number",
    "json-missing-colon.json": "json-missing-colon.json: |':'",
    "json-nul-byte-inside.json": "json-nul-byte-inside.json: |control character",
    "json-number-1e999.json": "json-number-1e999.json: |too large",
    "json-single-quotes.json": "json-single-quotes.json: |double quotes",
    "json-trailing-comma.json": "json-trailing-comma.json: |trailing comma",
    "json-truncated.json": "json-truncated.json: |not valid JSON",
    "json-two-documents.json": "json-two-documents.json: |after the end",
    "json-unterminated-string.json": "json-unterminated-string.json: |not valid JSON",
    "json-utf16be-no-bom.json": "json-utf16be-no-bom.json: |UTF-16",
    "json-utf16le-with-bom.json": "json-utf16le-with-bom.json: |UTF-16",
    "json-whitespace-only.json": "json-whitespace-only.json: |empty",
    "latency-missing.json": "pay.latency_ms: |required",
    "latency-negative.json": "pay.latency_ms: |0 or more",
    "link-duplicate.json": "link app -> cache: |duplicate link",
    "link-empty-to.json": "link app -> : |from and to",
    "link-from-missing-component.json": "link ghost -> app: |not a component",
    "link-from-number.json": "links[7].from: |string",
    "link-into-clients.json": "link app -> users: |clients",
    "link-missing-from.json": "links[7].from: |required",
    "link-number.json": "links[7]: |object",
    "link-to-missing-component.json": "link app -> ghost: |not a component",
    "link-unknown-kind.json": "link app -> lb: |rpc",
    "links-object.json": "links: |list",
    "loop-async-through-queue.json": "jobs: |E_ROUTING_LOOP",
    "loop-gain-within-rounding-of-1.json": "app: |E_ROUTING_LOOP",
    "loop-self-gain-1.5.json": "app: |by 1.5",
    "loop-self-gain-1.json": "app: |E_ROUTING_LOOP",
    "loop-three-nodes-gain-2.json": "app: |app -> pay -> w -> app",
    "loop-through-cache-gain-1.json": "app: |app -> cache -> rep -> app",
    "loop-two-nodes-gain-1.json": "app: |app -> db -> app",
    "loop-two-nodes-gain-above-1.json": "app: |by 4",
    "max-connections-zero.json": "db.max_connections: |integer",
    "name-number.json": "name: |string",
    "offered-load-overflow.json": "app.service_ms: |beyond 1e300",
    "pool-from-clients.json": "link users -> db: |pool",
    "pool-into-cache.json": "link lb -> cache: |pool_size",
    "pool-on-replication-link.json": "link db -> rep: |no pool",
    "pool-overhead-negative.json": "link app -> db: |pool_overhead_ms",
    "pool-size-fraction.json": "link app -> db: |pool_size",
    "pool-size-zero.json": "link app -> db: |pool_size",
    "project-empty.headroom": "project-empty.headroom: |empty",
    "project-sqlite-header-named-json.json": "project-sqlite-header-named-json.json: |damaged",
    "project-sqlite-header-then-junk.headroom": "project-sqlite-header-then-junk.headroom: |damaged",
    "project-sqlite-without-tables.headroom": "project-sqlite-without-tables.headroom: |not a Headroom project",
    "project-text-not-sqlite.headroom": "project-text-not-sqlite.headroom: |not an SQLite database",
    "rate-negative.json": "users.rate_rps: |0 or more",
    "replica-with-two-primaries.json": "link db2 -> rep: |one primary",
    "replication-delay-negative.json": "rep.replication_delay_ms: |0 or more",
    "replication-from-app-server.json": "link app -> rep: |role primary",
    "replication-from-replica.json": "link rep -> db: |role primary",
    "replication-into-app-server.json": "link db -> app: |role replica",
    "scenario-duplicate-name.json": "scenario \"peak\": |unique",
    "scenario-link-override-pool-size-zero.json": "scenario \"peak\".link app -> db: |pool_size must be",
    "scenario-link-override-unknown-field.json": "scenario \"peak\".link app -> db.speed: |not a link field",
    "scenario-link-override-unknown-link.json": "scenario \"peak\".link app -> ghost: |no link",
    "scenario-link-override-without-to.json": "scenario \"peak\".link_overrides[0].to: |required",
    "scenario-link-overrides-object.json": "scenario \"peak\".link_overrides: |list",
    "scenario-multiplier-1e308.json": "scenario \"peak\".multiplier: |at most 1000000000, got 1e+308",
    "scenario-multiplier-above-limit.json": "scenario \"peak\".multiplier: |at most 1000000000, got 1000000001",
    "scenario-multiplier-negative.json": "scenario \"peak\".multiplier: |above 0",
    "scenario-multiplier-string.json": "scenario \"peak\".multiplier: |number",
    "scenario-number.json": "scenarios[0]: |object",
    "scenario-override-capacity-below-servers.json": "scenario \"peak\".db.capacity: |at least servers",
    "scenario-override-id.json": "scenario \"peak\".app.id: |cannot change",
    "scenario-override-not-applicable.json": "scenario \"peak\".app.hit_ratio: |does not apply",
    "scenario-override-not-object.json": "scenario \"peak\".app: |object",
    "scenario-override-string.json": "scenario \"peak\".app.servers: |integer",
    "scenario-override-zero-servers.json": "scenario \"peak\".app.servers: |from 1 to",
    "scenario-overrides-list.json": "scenario \"peak\".overrides: |object",
    "scenario-unknown-component.json": "scenario \"peak\".ghost: |not a component",
    "scenario-unknown-field.json": "scenario \"peak\".app.speed: |override",
    "scenario-without-name.json": "scenarios[0].name: |required",
    "scenarios-object.json": "scenarios: |list",
    "servers-1e308.json": "app.servers: |1e+308",
    "servers-above-limit.json": "app.servers: |10000001",
    "servers-fraction.json": "app.servers: |2.5",
    "servers-just-below-ten-million-fraction.json": "app.servers: |got 9999999.999999998",
    "servers-negative.json": "app.servers: |-4",
    "servers-zero.json": "app.servers: |from 1 to 10000000",
    "service-cv-1e300.json": "app.service_cv: |from 0 to 1000, got 1e+300",
    "service-cv-negative.json": "app.service_cv: |from 0 to 1000",
    "service-ms-denormal.json": "app.service_ms: |at least",
    "service-ms-missing.json": "app.service_ms: |required",
    "service-ms-negative.json": "app.service_ms: |above 0",
    "service-ms-zero.json": "app.service_ms: |above 0",
    "think-negative.json": "users.think_ms: |0 or more",
    "top-level-array.json": "top-level-array.json: |not a list",
    "top-level-null.json": "top-level-null.json: |not null",
    "top-level-number.json": "top-level-number.json: |not a number",
    "top-level-string.json": "top-level-string.json: |not a string",
    "top-level-true.json": "top-level-true.json: |not a boolean",
    "traffic-overflow.json": "app: |arrival rate",
    "type-array-for-ratio.json": "cache.hit_ratio: |got an array",
    "type-bool-for-count.json": "app.instances: |got a boolean",
    "type-null-for-pool-size.json": "link app -> db.pool_size: |got null",
    "type-null-for-rate.json": "users.rate_rps: |got null",
    "type-number-for-flag.json": "app.stateful: |true or false",
    "type-number-for-label.json": "app.label: |string",
    "type-number-for-role.json": "db.role: |string",
    "type-object-for-number.json": "db.service_ms: |got an object",
    "type-string-for-calls.json": "link app -> cache.calls: |got a string",
    "type-string-for-count.json": "app.servers: |got a string",
    "type-string-for-flag.json": "app.stateful: |got a string",
    "type-string-for-number.json": "app.service_ms: |got a string",
    "type-unknown-role.json": "db.role: |master",
    "users-fraction.json": "users.users: |integer",
    "users-negative.json": "users.users: |from 0 to",
    "version-2.json": "version: |version 2",
    "version-string.json": "version: |number 1",
    "write-fraction-negative.json": "db.write_fraction: |from 0 to 1",
}

# Inputs generated at test time: name -> (what must appear in an error, exit codes allowed).
GENERATED = {
    "deep-arrays.json": ("not valid JSON|nested", (2,)),
    "deep-objects.json": ("not valid JSON|nested", (2,)),
    "over-64-mib.json": ("over-64-mib.json: |64 MiB", (2,)),
    "junk-20-mib.json": ("junk-20-mib.json: |", (2,)),
    "components-100000.json": (None, (0,)),
    "components-100000-duplicates.json": ("model: |more errors are not shown", (2,)),
    "components-100000-loop.json": ("s0: |E_ROUTING_LOOP", (2,)),
    "links-100000-dangling.json": ("model: |more errors are not shown", (2,)),
    # Nobody writes to it: opening it for reading would wait for ever.
    "named-pipe.json": ("named-pipe.json: |not a regular file (a named pipe", (2,)),
    "named-pipe.headroom": ("named-pipe.headroom: |not a regular file (a named pipe", (2,)),
}

MAX_ERROR_LINES = 101  # the CLI prints at most 100 errors and a line that counts the rest


def generate(folder):
    """Writes the generated inputs into folder; returns their paths."""
    paths = {}

    def write(name, data):
        path = os.path.join(folder, name)
        with open(path, "wb") as fh:
            fh.write(data)
        paths[name] = path

    for name in ("named-pipe.json", "named-pipe.headroom"):
        paths[name] = os.path.join(folder, name)
        os.mkfifo(paths[name])
    write("deep-arrays.json", b"[" * 100000 + b"]" * 100000)
    write("deep-objects.json", b'{"components": ' + b'{"a": ' * 100000 + b"1" + b"}" * 100001)
    model = json.dumps({"components": [{"id": "users", "kind": "clients", "rate_rps": 1}], "links": []})
    pad = 64 * 1024 * 1024 + 1 - len(model)
    write("over-64-mib.json", model.encode() + b" " * pad)
    junk = random.Random(64).getrandbits(8 * 20 * 1024 * 1024).to_bytes(20 * 1024 * 1024, "little")
    write("junk-20-mib.json", junk)

    n = 100000
    stations = [{"id": "s%d" % i, "kind": "station", "service_ms": 0.001} for i in range(n - 1)]
    comps = [{"id": "users", "kind": "clients", "rate_rps": 100}] + stations
    chain = [{"from": "users", "to": "s0"}] + [{"from": "s%d" % i, "to": "s%d" % (i + 1)} for i in range(n - 2)]
    write("components-100000.json", json.dumps({"components": comps, "links": chain}).encode())
    dups = [dict(c, id="dup") for c in stations]
    write("components-100000-duplicates.json",
          json.dumps({"components": comps[:1] + dups, "links": []}).encode())
    loop = chain + [{"from": "s%d" % (n - 2), "to": "s0", "calls": 1}]
    write("components-100000-loop.json", json.dumps({"components": comps, "links": loop}).encode())
    dangling = [{"from": "users", "to": "ghost%d" % i} for i in range(n)]
    write("links-100000-dangling.json", json.dumps({"components": comps[:2], "links": dangling}).encode())
    return paths


def subject_problems(r, expected):
    """The expected 'subject: |words' must match one error line: subject first, then the words."""
    if expected is None:
        return []
    subject, _, words = expected.partition("|")
    for line in r.stderr_lines():
        if not line.startswith("error: "):
            continue
        body = line[len("error: "):]
        at = body.find(subject)
        if at >= 0 and words in body[at + len(subject):]:
            return []
    first = r.stderr_lines()[0][:200] if r.stderr_lines() else "(nothing)"
    return ["no error names %r with %r; first line: %s" % (subject, words, first)]


def check(cli, path, expected, allowed):
    """All runs for one input; returns (description, problems) pairs."""
    failures = []
    for args in (["solve", path, "--json"], ["validate", path]):
        r = clitest.run(cli, args)
        problems = clitest.contract_problems(r, allowed)
        if not problems and r.rc == 2:
            if len(r.stderr_lines()) > MAX_ERROR_LINES:
                problems.append("%d stderr lines, more than %d" % (len(r.stderr_lines()), MAX_ERROR_LINES))
            problems += subject_problems(r, expected)
        if not problems and r.rc == 0 and args[0] == "solve":
            try:
                clitest.parse_json(r.out)
            except (ValueError, UnicodeDecodeError) as e:
                problems.append("stdout is not strict JSON: %s" % e)
        if problems:
            failures.append((r.command, problems))
    return failures


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--corpus", default=os.path.join(here, "..", "corpus"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    failures = []
    files = sorted(f for f in os.listdir(args.corpus) if not f.startswith("."))
    for name in sorted(set(files) - set(EXPECTED)):
        failures.append((name, ["no entry in EXPECTED: add what its error must name"]))
    for name in sorted(set(EXPECTED) - set(files)):
        failures.append((name, ["listed in EXPECTED but not in the corpus"]))
    if len(files) < 60:
        failures.append((args.corpus, ["only %d files; the corpus should hold 60 or more" % len(files)]))

    with tempfile.TemporaryDirectory(prefix="headroom-corpus-") as tmp:
        generated = generate(tmp)
        inputs = [(os.path.join(args.corpus, f), EXPECTED.get(f), (2,)) for f in files]
        inputs += [(generated[name], expected, allowed) for name, (expected, allowed) in GENERATED.items()]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for result in pool.map(lambda item: check(args.cli, *item), inputs):
                failures.extend(result)
    for what, problems in failures:
        print("FAIL %s" % what)
        for problem in problems:
            print("  - %s" % problem)
    print("corpus: %d files and %d generated inputs, %d failures" % (len(files), len(GENERATED), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
