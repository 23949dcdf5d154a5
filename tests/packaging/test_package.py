#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the Debian package and checks it as a user would get it.

  1. `cmake --build BUILD --target package`, then finds BUILD/headroom_<version>-*_<arch>.deb.
  2. `dpkg-deb --info` / `-f`: name, version, architecture, maintainer, section, homepage,
     description; Depends names the Qt, SQLite (and, with the GUI, Widgets, Svg, QCustomPlot)
     libraries and is satisfied on this machine; no maintainer scripts (dpkg triggers do the
     desktop, MIME, icon and man databases).
  3. `dpkg-deb --contents`: exactly the expected files, owned by root, with the right modes.
  4. `dpkg-deb -x` into a temporary root; then on the extracted files: the desktop entry and
     the metainfo validate (desktop-file-validate, appstreamcli validate --no-net), they agree
     on the id, icon, program and MIME type; the MIME definition recognises a real project
     (written by the extracted headroom-cli convert) by name and by content but not a plain
     SQLite database; the PNG icons have the right sizes and real pixels; the man pages are
     gzipped copies of packaging/*.1; the examples are the sources'.
  5. Runs the extracted programs with no LD_LIBRARY_PATH: `headroom-cli --version`, a solve
     of every extracted example with --json (the same JSON as the build tree's headroom-cli),
     and with the GUI `headroom --version` and a screenshot on the offscreen platform.
A validator or tool that is not installed is skipped with a "SKIPPED:" line.
"""
import argparse
import glob
import gzip
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zlib

failures = []
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-headroom-project"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def check(ok, message):
    if ok:
        print("ok: " + message)
    else:
        failures.append(message)
        print("FAIL: " + message)
    return ok


def skipped(message):
    print("SKIPPED: " + message)


def run(argv, env=None, timeout=300, cwd=None):
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)


def clean_env(**extra):
    """The environment for the extracted programs: nothing that would find the build tree's libraries."""
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH")}
    env.update(extra)
    return env


# --- PNG ---------------------------------------------------------------------------------------

def png_image(data):
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA, non-interlaced PNG; None otherwise."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, idat, header = 8, b"", None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
    if header is None:
        return None
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color != 6 or interlace != 0:
        return (width, height, None)
    raw, stride, bpp = zlib.decompress(idat), width * 4, 4
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return (width, height, rows)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


# --- shared-mime-info magic --------------------------------------------------------------------

def magic_value(match):
    kind, value = match.get("type"), match.get("value")
    if kind == "string":
        out, i = bytearray(), 0
        while i < len(value):
            if value[i] == "\\" and i + 1 < len(value):
                nxt = value[i + 1]
                if nxt == "x":
                    out.append(int(value[i + 2:i + 4], 16))
                    i += 4
                    continue
                if nxt.isdigit():
                    digits = re.match(r"[0-7]{1,3}", value[i + 1:]).group(0)
                    out.append(int(digits, 8))
                    i += 1 + len(digits)
                    continue
                out.extend({"n": b"\n", "t": b"\t", "r": b"\r", "\\": b"\\"}.get(nxt, nxt.encode()))
                i += 2
                continue
            out.extend(value[i].encode())
            i += 1
        return bytes(out)
    sizes = {"big32": ">I", "little32": "<I", "big16": ">H", "little16": "<H", "byte": ">B"}
    if kind in sizes:
        return struct.pack(sizes[kind], int(value, 0))
    raise ValueError("magic match type %s is not handled by this test" % kind)


def magic_matches(match, data):
    """A <match> holds when its value is at its offset (or range) and, if it has children, one of them holds."""
    value = magic_value(match)
    first, _, last = match.get("offset").partition(":")
    start, end = int(first), int(last or first)
    if not any(data[o:o + len(value)] == value for o in range(start, end + 1)):
        return False
    children = match.findall(MIME_NS + "match")
    return not children or any(magic_matches(child, data) for child in children)


def mime_recognises(mime_type, data):
    return any(magic_matches(m, data) for magic in mime_type.findall(MIME_NS + "magic")
               for m in magic.findall(MIME_NS + "match"))


# --- the test ----------------------------------------------------------------------------------

def build_package(build_dir, version):
    started = time.time()
    result = run(["cmake", "--build", build_dir, "--target", "package"], timeout=1500)
    if not check(result.returncode == 0, "cmake --build %s --target package" % build_dir):
        print(result.stdout[-6000:] + result.stderr[-6000:])
        sys.exit("cannot go on without the package")
    debs = [d for d in glob.glob(os.path.join(build_dir, "headroom_%s-*_*.deb" % version))
            if os.path.getmtime(d) >= started - 2]
    if not check(len(debs) == 1, "one package built now: %s" % [os.path.basename(d) for d in debs]):
        sys.exit("cannot go on without the package")
    return debs[0]


def check_control(deb, version, gui):
    info = run(["dpkg-deb", "--info", deb])
    check(info.returncode == 0, "dpkg-deb --info reads the package")
    members = set(re.findall(r"^\s+\d+ bytes,\s+\d+ lines\s+\*?\s*(\S+)", info.stdout, re.M))
    check("control" in members and "md5sums" in members, "control members: %s" % sorted(members))
    scripts = members & {"preinst", "postinst", "prerm", "postrm", "triggers"}
    check(not scripts, "no maintainer scripts (dpkg triggers update the databases): %s" % sorted(scripts))

    fields = {}
    for name in ("Package", "Version", "Architecture", "Maintainer", "Section", "Priority", "Homepage",
                 "Depends", "Recommends", "Description", "Installed-Size"):
        out = run(["dpkg-deb", "-f", deb, name]).stdout.strip()
        fields[name] = out
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    check(fields["Package"] == "headroom", "Package: %s" % fields["Package"])
    check(re.fullmatch(re.escape(version) + r"-\d+", fields["Version"]) is not None,
          "Version: %s (the project's %s)" % (fields["Version"], version))
    check(fields["Architecture"] == arch, "Architecture: %s" % fields["Architecture"])
    check(re.fullmatch(r".+ <[^@<>\s]+@[^@<>\s]+>", fields["Maintainer"]) is not None,
          "Maintainer: %s" % fields["Maintainer"])
    check(bool(fields["Section"]) and bool(fields["Homepage"].startswith("https://")),
          "Section: %s, Homepage: %s" % (fields["Section"], fields["Homepage"]))
    lines = fields["Description"].splitlines()
    check(len(lines) > 2 and lines[0] == "Capacity planning with queueing theory",
          "Description: '%s' and %d more lines" % (lines[0] if lines else "", len(lines) - 1))
    reserved = [line for line in lines[1:] if line.strip().startswith(".") and line.strip() != "."]
    check(not reserved and all(line.startswith(" ") for line in lines[1:]),
          "the long description is well formed (no line starts with '.'): %s" % reserved)

    depends = fields["Depends"]
    print("   Depends: " + depends)
    names = {alt.strip().split(" ")[0] for clause in depends.split(",") for alt in clause.split("|") if alt.strip()}
    wanted = ["libc6", "libstdc++6", "libqt6core6", "libsqlite3-0"]
    if gui:
        wanted += ["libqt6gui6", "libqt6widgets6", "libqt6svg6"]
    for name in wanted:
        check(name in names, "Depends names %s" % name)
    if gui:
        check("shared-mime-info" in fields["Recommends"], "Recommends: %s" % fields["Recommends"])
    else:
        check(not names & {"libqt6widgets6", "libqt6svg6"} and not any(n.startswith("libqcustomplot") for n in names),
              "without the GUI, Depends names no widget library")
    check("libqt6test6" not in names, "Depends does not name the Qt Test library (tests are not installed)")
    return names

    checkbuilddeps = shutil.which("dpkg-checkbuilddeps")
    if checkbuilddeps:
        with tempfile.NamedTemporaryFile("w", suffix=".control", delete=False) as control:
            control.write("Source: headroom\n")
        result = run([checkbuilddeps, "-d", depends, control.name])
        os.unlink(control.name)
        check(result.returncode == 0, "the Depends line is satisfied on this machine (dpkg-checkbuilddeps): %s"
              % result.stderr.strip())
    else:
        skipped("dpkg-checkbuilddeps (dpkg-dev) is not installed; Depends not checked against this machine")


def expected_files(source_dir, app_id, gui):
    examples = sorted(os.path.basename(p) for p in glob.glob(os.path.join(source_dir, "resources/examples/*.json")))
    files = {"usr/bin/headroom-cli", "usr/share/man/man1/headroom-cli.1.gz",
             "usr/share/doc/headroom/copyright", "usr/share/doc/headroom/README.md"}
    files |= {"usr/share/headroom/examples/" + e for e in examples}
    gui_files = {"usr/bin/headroom", "usr/share/man/man1/headroom.1.gz",
                 "usr/share/applications/%s.desktop" % app_id,
                 "usr/share/metainfo/%s.metainfo.xml" % app_id,
                 "usr/share/mime/packages/%s.xml" % app_id,
                 "usr/share/icons/hicolor/scalable/apps/%s.svg" % app_id}
    gui_files |= {"usr/share/icons/hicolor/%dx%d/apps/%s.png" % (s, s, app_id) for s in ICON_SIZES}
    return files, gui_files, examples


def check_contents(deb, files, gui_files, gui):
    listing = run(["dpkg-deb", "--contents", deb])
    check(listing.returncode == 0, "dpkg-deb --contents lists the package")
    entries = {}
    for line in listing.stdout.splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6:
            entries[parts[5].split(" -> ")[0].lstrip("./").rstrip("/")] = (parts[0], parts[1])
    present = {path for path, (mode, _) in entries.items() if not mode.startswith("d")}
    wanted = files | (gui_files if gui else set())
    for path in sorted(wanted):
        check(path in present, "the package holds /" + path)
    check(not present - wanted, "nothing else is installed: unexpected %s" % sorted(present - wanted))
    if not gui:
        check(not present & gui_files, "without the GUI, no GUI files: %s" % sorted(present & gui_files))
    bad = []
    for path, (mode, owner) in sorted(entries.items()):
        if not path:
            continue  # the archive's root, "./"
        want = "drwxr-xr-x" if mode.startswith("d") else "-rwxr-xr-x" if path.startswith("usr/bin/") else "-rw-r--r--"
        if mode != want or owner != "root/root":
            bad.append("%s %s %s" % (mode, owner, path))
        if not ("/" + path).startswith("/usr"):
            bad.append("outside /usr: " + path)
    check(not bad, "every entry is root/root, 755 for programs and folders, 644 for data: %s" % bad)


def check_trigger_interest(gui):
    """The databases are updated by other packages' dpkg triggers on these folders, not by our scripts."""
    folders = {"man-db": "/usr/share/man"}
    if gui:
        folders.update({"desktop-file-utils": "/usr/share/applications",
                        "shared-mime-info": "/usr/share/mime/packages",
                        "hicolor-icon-theme": "/usr/share/icons/hicolor"})
    for package, folder in folders.items():
        path = "/var/lib/dpkg/info/%s.triggers" % package
        if not os.path.exists(path):
            skipped("%s is not installed here; its trigger on %s not checked" % (package, folder))
            continue
        text = open(path, encoding="utf-8").read()
        check(re.search(r"^interest(-noawait)?\s+%s\s*$" % re.escape(folder), text, re.M) is not None,
              "%s's dpkg trigger watches %s" % (package, folder))


def check_desktop_files(root, app_id, source_dir):
    share = os.path.join(root, "usr/share")
    desktop = os.path.join(share, "applications", app_id + ".desktop")
    metainfo = os.path.join(share, "metainfo", app_id + ".metainfo.xml")
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = run([validator, desktop])
        check(result.returncode == 0 and not result.stdout.strip(),
              "desktop-file-validate: %s" % (result.stdout.strip() or "valid"))
    else:
        skipped("desktop-file-validate (desktop-file-utils) is not installed")
    appstream = shutil.which("appstreamcli")
    if appstream:
        result = run([appstream, "validate", "--no-net", metainfo])
        check(result.returncode == 0, "appstreamcli validate --no-net: %s" % (result.stdout + result.stderr).strip())
    else:
        skipped("appstreamcli (appstream) is not installed")

    entry = {}
    for line in open(desktop, encoding="utf-8"):
        if "=" in line and not line.startswith("#"):
            key, _, value = line.strip().partition("=")
            entry[key] = value
    check(entry.get("Exec") == "headroom %f", "the desktop entry runs 'headroom %f'")
    check(os.access(os.path.join(root, "usr/bin", entry.get("Exec", " ").split()[0]), os.X_OK),
          "the desktop entry's program is in the package")
    check(MIME_TYPE in entry.get("MimeType", "").split(";"), "the desktop entry opens " + MIME_TYPE)
    check(entry.get("Icon") == app_id, "the desktop entry's icon is %s" % entry.get("Icon"))

    tree = ET.parse(metainfo).getroot()
    check(tree.findtext("id") == app_id, "the metainfo's id is %s" % tree.findtext("id"))
    check(tree.findtext("launchable") == app_id + ".desktop", "the metainfo launches %s" % tree.findtext("launchable"))
    releases = [r.get("version") for r in tree.iter("release")]
    check(bool(releases) and releases[0] == VERSION, "the metainfo's newest release is %s" % releases[:1])
    check(MIME_TYPE in [m.text for m in tree.iter("mediatype")], "the metainfo provides " + MIME_TYPE)
    check(tree.find("content_rating") is not None and tree.find("description") is not None,
          "the metainfo has a description and a content rating")

    updater = shutil.which("update-desktop-database")
    if updater:
        scratch = tempfile.mkdtemp()
        shutil.copy(desktop, scratch)
        result = run([updater, scratch])
        cache = os.path.join(scratch, "mimeinfo.cache")
        text = open(cache, encoding="utf-8").read() if os.path.exists(cache) else ""
        check(result.returncode == 0 and re.search(r"^%s=.*%s\.desktop" % (re.escape(MIME_TYPE), re.escape(app_id)),
                                                   text, re.M) is not None,
              "update-desktop-database associates %s with %s.desktop" % (MIME_TYPE, app_id))
        shutil.rmtree(scratch)
    else:
        skipped("update-desktop-database (desktop-file-utils) is not installed")

    svg = os.path.join(share, "icons/hicolor/scalable/apps", app_id + ".svg")
    check(open(svg, "rb").read() == open(os.path.join(source_dir, "resources/icons/headroom.svg"), "rb").read(),
          "the scalable icon is resources/icons/headroom.svg")
    for size in ICON_SIZES:
        png = os.path.join(share, "icons/hicolor/%dx%d/apps/%s.png" % (size, size, app_id))
        image = png_image(open(png, "rb").read())
        if not check(image is not None and image[:2] == (size, size) and image[2] is not None,
                     "the %dx%d icon is an RGBA PNG of that size" % (size, size)):
            continue
        rows = image[2]
        alpha = lambda x, y: rows[y][4 * x + 3]  # noqa: E731
        check(alpha(0, 0) == 0 and alpha(size // 2, size // 2) == 255 and alpha(size // 2, size - 1 - size // 8) == 255,
              "the %dx%d icon is drawn: transparent rounded corner, opaque inside" % (size, size))


def check_mime(root, app_id, cli):
    path = os.path.join(root, "usr/share/mime/packages", app_id + ".xml")
    tree = ET.parse(path).getroot()
    types = [t for t in tree.findall(MIME_NS + "mime-type") if t.get("type") == MIME_TYPE]
    if not check(len(types) == 1, "the MIME package defines " + MIME_TYPE):
        return
    mime = types[0]
    check([g.get("pattern") for g in mime.findall(MIME_NS + "glob")] == ["*.headroom"], "its glob is *.headroom")
    check([s.get("type") for s in mime.findall(MIME_NS + "sub-class-of")] == ["application/vnd.sqlite3"],
          "it is a kind of SQLite database")

    scratch = tempfile.mkdtemp()
    try:
        project = os.path.join(scratch, "model.headroom")
        example = os.path.join(root, "usr/share/headroom/examples/stage2-database-separation.json")
        if "convert" not in run([cli, "--help"], env=clean_env()).stdout:
            skipped("headroom-cli has no convert command: the MIME magic is not checked against a real project")
            return
        result = run([cli, "convert", example, project], env=clean_env())
        if not check(result.returncode == 0, "the extracted headroom-cli converts an example to a project: %s"
                     % result.stderr.strip()):
            return
        data = open(project, "rb").read(512)
        check(mime_recognises(mime, data), "the MIME magic recognises a project written by headroom-cli")
        plain = os.path.join(scratch, "plain.sqlite3")
        with sqlite3.connect(plain) as db:
            db.execute("CREATE TABLE t (x)")
        db.close()
        check(not mime_recognises(mime, open(plain, "rb").read(512)), "the MIME magic does not claim other SQLite files")
        check(not mime_recognises(mime, open(example, "rb").read(512)), "the MIME magic does not claim a JSON model")
        solved = [run([cli, "solve", f, "--json"], env=clean_env()) for f in (project, example)]
        check(all(r.returncode == 0 for r in solved) and json.loads(solved[0].stdout) == json.loads(solved[1].stdout),
              "the extracted headroom-cli solves the project as it solves its JSON")

        updater = shutil.which("update-mime-database")
        if not updater:
            skipped("update-mime-database (shared-mime-info) is not installed")
            return
        mime_dir = os.path.join(scratch, "share/mime")
        os.makedirs(os.path.join(mime_dir, "packages"))
        shutil.copy(path, os.path.join(mime_dir, "packages"))
        env = clean_env(XDG_DATA_DIRS=os.path.join(scratch, "share") + ":/usr/share", XDG_DATA_HOME=scratch + "/home")
        result = run([updater, mime_dir], env=env)
        check(result.returncode == 0 and not result.stderr.strip()
              and os.path.exists(os.path.join(mime_dir, "application/x-headroom-project.xml")),
              "update-mime-database accepts the MIME package: %s" % result.stderr.strip())
        gio = shutil.which("gio")
        if not gio or not os.path.isdir("/usr/share/mime/application"):
            skipped("gio (libglib2.0-bin) or the system MIME database is missing: detection not checked")
            return
        unnamed = os.path.join(scratch, "project-without-extension")
        shutil.copy(project, unnamed)
        for file, want in ((project, MIME_TYPE), (unnamed, MIME_TYPE), (plain, "application/vnd.sqlite3")):
            out = run([gio, "info", "-a", "standard::content-type", file], env=env).stdout
            got = re.search(r"standard::content-type: (\S+)", out)
            check(got is not None and got.group(1) == want,
                  "gio detects %s as %s" % (os.path.basename(file), got.group(1) if got else "nothing"))
    finally:
        shutil.rmtree(scratch)


def check_man_pages(root, source_dir, gui):
    for page in ["headroom-cli.1"] + (["headroom.1"] if gui else []):
        packed = open(os.path.join(root, "usr/share/man/man1", page + ".gz"), "rb").read()
        mtime = struct.unpack("<I", packed[4:8])[0] if packed[:2] == b"\x1f\x8b" else None
        check(mtime == 0 and gzip.decompress(packed) == open(os.path.join(source_dir, "packaging", page), "rb").read(),
              "%s.gz is packaging/%s, gzipped without a timestamp" % (page, page))


def owning_package(path):
    """The installed package that holds a library, trying both sides of the /lib -> /usr/lib merge."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        if p.startswith("/usr/lib/"):
            candidates.append(p[4:])
        elif p.startswith("/lib"):
            candidates.append("/usr" + p)
    for p in candidates:
        result = run(["dpkg", "-S", p])
        if result.returncode == 0:
            return result.stdout.split(":")[0].strip()
    return None


def check_linking(root, gui, depends):
    programs = ["usr/bin/headroom-cli"] + (["usr/bin/headroom"] if gui else [])
    ldd, readelf = shutil.which("ldd"), shutil.which("readelf")
    for program in programs:
        path = os.path.join(root, program)
        resolved = {}
        if ldd:
            out = run([ldd, path], env=clean_env()).stdout
            check("not found" not in out, "%s finds every library: %s" % (program,
                  [l.strip() for l in out.splitlines() if "not found" in l]))
            for line in out.splitlines():
                m = re.match(r"\s*(\S+) => (/\S+)", line) or re.match(r"\s*((/\S+)) \(0x", line)
                if m:
                    resolved[os.path.basename(m.group(1))] = m.group(2)  # the loader is listed by path
        if readelf:
            dynamic = run([readelf, "-d", path]).stdout
            check("RPATH" not in dynamic and "RUNPATH" not in dynamic, "%s has no RPATH into the build tree" % program)
            # Every library the program links directly comes from a package Depends names.
            needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
            packages = {}
            for library in needed:
                packages[library] = owning_package(resolved[library]) if library in resolved else None
            missing = {lib: pkg for lib, pkg in packages.items() if pkg not in depends}
            check(bool(needed) and not missing, "Depends covers every library %s links (%s): missing %s"
                  % (program, ", ".join("%s from %s" % (lib, pkg) for lib, pkg in sorted(packages.items())), missing))
            sections = run([readelf, "-S", "-W", path]).stdout
            check(".debug_info" not in sections, "%s is stripped" % program)
    if not ldd or not readelf:
        skipped("ldd or readelf (binutils) is missing: linking not fully checked")


def check_programs(root, build_cli, examples, gui):
    cli = os.path.join(root, "usr/bin/headroom-cli")
    result = run([cli, "--version"], env=clean_env())
    check(result.returncode == 0 and result.stdout.strip() == "headroom-cli " + VERSION,
          "the extracted headroom-cli --version prints 'headroom-cli %s': %r" % (VERSION, result.stdout.strip()))
    for example in examples:
        path = os.path.join(root, "usr/share/headroom/examples", example)
        got = run([cli, "solve", path, "--json"], env=clean_env())
        want = run([build_cli, "solve", path, "--json"])
        try:
            parsed = json.loads(got.stdout)
        except ValueError:
            parsed = None
        check(got.returncode == 0 and isinstance(parsed, dict) and "components" in parsed and got.stdout == want.stdout,
              "the extracted headroom-cli solves the extracted %s (--json, as the build tree does)" % example)
    if not gui:
        return
    headroom = os.path.join(root, "usr/bin/headroom")
    env = clean_env(QT_QPA_PLATFORM="offscreen")
    result = run([headroom, "--version"], env=env)
    check(result.returncode == 0 and result.stdout.strip() == "headroom " + VERSION,
          "the extracted headroom --version prints 'headroom %s': %r" % (VERSION, result.stdout.strip()))
    shot = tempfile.mktemp(suffix=".png")
    example = os.path.join(root, "usr/share/headroom/examples/stage4-load-balancing.json")
    result = run([headroom, "--screenshot", shot, example], env=env)
    size = png_size(shot) if os.path.exists(shot) else None
    check(result.returncode == 0 and size is not None and size[0] >= 800 and size[1] >= 500,
          "the extracted headroom opens an extracted example and renders it (%s): %s" % (size, result.stderr.strip()[-500:]))
    if os.path.exists(shot):
        os.unlink(shot)


def main():
    global VERSION
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--version", required=True, help="the project's version")
    parser.add_argument("--gui", required=True, help="HEADROOM_BUILD_GUI: ON or OFF")
    parser.add_argument("--cli", required=True, help="the build tree's headroom-cli, to compare with")
    args = parser.parse_args()
    VERSION = args.version
    gui = args.gui.upper() in ("ON", "1", "TRUE", "YES")
    for tool in ("dpkg-deb", "dpkg"):
        if not shutil.which(tool):
            sys.exit("error: %s is needed (dpkg)" % tool)
    desktops = glob.glob(os.path.join(args.source_dir, "packaging/*.desktop"))
    if len(desktops) != 1:
        sys.exit("error: expected one packaging/*.desktop, found %s" % desktops)
    app_id = os.path.basename(desktops[0])[:-len(".desktop")]
    print("== package test: version %s, GUI %s, id %s" % (VERSION, "on" if gui else "off", app_id))

    deb = build_package(args.build_dir, VERSION)
    print("== " + deb)
    depends = check_control(deb, VERSION, gui)
    files, gui_files, examples = expected_files(args.source_dir, app_id, gui)
    check_contents(deb, files, gui_files, gui)
    check_trigger_interest(gui)

    root = tempfile.mkdtemp(prefix="headroom-deb-")
    try:
        result = run(["dpkg-deb", "-x", deb, root])
        check(result.returncode == 0, "dpkg-deb -x extracts the package into " + root)
        for example in examples:
            check(open(os.path.join(root, "usr/share/headroom/examples", example), "rb").read()
                  == open(os.path.join(args.source_dir, "resources/examples", example), "rb").read(),
                  "the installed %s is the source's" % example)
        check_man_pages(root, args.source_dir, gui)
        check_linking(root, gui, depends)
        check_programs(root, args.cli, examples, gui)
        if gui:
            check_desktop_files(root, app_id, args.source_dir)
            check_mime(root, app_id, os.path.join(root, "usr/bin/headroom-cli"))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    sys.stdout.flush()
    if failures:
        print("\n%d failure(s):" % len(failures))
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("\nall package checks passed")


VERSION = ""

if __name__ == "__main__":
    main()
