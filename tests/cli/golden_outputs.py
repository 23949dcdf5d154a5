#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Captures what headroom-cli prints for every command on every bundled example,
the public reference cases and the malformed-input corpus, so that a refactoring
can show its output is byte-identical before and after.

    golden_outputs.py capture --cli build/app/headroom-cli --out DIR
    golden_outputs.py compare BEFORE AFTER [--ignore-json-key status]

`capture` writes one file per run (stdout, stderr and the exit code); `compare`
lists every run whose files differ. Reports are included in the forms that are
deterministic: CSV, SVG, HTML and the PDF's text (their "Date:" line normalised).
`--ignore-json-key` drops a key an intended change adds to every result object
before comparing, so the rest is still checked byte for byte. Python 3 standard
library only (pdftotext for the PDF's text, when installed)."""

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
EXAMPLES = os.path.join(SOURCE, "resources", "examples")
CORPUS = os.path.join(SOURCE, "tests", "corpus")
DATE_LINE = re.compile(rb"Date: [0-9]{1,2} [A-Za-z]+ [0-9]{4}, [0-9]{2}:[0-9]{2}")
# What a simulation took on the wall clock: the only figure of its output that is not the seed's.
WALL_JSON = re.compile(rb'"wall_ms": [-+0-9.eE]+')
WALL_TEXT = re.compile(rb"events in [-+0-9.,eE]+ s on")


def reference_dir():
    return os.path.normpath(os.path.join(SOURCE, "..", "shared", "reference"))


def models():
    """(name, path) of every valid model: the examples and the reference cases."""
    found = []
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".json"):
            found.append(("example-" + name[:-5], os.path.join(EXAMPLES, name)))
    ref = reference_dir()
    for sub in ("cases", os.path.join("analyses", "cases")):
        folder = os.path.join(ref, sub)
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".json"):
                    found.append(("ref-" + sub.replace(os.sep, "-") + "-" + name[:-5], os.path.join(folder, name)))
    return found


def bad_inputs():
    found = []
    for folder, prefix in ((CORPUS, "corpus-"), (os.path.join(reference_dir(), "bad"), "refbad-")):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                found.append((prefix + name, os.path.join(folder, name)))
    return found


def analysis_runs(path):
    """The analysis commands that apply to the model: pools, replicas, stations, scenarios."""
    try:
        with open(path, "rb") as f:
            model = json.loads(f.read())
    except (OSError, ValueError):
        return []
    components = model.get("components") or []
    links = model.get("links") or []
    kinds = {c.get("id"): c.get("kind") for c in components if isinstance(c, dict)}
    roles = {c.get("id"): c.get("role") for c in components if isinstance(c, dict)}
    runs = [
        ("validate", ["validate"]),
        ("solve", ["solve"]),
        ("solve-json", ["solve", "--json"]),
        ("solve-x2-json", ["solve", "--multiplier", "2", "--json"]),
        ("sweep", ["sweep"]),
        ("sweep-json", ["sweep", "--from", "0.5", "--to", "12", "--steps", "7", "--json"]),
        ("plan", ["plan", "--multiplier", "10"]),
        ("plan-json", ["plan", "--multiplier", "10", "--json"]),
        ("tenx", ["tenx"]),
        ("tenx-json", ["tenx", "--json"]),
        ("advise", ["advise"]),
        ("advise-json", ["advise", "--json"]),
        # Short and seeded: the simulation's numbers depend on the seed alone, not the threads.
        ("simulate", ["simulate", "--replications", "3", "--duration-s", "2", "--seed", "7", "--threads", "1"]),
        ("simulate-json", ["simulate", "--replications", "3", "--duration-s", "2", "--seed", "7", "--threads", "1",
                           "--json"]),
    ]
    for link in links:
        if isinstance(link, dict) and "pool_size" in link:
            tag = "pool-%s-%s" % (link.get("from"), link.get("to"))
            args = ["pool", "--from", str(link.get("from")), "--to", str(link.get("to"))]
            runs.append((tag, args))
            runs.append((tag + "-json", args + ["--json"]))
    for cid, kind in kinds.items():
        if kind == "database" and roles.get(cid) == "replica":
            args = ["lag", "--replica", str(cid)]
            runs.append(("lag-" + str(cid), args))
            runs.append(("lag-" + str(cid) + "-json", args + ["--json"]))
        if kind not in (None, "clients", "external"):
            args = ["shed", "--component", str(cid)]
            runs.append(("shed-" + str(cid), args))
            runs.append(("shed-" + str(cid) + "-json", args + ["--json"]))
    for scenario in model.get("scenarios") or []:
        if isinstance(scenario, dict) and isinstance(scenario.get("name"), str):
            name = scenario["name"]
            safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
            runs.append(("scenario-" + safe + "-solve-json", ["solve", "--scenario", name, "--json"]))
            runs.append(("scenario-" + safe + "-solve", ["solve", "--scenario", name]))
            runs.append(("scenario-" + safe + "-tenx-json", ["tenx", "--scenario", name, "--json"]))
            runs.append(("scenario-" + safe + "-advise-json", ["advise", "--scenario", name, "--json"]))
    return runs


