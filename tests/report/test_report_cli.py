#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""headroom-cli report, run as a user runs it: with QT_QPA_PLATFORM unset and no
display, it writes every format (the PDF read back with pdftotext, the HTML parsed),
and refuses bad input with exit status 2 and an error line. On a full disk (a 64 KiB
tmpfs, as root) the old file stays and the error says why; hidden files of killed
reports are removed."""
import argparse
import html.parser
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)
    return ok


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def full_disk(run, examples, tmp):
    """report -o OUT.csv on a full disk: exit 2, the reason, the old file intact (it once
    left the file truncated with exit 0). Needs root for a small tmpfs."""
    if os.geteuid() != 0:
        print("SKIP full disk: mounting a small tmpfs needs root (tst_report injects the failure instead)")
        return
    mount = os.path.join(tmp, "small")
    os.makedirs(mount)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], capture_output=True, text=True)
    if mounted.returncode != 0:
        print("SKIP full disk: cannot mount a tmpfs here: %s" % mounted.stderr.strip())
        return
    try:
        out = os.path.join(mount, "out.csv")
        result = run(os.path.join(examples, "stage0-monolith.json"), "-o", out)
        if not check(result.returncode == 0, "full disk: the first report: %s" % result.stderr):
            return
        with open(out, "rb") as f:
            before = f.read()
        # Fill what is left.
        # Unbuffered: a buffered file would raise ENOSPC again when it is closed.
        filler = os.open(os.path.join(mount, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while True:
                os.write(filler, b"f" * 4096)
        except OSError:
            pass
        finally:
            os.close(filler)
        result = run(os.path.join(examples, "stage5-queues.json"), "-o", out)
        check(result.returncode == 2, "full disk: exit %d, expected 2" % result.returncode)
        check(result.stderr == "error: %s: cannot be written: the disk is full (No space left on device); the file "
              "on disk is unchanged\n" % out, "full disk: the error: %r" % result.stderr)
        with open(out, "rb") as f:
            check(f.read() == before, "full disk: the old report changed")
        check(sorted(os.listdir(mount)) == ["filler", "out.csv"], "full disk: left %s" % sorted(os.listdir(mount)))
    finally:
        subprocess.run(["umount", "-l", mount])


def leftovers(run, examples, tmp):
    """A killed report leaves its hidden temporary file: the next report of that file
    removes it and says so (once only the editor cleaned them up)."""
    out = os.path.join(tmp, "again.csv")
    leftover = os.path.join(tmp, ".again.csv.Ab12Cd.saving")
    with open(leftover, "w") as f:
        f.write("half a report")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    result = run(os.path.join(examples, "stage0-monolith.json"), "-o", out)
    check(result.returncode == 0, "leftovers: exit %d: %s" % (result.returncode, result.stderr))
    check(result.stderr == "warning: %s: removed 1 temporary file left beside it by an interrupted save\n" % out,
          "leftovers: %r" % result.stderr)
    check(not os.path.exists(leftover), "leftovers: the hidden file is still there")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples", required=True)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}

    def run(*words):
        return subprocess.run([args.cli, "report", *words], capture_output=True, text=True, timeout=300, env=env)

    with tempfile.TemporaryDirectory() as tmp:
        for example in ("stage2-database-separation.json", "stage4-load-balancing.json", "stage5-queues.json"):
            model = os.path.join(args.examples, example)
            for ext in ("pdf", "html", "csv", "svg", "png"):
                out = os.path.join(tmp, example + "." + ext)
                result = run(model, "-o", out)
                if not check(result.returncode == 0, "%s -> %s: exit %d: %s" % (example, ext, result.returncode, result.stderr)):
                    continue
                check(os.path.getsize(out) > 100, "%s: %s is empty" % (example, ext))
                if ext == "pdf":
                    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
                    check("Executive summary" in text and "Page 1 of" in text, "%s: the PDF text" % example)
                elif ext == "html":
                    collector = Collector()
                    with open(out, encoding="utf-8") as f:
                        collector.feed(f.read())
                    check("table" in collector.tags and "nav" in collector.tags, "%s: the HTML's structure" % example)
                    check("Executive summary" in "".join(collector.text), "%s: the HTML's text" % example)
                elif ext == "csv":
                    with open(out, encoding="utf-8") as f:
                        check(f.readline().startswith("id,label,kind,"), "%s: the CSV header" % example)
                elif ext == "png":
                    with open(out, "rb") as f:
                        check(f.read(8) == b"\x89PNG\r\n\x1a\n", "%s: a PNG" % example)

        model = os.path.join(args.examples, "stage4-load-balancing.json")
        scenario_pdf = os.path.join(tmp, "s.pdf")
        result = run(model, "-o", scenario_pdf, "--scenario", "Black Friday (2.5x)", "--multiplier", "2")
        if check(result.returncode == 0, "with a scenario: exit %d: %s" % (result.returncode, result.stderr)):
            text = subprocess.run(["pdftotext", scenario_pdf, "-"], capture_output=True, text=True).stdout
            check("Black Friday (2.5x)" in text and "5\u00d7 today" in text, "the scenario and multiplier on the title page")

        planned_pdf = os.path.join(tmp, "p.pdf")
        result = run(model, "-o", planned_pdf, "--planning-multiplier", "4", "--target-utilization", "0.5")
        if check(result.returncode == 0, "with planning targets: exit %d: %s" % (result.returncode, result.stderr)):
            text = subprocess.run(["pdftotext", planned_pdf, "-"], capture_output=True, text=True).stdout
            check("The 4\u00d7 question" in text, "the planning multiplier names the 10x section: %r" % text[:2000])
            check("50% target utilization" in text, "the target utilization on the title page")
            check("The 10\u00d7 question" not in text, "no 10x section when planning for 4x")

        # A project plans with its own settings; the options override them.
        project = os.path.join(tmp, "planned.headroom")
        converted = subprocess.run([args.cli, "convert", model, project], capture_output=True, text=True, env=env)
        if check(converted.returncode == 0, "convert to a project: %s" % converted.stderr):
            with sqlite3.connect(project) as db:
                db.execute("UPDATE settings SET planning_multiplier = 3, target_utilization = 0.6")
            project_pdf = os.path.join(tmp, "project.pdf")
            result = run(project, "-o", project_pdf)
            if check(result.returncode == 0, "a project: exit %d: %s" % (result.returncode, result.stderr)):
                text = subprocess.run(["pdftotext", project_pdf, "-"], capture_output=True, text=True).stdout
                check("The 3\u00d7 question" in text and "60% target utilization" in text,
                      "the project's planning settings in its report")
            result = run(project, "-o", project_pdf, "--planning-multiplier", "5")
            if check(result.returncode == 0, "a project with options: exit %d: %s" % (result.returncode, result.stderr)):
                text = subprocess.run(["pdftotext", project_pdf, "-"], capture_output=True, text=True).stdout
                check("The 5\u00d7 question" in text and "60% target utilization" in text,
                      "--planning-multiplier overrides the project's, the target stays the project's")

            # A planning multiplier no analysis can use is refused when the project is opened,
            # naming the project's setting, not an option that was never given (issue 15).
            with sqlite3.connect(project) as db:
                db.execute("UPDATE settings SET planning_multiplier = 1e300")
            result = run(project, "-o", project_pdf)
            check(result.returncode == 2 and "settings: planning_multiplier: must be a number above 0 and at most "
                  "1000000000, got 1e+300" in result.stderr and "--planning-multiplier" not in result.stderr,
                  "a planning multiplier of 1e300 in the project: exit %d: %r" % (result.returncode, result.stderr))

        full_disk(run, args.examples, tmp)
        leftovers(run, args.examples, tmp)

        bad_model = os.path.join(tmp, "bad.json")
        with open(bad_model, "w") as f:
            f.write('{"format": "headroom-model", "version": 1, "components": []}')
        cases = [
            ("bad model", [bad_model, "-o", os.path.join(tmp, "x.pdf")]),
            ("missing model", [os.path.join(tmp, "missing.json"), "-o", os.path.join(tmp, "x.pdf")]),
            ("bad scenario", [model, "-o", os.path.join(tmp, "x.pdf"), "--scenario", "no-such-scenario"]),
            ("unknown extension", [model, "-o", os.path.join(tmp, "x.docx")]),
            ("no output", [model]),
            ("unwritable output", [model, "-o", os.path.join(tmp, "no-such-dir", "x.pdf")]),
            ("bad multiplier", [model, "-o", os.path.join(tmp, "x.pdf"), "--multiplier", "-1"]),
            ("bad planning multiplier", [model, "-o", os.path.join(tmp, "x.pdf"), "--planning-multiplier", "0"]),
            ("bad target", [model, "-o", os.path.join(tmp, "x.pdf"), "--target-utilization", "1.5"]),
            ("target not a number", [model, "-o", os.path.join(tmp, "x.pdf"), "--target-utilization", "high"]),
        ]
        for name, words in cases:
            result = run(*words)
            check(result.returncode == 2, "%s: exit %d, expected 2" % (name, result.returncode))
            check(result.stderr.startswith("error: "), "%s: no error line: %r" % (name, result.stderr))
            check(not os.path.exists(os.path.join(tmp, "x.pdf")), "%s: wrote a file anyway" % name)

        help_text = subprocess.run([args.cli, "report", "--help"], capture_output=True, text=True, env=env)
        check(help_text.returncode == 0 and "-o OUT" in help_text.stdout, "report --help")

    if failures:
        sys.exit("%d failure(s)" % len(failures))
    print("ok")


if __name__ == "__main__":
    main()
