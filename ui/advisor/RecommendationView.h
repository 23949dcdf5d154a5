// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"

#include <QtWidgets/QFrame>

class QPushButton;

namespace headroom::ui {

/// One verified fix of a finding: its pattern and summary, the figures before and after
/// (from re-solving the changed model), the monthly cost, side effects, and "Apply".
class RecommendationView : public QFrame {
    Q_OBJECT

public:
    enum class Emphasis : quint8 { Recommended, Alternative };

    RecommendationView(const engine::Recommendation& recommendation, Emphasis emphasis, QWidget* parent = nullptr);

    [[nodiscard]] QPushButton* applyButton() const { return m_apply; }

signals:
    void applyRequested();

private:
    QPushButton* m_apply = nullptr;
};

} // namespace headroom::ui
