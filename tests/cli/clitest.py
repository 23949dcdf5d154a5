# SPDX-License-Identifier: MIT
"""What the command-line tests share: running headroom-cli with a time limit and
checking its output against the contract (spec section 5): exit 0 or 2, errors
as one `error:` line each on stderr and nothing on stdout, no NaN or Infinity
anywhere. Python 3 standard library only."""

import json
import math
import os
import re
import signal
import subprocess
import threading
import time

# The budget of one run, in CPU seconds (user + system) of the program: what it costs,
# whatever else the machine is doing. A run is killed, and fails, after WALL_LIMIT_S
# seconds on the clock: that catches a program that blocks without computing.
CPU_LIMIT_S = 10.0
WALL_LIMIT_S = 60.0
NON_FINITE_WORD = re.compile(r"\b(nan|inf|infinity)\b", re.IGNORECASE)


class Run:
    """One finished (or killed) run of the program."""

    def __init__(self, argv, rc, out, err, seconds, cpu_seconds, timed_out):
        self.argv = argv
        self.rc = rc
        self.out = out
        self.err = err
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.timed_out = timed_out

    @property
    def command(self):
        return " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(self.argv))

    def text(self, data):
        return data.decode("utf-8", "replace")

    def stderr_lines(self):
        return self.text(self.err).splitlines()


def _drain(stream, chunks):
    for chunk in iter(lambda: stream.read(65536), b""):
        chunks.append(chunk)
    stream.close()


def run(cli, args, wall_limit=WALL_LIMIT_S):
    """Runs cli with args in its own process group, measuring its CPU time (os.wait4);
    kills the group after wall_limit seconds."""
    argv = [cli] + list(args)
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, env=env)
    out, err = [], []
    readers = [threading.Thread(target=_drain, args=(proc.stdout, out)),
               threading.Thread(target=_drain, args=(proc.stderr, err))]
    for reader in readers:
        reader.start()
    timed_out = False
    pause = 0.001
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > wall_limit:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait
    for reader in readers:
        reader.join()
    return Run(argv, proc.returncode, b"".join(out), b"".join(err), time.monotonic() - start,
               usage.ru_utime + usage.ru_stime, timed_out)


def describe_rc(rc):
    if rc is not None and rc < 0:
        try:
            return "killed by signal %s" % signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit code %s" % rc


def _reject_constant(name):
    raise ValueError("non-finite number %s" % name)


def parse_json(data):
    """Parses strict JSON: NaN, Infinity and numbers that overflow to infinity are errors."""
    value = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    for path, number in numbers(value):
        if not math.isfinite(number):
            raise ValueError("non-finite number at %s" % path)
    return value


def numbers(value, path=""):
    """Yields (path, number) for every number in a parsed JSON value (not booleans)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, (int, float)):
        yield path or "(top level)", value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from numbers(v, "%s.%s" % (path, k) if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from numbers(v, "%s[%d]" % (path, i))


def contract_problems(r, allowed=(0, 2)):
    """What is wrong with a run whatever it was asked: returns a list of problems."""
    problems = []
    if r.timed_out:
        problems.append("did not finish within %.0f s on the clock (killed)" % r.seconds)
        return problems
    if r.cpu_seconds > CPU_LIMIT_S:
        problems.append("took %.1f s of CPU time, more than %.0f s" % (r.cpu_seconds, CPU_LIMIT_S))
    if r.rc is None or r.rc < 0:
        problems.append(describe_rc(r.rc))
        return problems
    if r.rc not in allowed:
        problems.append("%s, expected %s" % (describe_rc(r.rc), " or ".join(map(str, allowed))))
    for name, data in (("stdout", r.out), ("stderr", r.err)):
        match = NON_FINITE_WORD.search(r.text(data))
        if match:
            problems.append("%s contains %r" % (name, match.group(0)))
    lines = r.stderr_lines()
    for line in lines:
        if not (line.startswith("error: ") or line.startswith("warning: ")):
            problems.append("stderr line does not start with 'error: ' or 'warning: ': %r" % line[:160])
            break
    errors = [line for line in lines if line.startswith("error: ")]
    if r.rc == 2:
        if r.out:
            problems.append("printed %d bytes on stdout with exit code 2" % len(r.out))
        if not errors:
            problems.append("exit code 2 without an 'error:' line on stderr")
        for line in errors:
            # error: <subject>: <what is wrong>
            if len(line.split(": ", 2)) < 3:
                problems.append("error line is not 'error: <subject>: <message>': %r" % line[:160])
                break
    elif r.rc == 0 and errors:
        problems.append("exit code 0 with an error line: %r" % errors[0][:160])
    return problems
