// SPDX-License-Identifier: MIT
#pragma once

#include "FiguresLabel.h"

#include <QtWidgets/QFrame>

class QPushButton;

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// A bar across the top of the canvas while a what-if or a scenario is shown, so that
/// nobody takes its figures for the base model's: what is shown, its settings, and a
/// button back to the base model. It follows its parent's size.
class WhatIfBanner : public QFrame {
    Q_OBJECT

public:
    WhatIfBanner(model::Document* document, QWidget* parent);

    [[nodiscard]] FiguresLabel* label() const { return m_label; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void place();

    model::Document* m_document = nullptr;
    FiguresLabel* m_label = nullptr;
    QPushButton* m_reset = nullptr;
};

} // namespace headroom::ui
