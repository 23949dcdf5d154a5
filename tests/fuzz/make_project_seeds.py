#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the project fuzzer's seeds (tests/fuzz/corpus/project/) from the examples.

    make_project_seeds.py --cli build/app/headroom-cli [--out tests/fuzz/corpus/project]

Each bundled example is converted to a project by headroom-cli, then rewritten with
512-byte pages (PRAGMA page_size + VACUUM) so that the fuzzer mutates small files; the
format-0 fixture and a WAL-mode copy are added. Run it again when the project format
changes, and commit the result. Python 3 standard library only.
"""

import argparse
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def shrink(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    db.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--out", default=os.path.join(HERE, "corpus", "project"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for example in sorted(glob.glob(os.path.join(SOURCE, "resources", "examples", "*.json"))):
            name = os.path.splitext(os.path.basename(example))[0] + ".headroom"
            project = os.path.join(work, name)
            subprocess.run([args.cli, "convert", example, project], check=True)
            shrink(project)
            shutil.copyfile(project, os.path.join(args.out, name))
        v0 = os.path.join(work, "project-v0.headroom")
        shutil.copyfile(os.path.join(SOURCE, "tests", "model", "fixtures", "project-v0.headroom"), v0)
        shrink(v0)
        shutil.copyfile(v0, os.path.join(args.out, "project-v0.headroom"))
        wal = os.path.join(work, "wal-mode.headroom")
        shutil.copyfile(os.path.join(args.out, "stage0-monolith.headroom"), wal)
        db = sqlite3.connect(wal, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.close()
        shutil.copyfile(wal, os.path.join(args.out, "wal-mode.headroom"))
    print("seeds written to %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
