// SPDX-License-Identifier: MIT
#include "advisor/FindingCard.h"

#include "Format.h"
#include "Theme.h"
#include "advisor/AdvisorText.h"
#include "advisor/RecommendationView.h"

#include <QtGui/QFocusEvent>
#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

FindingCard::FindingCard(const engine::Finding& finding, QWidget* parent)
    : QFrame(parent), m_kind(finding.kind), m_severity(finding.severity), m_component(format::text(finding.component)),
      m_title(advisor::findingTitle(finding))
{
    setObjectName(QStringLiteral("findingCard"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(m_title);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 8, 8);
    layout->setSpacing(4);

    auto* header = new QHBoxLayout;
    auto* icon = new QLabel(this);
    icon->setPixmap(advisor::severityIcon(finding.severity).pixmap(18, 18));
    icon->setToolTip(advisor::severityTitle(finding.severity));
    header->addWidget(icon, 0, Qt::AlignTop);
    auto* title = new QLabel(this);
    title->setObjectName(QStringLiteral("findingTitle"));
    title->setWordWrap(true);
    title->setTextFormat(Qt::RichText);
    title->setText(QStringLiteral("<b>%1</b>").arg(m_title.toHtmlEscaped()));
    header->addWidget(title, 1);
    auto* tag = new QLabel(advisor::findingKindTitle(finding.kind), this);
    tag->setStyleSheet(QStringLiteral("color: %1;").arg(advisor::severityColour(finding.severity).name()));
    header->addWidget(tag, 0, Qt::AlignTop);
    layout->addLayout(header);

    layout->addWidget(advisor::wrappedLabel(format::shortText(finding.message, format::kMostMessageCharacters), this));
    if (!finding.evidence.empty()) {
        QLabel* evidence = advisor::wrappedLabel(advisor::figuresText(finding.evidence), this);
        evidence->setObjectName(QStringLiteral("evidence"));
        evidence->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
        layout->addWidget(evidence);
    }

    if (finding.recommendation) {
        auto* view = new RecommendationView(*finding.recommendation, RecommendationView::Emphasis::Recommended, this);
        m_recommendations.append(view);
        layout->addWidget(view);
    } else if (!finding.advice.empty()) {
        QLabel* advice = advisor::wrappedLabel(tr("What to do: %1").arg(format::shortText(finding.advice, format::kMostMessageCharacters)), this);
        advice->setObjectName(QStringLiteral("advice"));
        layout->addWidget(advice);
    }

    if (!finding.alternatives.empty()) {
        auto* more = new QToolButton(this);
        more->setObjectName(QStringLiteral("alternativesToggle"));
        more->setCheckable(true);
        more->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        more->setArrowType(Qt::RightArrow);
        more->setAutoRaise(true);
        more->setText(format::counted(static_cast<qsizetype>(finding.alternatives.size()), tr("other fix"),
                                      tr("other fixes")));
        layout->addWidget(more);
        auto* box = new QWidget(this);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(4);
        for (const engine::Recommendation& alternative : finding.alternatives) {
            auto* view = new RecommendationView(alternative, RecommendationView::Emphasis::Alternative, box);
            m_recommendations.append(view);
            boxLayout->addWidget(view);
        }
        box->setVisible(false);
        layout->addWidget(box);
        connect(more, &QToolButton::toggled, this, [more, box](bool open) {
            more->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
            box->setVisible(open);
        });
    }

    if (!finding.notOffered.empty()) {
        QStringList lines;
        for (const engine::RejectedPattern& rejected : finding.notOffered)
            lines << tr("%1: %2").arg(advisor::patternTitle(rejected.pattern), format::shortText(rejected.reason, format::kMostMessageCharacters));
        setToolTip(tr("Not offered:\n%1").arg(lines.join(QLatin1Char('\n'))));
    }

    for (qsizetype i = 0; i < m_recommendations.size(); ++i) {
        connect(m_recommendations[i], &RecommendationView::applyRequested, this,
                [this, i] { emit applyRequested(static_cast<int>(i)); });
    }
    updateStyle();
}

QString FindingCard::title() const
{
    return m_title;
}

void FindingCard::setSelected(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    updateStyle();
}

void FindingCard::setApplyEnabled(bool enabled)
{
    for (RecommendationView* view : m_recommendations)
        view->applyButton()->setEnabled(enabled);
}

void FindingCard::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        emit clicked();
    QFrame::mousePressEvent(event);
}

void FindingCard::focusInEvent(QFocusEvent* event)
{
    QFrame::focusInEvent(event);
    if (event->reason() != Qt::MouseFocusReason) // a click selects through mousePressEvent
        emit clicked();                          // the selection follows the keyboard
}

void FindingCard::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        emit stepRequested(-1);
        return;
    case Qt::Key_Down:
        emit stepRequested(1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        emit clicked();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void FindingCard::updateStyle()
{
    // The severity colour is the left edge; a selected card gets the diagram's selection blue.
    const QColor edge = advisor::severityColour(m_severity);
    const QString border = (m_selected ? theme::kSelection : theme::kFrame).name();
    setStyleSheet(QStringLiteral("#findingCard { background: %1; border: %2px solid %3; border-left: 5px solid %4; "
                                 "border-radius: 4px; }")
                      .arg(m_selected ? theme::kSelectionFill.name() : QStringLiteral("white"))
                      .arg(m_selected ? 2 : 1)
                      .arg(border, edge.name()));
}

} // namespace headroom::ui
