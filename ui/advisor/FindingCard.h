// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"

#include <QtCore/QList>
#include <QtWidgets/QFrame>

namespace headroom::ui {

class RecommendationView;

/// One finding of the advisor: severity (icon and colour), title, the message with its
/// evidence, the recommended fix with its before -> after figures and cost, the other
/// verified fixes (folded), or the advice when no pattern fixes it. A click selects it;
/// so does the keyboard: the card takes focus (Tab), the arrow keys move to the next or
/// previous card, and Tab goes on to its Apply buttons.
class FindingCard : public QFrame {
    Q_OBJECT

public:
    explicit FindingCard(const engine::Finding& finding, QWidget* parent = nullptr);

    [[nodiscard]] engine::FindingKind kind() const { return m_kind; }
    [[nodiscard]] const QString& component() const { return m_component; }
    [[nodiscard]] QString title() const;
    /// The recommended fix first, then the alternatives; empty when nothing fixes it.
    [[nodiscard]] const QList<RecommendationView*>& recommendations() const { return m_recommendations; }

    void setSelected(bool selected);
    [[nodiscard]] bool isSelected() const { return m_selected; }
    /// Enables or disables every Apply (the advice is being recomputed).
    void setApplyEnabled(bool enabled);

signals:
    /// Chosen with the mouse or the keyboard (focus, Enter or Space).
    void clicked();
    /// An arrow key: the previous (-1) or the next (+1) card.
    void stepRequested(int step);
    /// 0 is the recommendation, 1.. the alternatives in order.
    void applyRequested(int which);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateStyle();

    engine::FindingKind m_kind;
    engine::Severity m_severity;
    QString m_component;
    QString m_title;
    QList<RecommendationView*> m_recommendations;
    bool m_selected = false;
};

} // namespace headroom::ui
