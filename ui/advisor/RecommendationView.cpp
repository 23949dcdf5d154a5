// SPDX-License-Identifier: MIT
#include "advisor/RecommendationView.h"

#include "Format.h"
#include "Theme.h"
#include "advisor/AdvisorText.h"

#include <QtWidgets/QGridLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

RecommendationView::RecommendationView(const engine::Recommendation& recommendation, Emphasis emphasis,
                                       QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("recommendationView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(3);

    auto* header = new QHBoxLayout;
    auto* title = new QLabel(this);
    title->setTextFormat(Qt::RichText);
    const QString lead = emphasis == Emphasis::Recommended ? tr("Fix") : tr("Or");
    title->setText(QStringLiteral("%1: <b>%2</b> &nbsp;<span style='color:%3'>%4</span>")
                       .arg(lead, advisor::patternTitle(recommendation.pattern).toHtmlEscaped(),
                            theme::kMutedText.name(), advisor::costText(recommendation.costDeltaPerMonth)));
    header->addWidget(title, 1);
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setToolTip(tr("Make this change as one step that Undo takes back"));
    header->addWidget(m_apply, 0, Qt::AlignTop);
    layout->addLayout(header);

    layout->addWidget(advisor::wrappedLabel(format::shortText(recommendation.summary, format::kMostMessageCharacters), this));
    if (const QString change = advisor::beforeAfterText(recommendation.before, recommendation.after); !change.isEmpty()) {
        QLabel* figures = advisor::wrappedLabel(change, this);
        figures->setObjectName(QStringLiteral("beforeAfter"));
        figures->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kText.name()));
        QFont font = figures->font();
        font.setFamily(QStringLiteral("monospace"));
        font.setStyleHint(QFont::Monospace);
        font.setPointSizeF(font.pointSizeF() * 0.92);
        figures->setFont(font);
        layout->addWidget(figures);
    }
    if (!recommendation.addsCapacity)
        layout->addWidget(advisor::wrappedLabel(tr("Adds no capacity: the excess is turned away fast instead of queueing."), this));
    for (const std::string& effect : recommendation.sideEffects) {
        QLabel* side = advisor::wrappedLabel(
            tr("Side effect: %1").arg(format::shortText(effect, format::kMostMessageCharacters)), this);
        side->setStyleSheet(theme::textStyle(advisor::severityColour(engine::Severity::Warning).darker(130)));
        layout->addWidget(side);
    }
    const bool recommended = emphasis == Emphasis::Recommended;
    setStyleSheet(QStringLiteral("#recommendationView { background: %1; border: 1px solid %2; border-radius: 3px; }")
                      .arg((recommended ? theme::kGoodFill : theme::kPanelFill).name(),
                           (recommended ? theme::kGoodFrame : theme::kPanelFrame).name()));
    connect(m_apply, &QPushButton::clicked, this, &RecommendationView::applyRequested);
}

} // namespace headroom::ui
