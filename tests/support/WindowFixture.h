// SPDX-License-Identifier: MIT
#pragma once
// An editor window on a model, opened from a file as a user opens one.

#include "MainWindow.h"
#include "ModelFiles.h"

#include "engine/Model.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>

namespace headroom::testing {

/// A shown 1500 x 1000 editor window that opened `model` from a JSON file written in
/// `dir`; null, with the reason in `error`, when any step failed.
inline std::unique_ptr<ui::MainWindow> windowOnModel(const engine::Model& model, const QTemporaryDir& dir,
                                                     QString& error)
{
    auto window = std::make_unique<ui::MainWindow>();
    window->resize(1500, 1000);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        error = QStringLiteral("the window was never exposed");
        return nullptr;
    }
    const QString path = writeModelFile(dir.filePath(QStringLiteral("model.json")), model);
    if (path.isEmpty()) {
        error = dir.filePath(QStringLiteral("model.json")) + QStringLiteral(": cannot be written");
        return nullptr;
    }
    if (!window->openFile(path, &error))
        return nullptr;
    return window;
}

} // namespace headroom::testing
