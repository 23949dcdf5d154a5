// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"

#include <QtWidgets/QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;

namespace headroom::ui {

/// File > Project Settings: what the analyses plan for. The growth the 10x question asks
/// about (the 10x chart, the lag chart's range, the advisor, the report), the utilization
/// a capacity plan keeps each station under, and the chance of waiting for a pooled
/// connection a pool size must keep under. Every value is checked as it is typed
/// (model::checkSettings): OK stays off while one is wrong, and the message names it.
class ProjectSettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ProjectSettingsDialog(const model::ProjectSettings& settings, QWidget* parent = nullptr);

    /// The settings as edited; what the dialog does not show (the view, the currency) as given.
    [[nodiscard]] model::ProjectSettings settings() const;

private:
    void check();

    model::ProjectSettings m_given;
    QDoubleSpinBox* m_planning = nullptr;
    QDoubleSpinBox* m_target = nullptr;
    QDoubleSpinBox* m_wait = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace headroom::ui