def run(cli, argv, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    p = subprocess.run([cli] + argv, capture_output=True, timeout=300, cwd=cwd, env=env)
    return p.returncode, p.stdout, p.stderr


def record(out_dir, name, rc, stdout, stderr, tmp=None):
    stdout = WALL_TEXT.sub(b"events in <WALL> s on", WALL_JSON.sub(b'"wall_ms": <WALL>', stdout))
    if tmp:
        stdout = stdout.replace(tmp.encode(), b"<TMP>")
        stderr = stderr.replace(tmp.encode(), b"<TMP>")
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(b"exit %d\n--- stdout\n" % rc + stdout + b"\n--- stderr\n" + stderr)


def capture(cli, out_dir):
    cli = os.path.abspath(cli)
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    tmp = tempfile.mkdtemp(prefix="headroom-golden-")
    count = 0
    try:
        # Help texts.
        rc, o, e = run(cli, ["--help"])
        record(out_dir, "help", rc, o, e)
        for command in ("validate", "solve", "sweep", "plan", "tenx", "pool", "lag", "shed", "advise",
                        "convert", "report", "simulate"):
            rc, o, e = run(cli, [command, "--help"])
            record(out_dir, "help-" + command, rc, o, e)
            count += 1
        for name, path in models():
            for tag, args in analysis_runs(path):
                rc, o, e = run(cli, [args[0], path] + args[1:])
                record(out_dir, name + "." + tag, rc, o, e)
                count += 1
            # Through a project: JSON -> .headroom -> solve and back to JSON.
            project = os.path.join(tmp, name + ".headroom")
            back = os.path.join(tmp, name + ".back.json")
            rc, o, e = run(cli, ["convert", path, project])
            record(out_dir, name + ".convert-to-project", rc, o, e, tmp)
            if rc == 0:
                rc, o, e = run(cli, ["solve", project, "--json"])
                record(out_dir, name + ".project-solve-json", rc, o, e, tmp)
                rc, o, e = run(cli, ["convert", project, back])
                data = open(back, "rb").read() if rc == 0 and os.path.exists(back) else b""
                record(out_dir, name + ".convert-back", rc, o + data, e, tmp)
            # Reports in their deterministic forms.
            for ext in ("csv", "svg", "html", "pdf"):
                target = os.path.join(tmp, name + "." + ext)
                rc, o, e = run(cli, ["report", path, "-o", target])
                data = b""
                if rc == 0 and os.path.exists(target):
                    if ext == "pdf":
                        if shutil.which("pdftotext"):
                            data = subprocess.run(["pdftotext", "-layout", target, "-"], capture_output=True).stdout
                    else:
                        data = open(target, "rb").read()
                    data = DATE_LINE.sub(b"Date: <DATE>", data)
                record(out_dir, name + ".report-" + ext, rc, o + data, e, tmp)
                count += 1
        for name, path in bad_inputs():
            for tag, args in (("validate", ["validate"]), ("solve-json", ["solve", "--json"])):
                rc, o, e = run(cli, [args[0], path] + args[1:])
                record(out_dir, name + "." + tag, rc, o, e)
                count += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("captured %d runs into %s" % (count, out_dir))


def drop_key(data, key):
    """The bytes with every `"key": value,` of a JSON document removed, formatting kept."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    # The writer puts simple values on one line: remove `"key": <scalar>` with its comma.
    pattern = re.compile(r'\s*"%s": ("[^"]*"|[^,\n}\]]*),?' % re.escape(key))
    return pattern.sub("", text).encode("utf-8")


def compare(before, after, ignore_keys):
    names = sorted(set(os.listdir(before)) | set(os.listdir(after)))
    differing = []
    for name in names:
        a_path, b_path = os.path.join(before, name), os.path.join(after, name)
        if not os.path.exists(a_path) or not os.path.exists(b_path):
            differing.append((name, ["only in " + (before if os.path.exists(a_path) else after)]))
            continue
        a, b = open(a_path, "rb").read(), open(b_path, "rb").read()
        for key in ignore_keys:
            a, b = drop_key(a, key), drop_key(b, key)
        if a != b:
            diff = list(difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                             b.decode("utf-8", "replace").splitlines(), lineterm="", n=1))
            differing.append((name, diff[:40]))
    for name, diff in differing:
        print("DIFFERS: " + name)
        for line in diff:
            print("    " + line)
    print("%d of %d runs differ" % (len(differing), len(names)))
    return 1 if differing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("--cli", required=True)
    cap.add_argument("--out", required=True)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before")
    cmp.add_argument("after")
    cmp.add_argument("--ignore-json-key", action="append", default=[])
    args = parser.parse_args()
    if args.mode == "capture":
        capture(args.cli, args.out)
        return 0
    return compare(args.before, args.after, args.ignore_json_key)


if __name__ == "__main__":
    sys.exit(main())
