// SPDX-License-Identifier: MIT
#pragma once

#include "measure/MeasurementImport.h"

#include <QtCore/QStringList>
#include <QtWidgets/QDialog>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// File > Import Measurements (spec 10.1): the files (or pasted text) and what each was
/// recognised as, with the seconds between two snapshots; each measured object calibration
/// can use, mapped onto a component or pooled link (model::measure::proposeMappings guesses
/// a PgBouncer database's pooled link and a replica); then the fields calibration would set
/// and the residual table, before anything changes. Apply pushes it all as one undo step
/// (model::pushCalibration). The dialog reads and shows; the engine calibrates.
class ImportMeasurementsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ImportMeasurementsDialog(model::Document* document, QWidget* parent = nullptr);

    /// Adds files as "Add Files..." does once they are chosen; unreadable ones are listed
    /// with their reason.
    void addFiles(const QStringList& paths);
    /// Adds text as "Paste Text..." does, under `name`.
    void addText(const QString& name, const QString& text);

    [[nodiscard]] QTableWidget* inputsTable() const { return m_inputs; }
    [[nodiscard]] QTableWidget* mappingTable() const { return m_mapping; }
    [[nodiscard]] QTableWidget* changesTable() const { return m_changes; }
    [[nodiscard]] QTableWidget* residualTable() const { return m_residuals; }
    [[nodiscard]] QLabel* problemLabel() const { return m_problem; }
    [[nodiscard]] QPushButton* applyButton() const { return m_apply; }
    [[nodiscard]] QPushButton* pasteButton() const { return m_paste; }
    /// The spin box of an input row's interval (pairs of snapshots), or null.
    [[nodiscard]] QDoubleSpinBox* intervalEditor(int row) const;
    /// The "onto" combo of a mapping row.
    [[nodiscard]] QComboBox* targetCombo(int row) const;

private:
    void chooseFiles();
    void pasteText();
    void removeSelected();
    void regroup();
    void fillInputs();
    void fillMappings();
    void preview();
    void apply();
    /// The files that could not be read, then `text`.
    void showProblem(const QString& text);

    model::Document* m_document = nullptr;
    std::vector<model::measure::ImportInput> m_given;
    std::vector<model::measure::ImportEntry> m_entries;
    std::vector<model::measure::ImportMapping> m_mappings;
    std::optional<model::measure::ImportPreview> m_preview;
    std::map<std::string, double> m_intervals; ///< seconds typed for a pair, by its name
    /// Targets chosen by hand, by (input, object): kept when the inputs change around them.
    std::map<std::pair<std::string, std::string>, std::optional<engine::CalibrationTarget>> m_chosen;
    QStringList m_unreadable; ///< files of the last "Add Files..." that could not be read
    int m_pasted = 0;

    QTableWidget* m_inputs = nullptr;
    QTableWidget* m_mapping = nullptr;
    QTableWidget* m_changes = nullptr;
    QTableWidget* m_residuals = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_paste = nullptr;
    QPushButton* m_apply = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace headroom::ui
