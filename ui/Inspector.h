// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/LiveResult.h"
#include "engine/Fields.h"
#include "engine/Model.h"

#include <QtCore/QMap>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <optional>
#include <string_view>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QScrollArea;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class FieldEditor;
class FiguresLabel;

/// Edits the selected component or link. The form is built from the engine's field
/// table (engine::fieldRule, engine::fieldApplies): every field the spec defines for
/// the item's kind, with its unit, range and default; nothing is hard-coded per kind.
/// Every change is an undo command; invalid input is marked and never applied.
class Inspector : public QWidget {
    Q_OBJECT

public:
    Inspector(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    /// What to edit: one component, one link, or a summary for none or many.
    void showSelection(const QList<model::ComponentId>& components, const QList<model::LinkId>& links);
    /// Shows the figures of `solver`'s last solve for the component or link (followSolver).
    void setSolver(const model::LiveSolver* solver);

    [[nodiscard]] model::ComponentId component() const { return m_component; }
    [[nodiscard]] model::LinkId link() const { return m_link; }
    /// The editor of a field of the shown component (null if the kind has no such field).
    [[nodiscard]] FieldEditor* editor(engine::Field field) const { return m_fieldEditors.value(field); }
    [[nodiscard]] FieldEditor* editor(engine::LinkField field) const { return m_linkEditors.value(field); }
    [[nodiscard]] QCheckBox* flagEditor(engine::Field field) const { return m_flagEditors.value(field); }
    [[nodiscard]] QLineEdit* idEdit() const { return m_idEdit; }
    [[nodiscard]] QLineEdit* labelEdit() const { return m_labelEdit; }
    [[nodiscard]] QPlainTextEdit* notesEdit() const { return m_notesEdit; }
    [[nodiscard]] QLabel* idMessage() const { return m_idMessage; }
    /// The figures box's text as shown (empty when there is none).
    [[nodiscard]] QString figuresText() const;
    [[nodiscard]] QComboBox* kindCombo() const { return m_kindCombo; }
    [[nodiscard]] QComboBox* roleCombo() const { return m_roleCombo; }
    [[nodiscard]] QComboBox* linkKindCombo() const { return m_linkKindCombo; }
    /// True while a rebuild is queued (after a kind change); tests wait on it.
    [[nodiscard]] bool isRebuildPending() const { return m_rebuild.isActive(); }

private:
    void scheduleRebuild();
    void rebuild();
    QWidget* buildComponentForm();
    QWidget* buildLinkForm();
    QWidget* buildSummary();
    void refreshComponent();
    void refreshLink();
    void refreshFigures();
    /// Beside a calibrated field: where it came from, measured against modelled.
    void addMarkRow(QFormLayout* form, const std::vector<engine::CalibrationMark>& marks, std::string_view key,
                    QWidget* page);
    void refreshMarks();
    void applyField(FieldEditor* source, engine::Field field, std::optional<double> value);
    void applyLinkField(FieldEditor* source, engine::LinkField field, std::optional<double> value);
    void applyRename();
    void clearEditors();

    model::Document* m_document = nullptr;
    model::ComponentId m_component;
    model::LinkId m_link;
    QList<model::ComponentId> m_selectedComponents;
    QList<model::LinkId> m_selectedLinks;
    const model::LiveSolver* m_solver = nullptr;

    QScrollArea* m_scroll = nullptr;
    QTimer m_rebuild;
    /// The editor whose edit is being applied: not refreshed while it happens.
    FieldEditor* m_source = nullptr;

    QMap<engine::Field, FieldEditor*> m_fieldEditors;
    QMap<engine::Field, QCheckBox*> m_flagEditors;
    QMap<engine::LinkField, FieldEditor*> m_linkEditors;
    QLineEdit* m_idEdit = nullptr;
    QLabel* m_idMessage = nullptr;
    QLineEdit* m_labelEdit = nullptr;
    QPlainTextEdit* m_notesEdit = nullptr;
    QLabel* m_notesTooLong = nullptr; ///< says why notes of megabytes are shown, not edited
    bool m_refreshing = false; ///< the form is being filled from the document, not edited
    QComboBox* m_kindCombo = nullptr;
    QComboBox* m_roleCombo = nullptr;
    QComboBox* m_linkKindCombo = nullptr;
    QLabel* m_componentIssues = nullptr;
    FiguresLabel* m_figures = nullptr;
    QMap<QString, QLabel*> m_marks; ///< by field key: the calibrated fields' notes
    QLabel* m_title = nullptr;
};

} // namespace headroom::ui
