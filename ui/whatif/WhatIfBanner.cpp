// SPDX-License-Identifier: MIT
#include "whatif/WhatIfBanner.h"

#include "whatif/WhatIfText.h"

#include "Theme.h"

#include "document/Document.h"
#include "document/Scenarios.h"

#include <QtCore/QEvent>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QPushButton>

namespace headroom::ui {

WhatIfBanner::WhatIfBanner(model::Document* document, QWidget* parent) : QFrame(parent), m_document(document)
{
    setObjectName(QStringLiteral("whatIfBanner"));
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("#whatIfBanner { background: %1; border-bottom: 2px solid %2; }")
                      .arg(theme::kChangedFill.name(), theme::kChangedFrame.name()));
    // Its text changes at every tick of a drag: laid out once per text (FiguresLabel).
    m_label = new FiguresLabel(this, FiguresLabel::Look::Plain);
    QPalette text = m_label->palette();
    text.setColor(QPalette::WindowText, theme::kChangedText);
    m_label->setPalette(text);
    m_reset = new QPushButton(tr("Back to the model"), this);
    m_reset->setObjectName(QStringLiteral("bannerResetButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 5, 10, 5);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_reset);
    connect(m_reset, &QPushButton::clicked, this, [this] { model::resetWhatIf(*m_document); });
    for (const auto signal : {&model::Document::whatIfChanged, &model::Document::scenariosChanged,
                              &model::Document::modelReset})
        connect(document, signal, this, &WhatIfBanner::refresh);
    // The settings are shown against the model's own values.
    connect(document, &model::Document::componentChanged, this, &WhatIfBanner::refresh);
    parent->installEventFilter(this);
    refresh();
}

bool WhatIfBanner::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QFrame::eventFilter(watched, event);
}

void WhatIfBanner::place()
{
    const int width = parentWidget()->width();
    setGeometry(0, 0, width, heightForWidth(width) > 0 ? heightForWidth(width) : sizeHint().height());
}

void WhatIfBanner::refresh()
{
    const bool active = m_document->whatIfActive();
    setVisible(active);
    if (!active)
        return;
    const QString settings = whatIfSettings(*m_document);
    m_label->setText(tr("<b>What if: %1.</b> The figures and colours are not the base model's%2")
                         .arg(whatIfTitle(*m_document).toHtmlEscaped(),
                              settings.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + settings.toHtmlEscaped() + QLatin1Char('.')));
    place();
    raise();
}

} // namespace headroom::ui
