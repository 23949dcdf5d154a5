// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"
#include "report/ReportExport.h"

#include <QtWidgets/QMenu>

#include <functional>

namespace headroom::model {
class Document;
class LiveSolver;
}

namespace headroom::ui::report {

/// File > Export: the capacity report (PDF, HTML), the diagram alone (SVG, PNG) and
/// the results table (CSV), for the model as the editor shows it (its scenario or
/// what-if, at its multiplier), from the live solver's last result.
class ExportMenu : public QMenu {
    Q_OBJECT

public:
    /// `fileName` gives the open file's path (empty when unsaved), for the suggested names;
    /// `settings` the project's settings, which the report plans with.
    ExportMenu(model::Document* document, model::LiveSolver* solver, std::function<QString()> fileName,
               std::function<model::ProjectSettings()> settings, QWidget* parent);

    /// Writes the export without a dialog (tests, and the dialog's choice). Returns the
    /// problem in words, or nothing.
    std::optional<QString> exportTo(ExportFormat format, const QString& path);

private:
    void choose(ExportFormat format, const QString& filter, const QString& suffix);

    model::Document* m_document = nullptr;
    model::LiveSolver* m_solver = nullptr;
    std::function<QString()> m_fileName;
    std::function<model::ProjectSettings()> m_settings;
};

} // namespace headroom::ui::report
