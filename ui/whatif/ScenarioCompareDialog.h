// SPDX-License-Identifier: MIT
#pragma once

#include "engine/ScenarioComparison.h"

#include <QtWidgets/QDialog>

class QComboBox;
class QTableWidget;

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// Two scenarios (or the base model) side by side: the traffic, whether each is stable,
/// end-to-end response, throughput, monthly cost and the 10x verdict, then each
/// component's utilization and response. Every figure is the engine's
/// (engine::scenarioFigures); the dialog follows the document's scenarios.
class ScenarioCompareDialog : public QDialog {
    Q_OBJECT

public:
    explicit ScenarioCompareDialog(model::Document* document, QWidget* parent = nullptr);

    /// Compares two scenarios by name (empty: the base model).
    void compare(const QString& left, const QString& right);
    /// The growth the verdicts ask about (times each scenario's traffic) and the target
    /// utilization of their plans: the project's settings.
    void setPlanning(double multiplier, double targetUtilization);

    [[nodiscard]] QComboBox* leftCombo() const { return m_left; }
    [[nodiscard]] QComboBox* rightCombo() const { return m_right; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    /// The figures in the table's columns, as the engine gave them.
    [[nodiscard]] const engine::ScenarioFigures& leftFigures() const { return m_leftFigures; }
    [[nodiscard]] const engine::ScenarioFigures& rightFigures() const { return m_rightFigures; }

private:
    void fillCombos();
    void update();

    model::Document* m_document = nullptr;
    QComboBox* m_left = nullptr;
    QComboBox* m_right = nullptr;
    QTableWidget* m_table = nullptr;
    engine::ScenarioFigures m_leftFigures;
    engine::ScenarioFigures m_rightFigures;
    double m_planning = engine::kDefaultPlanningMultiplier;
    double m_target = engine::kDefaultTargetUtilization;
};

} // namespace headroom::ui
