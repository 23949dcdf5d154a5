#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The layering of docs/architecture.md, checked on the sources: nothing under
model/engine includes Qt or a header of another layer (only the standard library,
Eigen and the engine's own headers), and nothing under model/ includes a widget header
(QtWidgets, QtPrintSupport, QtSvg, QCustomPlot or a header of ui/).

    check_layers.py --source DIR [--qt-include DIR]   fails, listing every violation
    check_layers.py --self-test                       plants violations and checks they are found

--qt-include (repeatable) names folders of Qt's headers; the first with QtWidgets/ in it
says which bare includes (<QWidget>, <QApplication>) are widget headers. Python 3 standard library only."""

import argparse
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
WIDGET_MODULES = ("QtWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets", "QtOpenGLWidgets")
UI_FOLDERS = ("charts/", "advisor/", "report/", "whatif/")


def sources(root):
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(SOURCE_SUFFIXES):
                yield os.path.join(folder, name)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if match:
                yield number, match.group(1), match.group(2)


def widget_headers(qt_includes):
    """Bare header names (QWidget, QApplication...) that belong to a widget module, from
    the first of the folders that holds the Qt modules."""
    names = set()
    for root in qt_includes:
        for module in WIDGET_MODULES:
            folder = os.path.join(root, module)
            if os.path.isdir(folder):
                names.update(n for n in os.listdir(folder) if n.startswith("Q") and "." not in n)
        if names:
            break
    return names


STANDARD_OR_EIGEN = re.compile(r"^([a-z_]+|Eigen/.+|unsupported/Eigen/.+)$")


def engine_violations(engine_dir):
    own = {os.path.relpath(p, engine_dir) for p in sources(engine_dir)}
    out = []
    for path in sources(engine_dir):
        here = os.path.dirname(os.path.relpath(path, engine_dir))
        for number, kind, header in includes(path):
            where = "%s:%d: #include %s" % (path, number, header)
            if kind == "<" and not STANDARD_OR_EIGEN.match(header):
                out.append(where + ": neither the standard library nor Eigen (no Qt in the engine)")
            elif kind == '"':
                local = os.path.normpath(os.path.join(here, header))
                engine = header[len("engine/"):] if header.startswith("engine/") else None
                if local not in own and engine not in own:
                    out.append(where + ": not an engine header (the engine uses no other layer)")
    return out


def model_violations(model_dir, widgets):
    out = []
    ui_headers = set()
    ui_dir = os.path.join(os.path.dirname(model_dir), "ui")
    if os.path.isdir(ui_dir):
        ui_headers = {os.path.relpath(p, ui_dir) for p in sources(ui_dir) if p.endswith(".h")}
    for path in sources(model_dir):
        for number, kind, header in includes(path):
            where = "%s:%d: #include %s" % (path, number, header)
            module = header.split("/")[0]
            if module in WIDGET_MODULES or header in widgets or header.lower().startswith("qcustomplot"):
                out.append(where + ": a widget header below ui/")
            elif kind == '"' and (header.startswith(UI_FOLDERS) or header.startswith("ui/") or
                                  header in ui_headers):
                out.append(where + ": a header of ui/ below it")
    return out


def check(source, qt_includes):
    model_dir = os.path.join(source, "model")
    engine_dir = os.path.join(model_dir, "engine")
    if not os.path.isdir(engine_dir):
        return ["no model/engine under " + source]
    return engine_violations(engine_dir) + model_violations(model_dir, widget_headers(qt_includes))


def self_test():
    """Plants one violation of each rule in a copy-like tree and checks each is reported."""
    with tempfile.TemporaryDirectory() as root:
        def write(relative, text):
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        write("model/engine/Good.h", '#include "Model.h"\n#include <vector>\n#include <Eigen/Sparse>\n')
        write("model/engine/Model.h", "#include <string>\n")
        write("model/engine/Sub/Deep.h", '#include "../Model.h"\n#include "engine/Good.h"\n')
        write("model/engine/QtString.cpp", "#include <QString>\n")
        write("model/engine/QtCore.cpp", "#include <QtCore/QList>\n")
        write("model/engine/Layer.cpp", '#include "document/Document.h"\n')
        write("model/document/Fine.cpp", "#include <QtCore/QObject>\n#include <QtGui/QUndoCommand>\n")
        write("model/document/Widget.cpp", "#include <QtWidgets/QWidget>\n")
        write("model/io/Bare.cpp", "#include <QApplication>\n")
        write("model/project/Ui.cpp", '#include "charts/ChartView.h"\n')
        write("model/project/Plot.cpp", "#include <qcustomplot.h>\n")
        qt = os.path.join(root, "qt")
        write("qt/QtWidgets/QApplication", "")
        found = check(root, [os.path.join(root, "missing"), qt])
        expected = ["QtString.cpp", "QtCore.cpp", "Layer.cpp", "Widget.cpp", "Bare.cpp", "Ui.cpp", "Plot.cpp"]
        problems = []
        for name in expected:
            if not any(os.sep + name + ":" in v for v in found):
                problems.append("not reported: " + name)
        for name in ("Good.h", "Model.h", "Deep.h", "Fine.cpp"):
            if any(os.sep + name + ":" in v for v in found):
                problems.append("reported by mistake: " + name)
        for p in problems:
            print(p)
        if len(found) != len(expected):
            print("expected %d violations, found %d:\n  %s" % (len(expected), len(found), "\n  ".join(found)))
            problems.append("count")
        return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source")
    parser.add_argument("--qt-include", action="append", default=[])
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.source:
        parser.error("--source is required")
    violations = check(args.source, args.qt_include)
    for v in violations:
        print(v)
    print("%d layering violations" % len(violations))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
