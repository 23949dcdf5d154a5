#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs one libFuzzer target for a bounded time (docs/reliability.md, "Fuzzing").

    run_fuzzer.py --fuzzer BIN --seconds N --work DIR CORPUS [SEED_DIR ...]

New inputs go to DIR/new (the committed corpus is only read); a crash, a leak of
time or memory is written to DIR/artifacts and fails the run, with the command that
repeats it. To keep a finding: copy the artifact into the target's corpus folder
(tests/fuzz/corpus/NAME/), fix the reader, and the replay test runs it in every build.
"""

import argparse
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzzer", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("corpora", nargs="+")
    args = parser.parse_args()
    new = os.path.join(args.work, "new")
    artifacts = os.path.join(args.work, "artifacts") + os.sep
    os.makedirs(new, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    command = [args.fuzzer, "-max_total_time=%d" % args.seconds, "-timeout=10", "-rss_limit_mb=2048",
               "-max_len=65536", "-print_final_stats=1", "-artifact_prefix=" + artifacts, new] + args.corpora
    print(" ".join(command), flush=True)
    result = subprocess.run(command)
    found = sorted(os.listdir(artifacts))
    if result.returncode != 0 or found:
        print("FAILED: the fuzzer found %s; repeat one with: %s %s" %
              (", ".join(found) or "a failure", args.fuzzer, os.path.join(artifacts, found[0]) if found else ""))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
