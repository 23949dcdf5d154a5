// SPDX-License-Identifier: MIT
#include "advisor/AdvisorPanel.h"

#include "Format.h"
#include "Theme.h"
#include "advisor/AdvisorText.h"
#include "advisor/FindingCard.h"

#include "document/Document.h"
#include "document/LiveAdvisor.h"
#include "document/ModelEditCommands.h"
#include "project/Project.h"

#include <QtCore/QLocale>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

namespace {

QLabel* wrappedLabel(QWidget* parent, const QString& name)
{
    QLabel* label = advisor::wrappedLabel(QString(), parent);
    label->setObjectName(name);
    return label;
}

} // namespace

AdvisorPanel::AdvisorPanel(model::Document* document, model::LiveSolver* solver, QWidget* parent)
    : QWidget(parent), m_document(document), m_advisor(new model::LiveAdvisor(document, solver, this))
{
    model::LiveAdvisor* advisor = m_advisor;
    setObjectName(QStringLiteral("advisorPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    m_headline = wrappedLabel(this, QStringLiteral("stageHeadline"));
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_headline->setFont(big);
    layout->addWidget(m_headline);
    m_sentence = wrappedLabel(this, QStringLiteral("stageSentence"));
    layout->addWidget(m_sentence);

    // The planning multiplier and the lag the user accepts: what the advice is for.
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_multiplier = new QDoubleSpinBox(this);
    m_multiplier->setObjectName(QStringLiteral("advisorMultiplier"));
    m_multiplier->setRange(0.01, 1e6); // as Project Settings allows
    m_multiplier->setDecimals(2);
    m_multiplier->setSuffix(QStringLiteral("\u00d7"));
    m_multiplier->setKeyboardTracking(false);
    m_multiplier->setValue(advisor->options().multiplier);
    m_multiplier->setToolTip(tr("The growth to plan for: every check runs at this many times today's traffic"));
    form->addRow(tr("Plan for traffic"), m_multiplier);
    m_lagThreshold = new QDoubleSpinBox(this);
    m_lagThreshold->setObjectName(QStringLiteral("advisorLagThreshold"));
    m_lagThreshold->setRange(1.0, 3600000.0);
    m_lagThreshold->setDecimals(0);
    m_lagThreshold->setSuffix(tr(" ms"));
    m_lagThreshold->setKeyboardTracking(false);
    m_lagThreshold->setValue(advisor->options().lagThresholdMs);
    m_lagThreshold->setToolTip(tr("A replica whose p99 lag passes this is a finding: how stale a read may be"));
    form->addRow(tr("Replica lag alert above"), m_lagThreshold);
    layout->addLayout(form);

    m_summary = wrappedLabel(this, QStringLiteral("advisorSummary"));
    m_summary->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
    layout->addWidget(m_summary);

    auto* scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* listWidget = new QWidget(scroll);
    listWidget->setObjectName(QStringLiteral("findingList"));
    m_list = new QVBoxLayout(listWidget);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_list->setSpacing(8);
    m_list->addStretch(1);
    scroll->setWidget(listWidget);
    layout->addWidget(scroll, 1);

    m_note = wrappedLabel(this, QStringLiteral("advisorNote"));
    m_note->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
    layout->addWidget(m_note);

    connect(m_multiplier, &QDoubleSpinBox::valueChanged, this, &AdvisorPanel::optionsEdited);
    connect(m_lagThreshold, &QDoubleSpinBox::valueChanged, this, &AdvisorPanel::optionsEdited);
    connect(advisor, &model::LiveAdvisor::adviceChanged, this, &AdvisorPanel::rebuild);
    connect(advisor, &model::LiveAdvisor::outdated, this, &AdvisorPanel::outdated);
    rebuild();
}

QString AdvisorPanel::stageHeadline() const
{
    return m_headline->text();
}

QString AdvisorPanel::stageSentence() const
{
    return m_sentence->text();
}

void AdvisorPanel::applySettings(const model::ProjectSettings& settings)
{
    engine::AdvisorOptions options = m_advisor->options();
    options.targetUtilization = settings.targetUtilization;
    options.targetWait = settings.targetWait;
    m_advisor->setOptions(options);
    // The box's valueChanged hands the multiplier on (optionsEdited).
    m_multiplier->setValue(settings.planningMultiplier);
}

void AdvisorPanel::optionsEdited()
{
    engine::AdvisorOptions options = m_advisor->options();
    options.multiplier = m_multiplier->value();
    options.lagThresholdMs = m_lagThreshold->value();
    m_advisor->setOptions(options);
}

void AdvisorPanel::outdated()
{
    for (FindingCard* card : m_cards)
        card->setApplyEnabled(false);
}

void AdvisorPanel::rebuild()
{
    // Keep the selection on the same finding when it is still there.
    QString selectedKey;
    if (m_selected >= 0 && m_selected < m_cards.size())
        selectedKey = m_cards[m_selected]->title();
    // deleteLater: a rebuild may come while a card's own signal is being handled.
    for (FindingCard* card : m_cards) {
        m_list->removeWidget(card);
        card->hide();
        card->deleteLater();
    }
    m_cards.clear();
    m_selected = -1;

    const auto& live = m_advisor->advice();
    if (!live) {
        m_headline->setText(tr("No advice"));
        m_sentence->setText(m_advisor->problem());
        m_summary->clear();
        m_note->clear();
        return;
    }
    const engine::Advice& advice = live->advice;
    m_headline->setText(advisor::stageHeadline(advice.stage));
    QString sentence = format::shortText(advice.stage.reason, format::kMostMessageCharacters);
    if (!sentence.isEmpty())
        sentence[0] = sentence[0].toUpper();
    m_sentence->setText(sentence);

    qsizetype critical = 0, warnings = 0, info = 0;
    for (const engine::Finding& finding : advice.findings) {
        (finding.severity == engine::Severity::Critical  ? critical
         : finding.severity == engine::Severity::Warning ? warnings
                                                         : info)++;
        auto* card = new FindingCard(finding, m_list->parentWidget());
        const int index = static_cast<int>(m_cards.size());
        connect(card, &FindingCard::clicked, this, [this, index] { selectFinding(index); });
        connect(card, &FindingCard::stepRequested, this, [this, index](int step) { focusFinding(index + step); });
        connect(card, &FindingCard::applyRequested, this, [this, index](int which) { apply(index, which); });
        m_list->insertWidget(m_list->count() - 1, card); // above the stretch
        card->show(); // at once, not on the layout's next turn: a screenshot may follow
        m_cards.append(card);
    }
    const QString at = format::multiplier(advice.options.multiplier);
    m_summary->setText(advice.findings.empty()
                           ? tr("Nothing to fix at %1 today's traffic.").arg(at)
                           : tr("At %1 today's traffic: %2 critical, %3, %4 info \u00b7 costs %5 a month today.")
                                 .arg(at)
                                 .arg(critical)
                                 .arg(format::counted(warnings, tr("warning"), tr("warnings")))
                                 .arg(info)
                                 .arg(QLocale().toString(advice.costPerMonth, 'f', 0)));

    QStringList notes;
    for (const std::string& skipped : advice.skippedChecks)
        notes << tr("Skipped: %1").arg(format::shortText(skipped, format::kMostMessageCharacters));
    if (m_document->whatIfActive())
        notes << tr("The advice is for the model as drawn, without the what-if.");
    m_note->setText(notes.join(QLatin1Char('\n')));
    m_note->setVisible(!notes.isEmpty());

    for (int i = 0; i < m_cards.size(); ++i) {
        if (!selectedKey.isEmpty() && m_cards[i]->title() == selectedKey) {
            m_selected = i;
            m_cards[i]->setSelected(true);
        }
    }
}

void AdvisorPanel::flush()
{
    m_advisor->flush();
}

void AdvisorPanel::selectFinding(int finding)
{
    if (finding < 0 || finding >= m_cards.size())
        return;
    for (int i = 0; i < m_cards.size(); ++i)
        m_cards[i]->setSelected(i == finding);
    m_selected = finding;
    const model::ComponentId id = m_document->findComponent(m_cards[finding]->component().toStdString());
    if (id.isValid())
        emit componentActivated(id);
}

void AdvisorPanel::focusFinding(int finding)
{
    if (finding < 0 || finding >= m_cards.size())
        return;
    FindingCard* card = m_cards[finding];
    card->setFocus(Qt::OtherFocusReason); // selects it (FindingCard::focusInEvent)
    m_scroll->ensureWidgetVisible(card, 0, 8);
}

bool AdvisorPanel::apply(int finding, int which)
{
    const auto& live = m_advisor->advice();
    if (m_advisor->isOutdated() || !live || finding < 0 ||
        finding >= static_cast<int>(live->advice.findings.size())) {
        emit statusMessage(tr("The advice is being updated: apply again once it shows."));
        return false;
    }
    const engine::Finding& f = live->advice.findings[static_cast<std::size_t>(finding)];
    const engine::Recommendation* fix = nullptr;
    if (which == 0 && f.recommendation)
        fix = &*f.recommendation;
    else if (which >= 1 && which <= static_cast<int>(f.alternatives.size()))
        fix = &f.alternatives[static_cast<std::size_t>(which - 1)];
    if (!fix)
        return false;
    const QString text = advisor::recommendationUndoText(f, *fix);
    if (const auto problem = model::pushModelEdits(*m_document, fix->edits, text)) {
        emit statusMessage(tr("Cannot apply: %1").arg(*problem));
        return false;
    }
    emit statusMessage(tr("Applied: %1 (Undo takes it back)").arg(format::shortText(fix->summary, format::kMostMessageCharacters)));
    return true;
}

void AdvisorPanel::setOnScreen(bool onScreen)
{
    m_advisor->setActive(onScreen);
}

} // namespace headroom::ui
