// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/LiveResult.h"
#include "document/WhatIfKey.h"

#include <QtWidgets/QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {

class WhatIfSlider;

/// Asks "what if" without touching the model: the global traffic multiplier (0.1x to
/// 100x, logarithmic) and, for the selected component, its instances, servers, service
/// time, hit ratio and write fraction, and the pool size of a selected pooled link (or
/// of the selected component's pools). Each control shows the model's value and the
/// what-if value and resets on its own. Below them, the scenarios: switch between them,
/// save the what-if under a name, rename, delete, compare two, reset the what-if. Every
/// change is an undo command on the document's what-if layer or scenario list.
class WhatIfPanel : public QWidget {
    Q_OBJECT

public:
    /// Follows `solver` (followSolver): when the model does not solve, the what-if's own
    /// errors are listed here.
    WhatIfPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent = nullptr);

    void setSelection(const QList<model::ComponentId>& components, const QList<model::LinkId>& links);

    [[nodiscard]] WhatIfSlider* multiplierSlider() const { return m_multiplier; }
    /// The control for one key, if the selection shows it.
    [[nodiscard]] WhatIfSlider* slider(const model::WhatIfKey& key) const;
    [[nodiscard]] const QList<WhatIfSlider*>& selectionSliders() const { return m_sliders; }
    [[nodiscard]] QComboBox* scenarioCombo() const { return m_scenarios; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }
    /// Why the what-if does not solve, when it does not.
    [[nodiscard]] QLabel* errorLabel() const { return m_errors; }

    /// The dialogs' work, callable without them (tests): each returns why it could not.
    std::optional<QString> saveScenarioAs(const QString& name);
    std::optional<QString> renameScenario(const QString& name);
    void deleteScenario();
    /// Asks for a name (and before replacing a scenario), then saves.
    void promptSaveAs();

signals:
    void compareRequested();

private:
    void rebuild();
    void refresh();
    void refreshScenarios();
    void addSlider(const model::WhatIfKey& key, const QString& title, const QString& unit);
    void askRename();
    void askDelete();
    /// After each solve: the what-if's errors when the model does not solve.
    void showSolve();

    model::Document* m_document = nullptr;
    const model::LiveSolver* m_solver = nullptr;
    QList<model::ComponentId> m_components;
    QList<model::LinkId> m_links;
    WhatIfSlider* m_multiplier = nullptr;
    QList<WhatIfSlider*> m_sliders;
    QLabel* m_selectionTitle = nullptr;
    QWidget* m_selectionBox = nullptr;
    QVBoxLayout* m_selectionLayout = nullptr;
    QComboBox* m_scenarios = nullptr;
    QToolButton* m_saveAs = nullptr;
    QToolButton* m_rename = nullptr;
    QToolButton* m_delete = nullptr;
    QPushButton* m_compare = nullptr;
    QPushButton* m_reset = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_errors = nullptr;
};

} // namespace headroom::ui
