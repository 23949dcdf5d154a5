#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The man pages must not drift from the programs' own help.

headroom-cli.1: every command that `headroom-cli --help` lists has an entry under COMMANDS and
every entry there is a command; each entry names exactly the options `headroom-cli COMMAND
--help` lists, and each of those options is described under OPTIONS; the exit codes of
`--help` are under EXIT STATUS; the version in the title line is `headroom-cli --version`'s.
headroom.1 (with --gui): every option of `headroom --help` is under OPTIONS, and the version.
Both pages are also run through groff's warnings when groff is installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)
    return ok


def run(argv, env=None):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    if result.returncode != 0:
        sys.exit("error: %s exited with %d: %s" % (" ".join(argv), result.returncode, result.stderr))
    return result.stdout


def plain(troff):
    """Troff text without font changes and with escaped dashes as dashes."""
    text = re.sub(r"\\f[BIRP]", "", troff)
    text = text.replace("\\-", "-").replace("\\&", "").replace("\\(em", "-")
    return text


def sections(page):
    """{SECTION: [lines]} of a man page source, comments dropped."""
    result = {}
    current = None
    for line in page.splitlines():
        if line.startswith('.\\"'):
            continue
        if line.startswith(".SH "):
            current = line[4:].strip().strip('"')
            result[current] = []
        elif current is not None:
            result[current].append(line)
    return result


def tags(lines):
    """The tags of a section's .TP paragraphs (the line after each .TP), in plain text."""
    found = []
    for i, line in enumerate(lines):
        if line.strip() == ".TP" and i + 1 < len(lines):
            tag = lines[i + 1]
            tag = re.sub(r"^\.(B|I|BI|IB|BR|RB|IR|RI)\s+", "", tag)
            found.append(plain(tag).replace('"', "").strip())
    return found


def option_names(text):
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])", text))


def title_version(page):
    m = re.search(r'^\.TH\s+\S+\s+\S+\s+"[^"]*"\s+"Headroom ([0-9][^"]*)"', page, re.M)
    return m.group(1) if m else None


def groff_check(path):
    groff = shutil.which("groff")
    if not groff:
        print("SKIPPED: groff is not installed; %s not checked for troff warnings" % path)
        return
    result = subprocess.run([groff, "-man", "-ww", "-z", path], capture_output=True, text=True)
    check(result.returncode == 0 and not result.stderr.strip(),
          "%s: groff warnings: %s" % (path, result.stderr.strip()))


def check_cli(cli, man_path):
    page = open(man_path, encoding="utf-8").read()
    secs = sections(page)
    for name in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "FILES", "EXAMPLES"):
        check(name in secs, "%s: no %s section" % (man_path, name))

    overview = run([cli, "--help"])
    listing = overview.split("commands:\n", 1)
    if not check(len(listing) == 2, "headroom-cli --help has no 'commands:' list"):
        return
    commands = []
    for line in listing[1].splitlines():
        if not line.strip():
            break
        m = re.match(r"^  (\S+)\s", line)
        if m:
            commands.append(m.group(1))
    check(len(commands) >= 2 and "solve" in commands, "headroom-cli --help lists no commands: %r" % commands)

    entries = {}
    for tag in tags(secs.get("COMMANDS", [])):
        entries[tag.split()[0]] = tag
    for command in commands:
        check(command in entries, "headroom-cli.1: the command '%s' (in headroom-cli --help) is not under COMMANDS"
              % command)
    for name in entries:
        check(name in commands or name == "help",
              "headroom-cli.1: '%s' is under COMMANDS but headroom-cli --help does not list it" % name)

    options_section = option_names(" ".join(tags(secs.get("OPTIONS", []))))
    for command in commands:
        text = run([cli, command, "--help"])
        listed = set()
        if "\noptions:\n" in text:
            for line in text.split("\noptions:\n", 1)[1].splitlines():
                if not line.strip():
                    break
                listed |= option_names(line.split("  ")[1] if line.startswith("  ") else line)
        documented = option_names(entries.get(command, ""))
        for option in sorted(listed - documented):
            check(False, "headroom-cli.1: %s's option %s (in its --help) is missing from its entry" % (command, option))
        for option in sorted(documented - listed):
            check(False, "headroom-cli.1: %s's entry names %s, which its --help does not list" % (command, option))
        for option in sorted(listed - options_section):
            check(False, "headroom-cli.1: the option %s (of %s) is not described under OPTIONS" % (option, command))
        print("ok: %s: %d options" % (command, len(listed)))
    for option in ("--help", "--version"):
        check(option in options_section, "headroom-cli.1: %s is not under OPTIONS" % option)

    codes = set(re.findall(r"\b(\d) [a-z]", overview.split("Exit status:", 1)[-1]))
    check(codes >= {"0", "1", "2"}, "headroom-cli --help does not name the exit codes 0, 1, 2: %r" % codes)
    documented_codes = set(tags(secs.get("EXIT STATUS", [])))
    for code in sorted(codes):
        check(code in documented_codes, "headroom-cli.1: exit code %s is not under EXIT STATUS" % code)

    version = run([cli, "--version"]).split()[-1]
    check(title_version(page) == version,
          "headroom-cli.1: the title says Headroom %s, headroom-cli --version %s" % (title_version(page), version))
    check("headroom-cli %s" % version in plain(page),
          "headroom-cli.1: the --version entry does not show 'headroom-cli %s'" % version)
    print("ok: headroom-cli.1 documents %d commands: %s" % (len(commands), " ".join(commands)))
    groff_check(man_path)


def check_gui(gui, man_path, cli):
    page = open(man_path, encoding="utf-8").read()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    text = run([gui, "--help"], env=env)
    listed = set()
    for line in text.split("Options:", 1)[-1].split("Arguments:", 1)[0].splitlines():
        listed |= option_names(line.strip().split("  ")[0])
    check({"--help", "--version", "--screenshot"} <= listed, "headroom --help lists too few options: %r" % listed)
    documented = option_names(" ".join(tags(sections(page).get("OPTIONS", []))))
    for option in sorted(listed - documented):
        check(False, "headroom.1: the option %s (in headroom --help) is not under OPTIONS" % option)
    for option in sorted(documented - listed):
        check(False, "headroom.1: %s is under OPTIONS but headroom --help does not list it" % option)
    version = run([cli, "--version"]).split()[-1]
    check(title_version(page) == version, "headroom.1: the title says Headroom %s, not %s" % (title_version(page), version))
    print("ok: headroom.1 documents %s" % " ".join(sorted(listed)))
    groff_check(man_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--man", required=True, help="packaging/headroom-cli.1")
    parser.add_argument("--gui", help="the headroom program, when the GUI is built")
    parser.add_argument("--gui-man", help="packaging/headroom.1")
    args = parser.parse_args()
    check_cli(args.cli, args.man)
    if args.gui:
        check_gui(args.gui, args.gui_man, args.cli)
    sys.stdout.flush()
    if failures:
        sys.exit("%d failure(s)" % len(failures))
    print("all man page checks passed")


if __name__ == "__main__":
    main()
