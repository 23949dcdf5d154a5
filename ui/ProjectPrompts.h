// SPDX-License-Identifier: MIT
#pragma once

#include "project/RecoveryOffer.h"

#include <QtCore/QString>

#include <cstdint>
#include <functional>

class QWidget;

namespace headroom::ui {

/// The answer to "the document has unsaved changes: save them?".
enum class UnsavedChoice : std::uint8_t { Save, Discard, Cancel };

/// Everything the file actions ask the user. dialogs() gives the real dialogs; tests put fixed
/// answers in their place, so that no test ever waits on a modal dialog.
struct ProjectPrompts {
    /// A file to open (empty: cancelled); starts in `directory`.
    std::function<QString(const QString& directory)> openPath;
    /// Where to save (empty: cancelled), with a suffix: `.headroom` unless JSON was chosen.
    std::function<QString(const QString& suggested)> savePath;
    std::function<UnsavedChoice(const QString& documentName)> unsavedChanges;
    /// About one recovery file a crash left (RecoveryOffer).
    std::function<model::RecoveryChoice(const model::RecoveryEntry&)> recovery;
    /// A failure to report: a title and the reasons.
    std::function<void(const QString& title, const QString& text)> error;

    /// File dialogs and message boxes over `parent`.
    static ProjectPrompts dialogs(QWidget* parent);
};

/// `path` with ".headroom" appended unless it already ends in ".headroom" or ".json"
/// (".json" when `json`): a name typed without a suffix saves as a project.
QString withProjectSuffix(const QString& path, bool json);

} // namespace headroom::ui
