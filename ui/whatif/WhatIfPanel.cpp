// SPDX-License-Identifier: MIT
#include "whatif/WhatIfPanel.h"

#include "whatif/WhatIfSlider.h"
#include "whatif/WhatIfText.h"

#include "Format.h"
#include "Theme.h"

#include "document/Document.h"
#include "document/LiveSolver.h"
#include "document/Scenarios.h"

#include <QtCore/QSignalBlocker>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFrame>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>
#include <array>

namespace headroom::ui {

using model::WhatIfKey;

namespace {

/// The component fields the panel offers, in this order, where they apply.
constexpr std::array kFields{engine::Field::Instances, engine::Field::Servers, engine::Field::ServiceMs,
                             engine::Field::HitRatio, engine::Field::WriteFraction};

/// The largest value a number box takes (rules without an upper bound).
constexpr double kLargest = 1e9;

WhatIfSlider::Scale scaleOf(const engine::FieldRule& rule)
{
    if (rule.type == engine::ValueType::Count)
        return WhatIfSlider::Scale::Count;
    return rule.max <= 1.0 ? WhatIfSlider::Scale::Fraction : WhatIfSlider::Scale::Logarithmic;
}

QFrame* separator(QWidget* parent)
{
    auto* line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 13px;"));
    return label;
}

} // namespace

WhatIfPanel::WhatIfPanel(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("whatIfPanel"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* body = new QWidget(scroll);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(8, 6, 8, 6);

    auto* intro = new QLabel(tr("Try other values without changing the model: the diagram, the results and every "
                                "chart follow."),
                             body);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
    layout->addWidget(intro);
    m_multiplier = new WhatIfSlider(document, WhatIfKey::multiplier(), tr("Traffic"), QStringLiteral("\u00d7"),
                                    WhatIfSlider::Scale::Logarithmic, 0.01, 1000.0, body);
    m_multiplier->setObjectName(QStringLiteral("multiplierControl"));
    layout->addWidget(m_multiplier);
    layout->addWidget(separator(body));

    m_selectionTitle = heading(QString(), body);
    m_selectionTitle->setWordWrap(true);
    layout->addWidget(m_selectionTitle);
    m_selectionBox = new QWidget(body);
    m_selectionLayout = new QVBoxLayout(m_selectionBox);
    m_selectionLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_selectionBox);
    layout->addWidget(separator(body));

    layout->addWidget(heading(tr("Scenarios"), body));
    m_scenarios = new QComboBox(body);
    m_scenarios->setObjectName(QStringLiteral("scenarioCombo"));
    m_scenarios->setPlaceholderText(tr("Unsaved what-if"));
    layout->addWidget(m_scenarios);
    auto* row = new QHBoxLayout;
    const auto tool = [&](const QString& text, const QString& name, const QString& tip) {
        auto* button = new QToolButton(body);
        button->setText(text);
        button->setObjectName(name);
        button->setToolTip(tip);
        row->addWidget(button);
        return button;
    };
    m_saveAs = tool(tr("Save as\u2026"), QStringLiteral("saveScenarioButton"), tr("Save the what-if as a scenario of the model"));
    m_rename = tool(tr("Rename\u2026"), QStringLiteral("renameScenarioButton"), tr("Rename the scenario shown"));
    m_delete = tool(tr("Delete"), QStringLiteral("deleteScenarioButton"), tr("Delete the scenario shown (its settings stay, unsaved)"));
    row->addStretch(1);
    layout->addLayout(row);
    auto* actions = new QHBoxLayout;
    m_compare = new QPushButton(tr("Compare\u2026"), body);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_reset = new QPushButton(tr("Reset what-if"), body);
    m_reset->setObjectName(QStringLiteral("resetWhatIfButton"));
    actions->addWidget(m_compare);
    actions->addWidget(m_reset);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("whatIfStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    layout->addWidget(m_status);
    m_errors = new QLabel(body);
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(theme::textStyle(theme::kAlarm));
    m_errors->hide();
    layout->addWidget(m_errors);
    layout->addStretch(1);
    scroll->setWidget(body);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_scenarios, &QComboBox::activated, this, [this](int index) {
        const std::string name = m_scenarios->itemData(index).toString().toStdString();
        if (name != m_document->whatIf().name || m_document->whatIfModified() ||
            (name.empty() && m_document->whatIfChangesModel()))
            model::switchScenario(*m_document, name);
    });
    connect(m_saveAs, &QToolButton::clicked, this, &WhatIfPanel::promptSaveAs);
    connect(m_rename, &QToolButton::clicked, this, &WhatIfPanel::askRename);
    connect(m_delete, &QToolButton::clicked, this, &WhatIfPanel::askDelete);
    connect(m_compare, &QPushButton::clicked, this, &WhatIfPanel::compareRequested);
    connect(m_reset, &QPushButton::clicked, this, [this] { model::resetWhatIf(*m_document); });

    connect(document, &model::Document::whatIfChanged, this, &WhatIfPanel::refresh);
    connect(document, &model::Document::scenariosChanged, this, &WhatIfPanel::refresh);
    connect(document, &model::Document::componentChanged, this, &WhatIfPanel::refresh);
    connect(document, &model::Document::linkChanged, this, &WhatIfPanel::refresh);
    connect(document, &model::Document::modelReset, this, [this] {
        m_components.clear();
        m_links.clear();
        rebuild();
    });
    for (const auto signal : {&model::Document::componentRemoved, &model::Document::componentKindChanged})
        connect(document, signal, this, &WhatIfPanel::rebuild);
    connect(document, &model::Document::componentTextChanged, this, &WhatIfPanel::rebuild);
    connect(document, &model::Document::linkRemoved, this, &WhatIfPanel::rebuild);
    rebuild();
    model::followSolver(m_solver, solver, this, &WhatIfPanel::showSolve);
}

void WhatIfPanel::setSelection(const QList<model::ComponentId>& components, const QList<model::LinkId>& links)
{
    if (components == m_components && links == m_links)
        return;
    m_components = components;
    m_links = links;
    rebuild();
}

WhatIfSlider* WhatIfPanel::slider(const WhatIfKey& key) const
{
    if (key == m_multiplier->key())
        return m_multiplier;
    const auto it = std::find_if(m_sliders.begin(), m_sliders.end(), [&](WhatIfSlider* s) { return s->key() == key; });
    return it == m_sliders.end() ? nullptr : *it;
}

void WhatIfPanel::addSlider(const WhatIfKey& key, const QString& title, const QString& unit)
{
    const engine::FieldRule& rule = key.target == WhatIfKey::Target::Component ? engine::fieldRule(key.field)
                                                                              : engine::linkFieldRule(key.linkField);
    const double min = rule.minExclusive ? std::max(rule.min, 1e-3) : rule.min;
    auto* slider = new WhatIfSlider(m_document, key, title, unit, scaleOf(rule), min, std::min(rule.max, kLargest),
                                    m_selectionBox);
    m_selectionLayout->addWidget(slider);
    m_sliders.append(slider);
}

void WhatIfPanel::rebuild()
{
    for (WhatIfSlider* slider : std::as_const(m_sliders)) {
        m_selectionLayout->removeWidget(slider);
        slider->hide();
        slider->deleteLater();
    }
    m_sliders.clear();
    QList<model::ComponentId> components;
    for (const model::ComponentId id : std::as_const(m_components)) {
        if (m_document->contains(id))
            components.append(id);
    }
    QList<model::LinkId> pooled;
    for (const model::LinkId id : std::as_const(m_links)) {
        if (m_document->contains(id) && m_document->link(id).get(engine::LinkField::PoolSize))
            pooled.append(id);
    }
    QString title;
    if (components.size() == 1) {
        const model::ComponentId id = components.front();
        const engine::Component& c = m_document->component(id);
        title = tr("%1 (%2)").arg(format::displayName(c), format::kindTitle(c.kind, c.role));
        for (const engine::Field field : kFields) {
            if (engine::fieldApplies(field, c.kind, c.effectiveRole()))
                addSlider(WhatIfKey::of(id, field), format::text(engine::fieldRule(field).label),
                          format::text(engine::fieldRule(field).unit));
        }
        // Its own connection pools.
        for (const model::LinkId link : m_document->linksOf(id)) {
            const engine::Link& l = m_document->link(link);
            if (l.from == c.id && l.get(engine::LinkField::PoolSize))
                addSlider(WhatIfKey::of(link, engine::LinkField::PoolSize),
                          tr("Pool to %1").arg(format::shortText(l.to)), QString());
        }
        if (m_sliders.isEmpty())
            title += QStringLiteral("<br><span style='font-weight:normal;color:%1'>%2</span>")
                         .arg(theme::kMutedText.name(),
                              tr("Nothing here to try: its load follows the traffic multiplier above."));
    } else if (components.isEmpty() && pooled.size() == 1) {
        const engine::Link& l = m_document->link(pooled.front());
        title = tr("Pool %1 \u2192 %2").arg(format::shortText(l.from), format::shortText(l.to));
        addSlider(WhatIfKey::of(pooled.front(), engine::LinkField::PoolSize), tr("Pool size"), QString());
    } else {
        title = QStringLiteral("<span style='font-weight:normal;color:%1'>%2</span>")
                    .arg(theme::kMutedText.name(),
                         components.size() > 1 ? tr("Select one component to try its settings.")
                                               : tr("Select a component (or a pooled link) to try its instances, "
                                                    "servers, service time, hit ratio, write fraction or pool size."));
    }
    m_selectionTitle->setText(title);
    refresh();
}

void WhatIfPanel::refresh()
{
    m_multiplier->refresh();
    for (WhatIfSlider* slider : std::as_const(m_sliders))
        slider->refresh();
    refreshScenarios();
    const bool active = m_document->whatIfActive();
    const QString settings = whatIfSettings(*m_document);
    QString text = tr("Showing: <b>%1</b>").arg(whatIfTitle(*m_document).toHtmlEscaped());
    if (!settings.isEmpty())
        text += QStringLiteral("<br>") + settings.toHtmlEscaped();
    if (active)
        text = theme::coloured(theme::kChanged, text);
    if (m_status->text() != text)
        m_status->setText(text);
    m_reset->setEnabled(active);
}

void WhatIfPanel::refreshScenarios()
{
    const QSignalBlocker blocker(m_scenarios);
    // Refilled only when the list changed (not at every slider tick).
    QStringList names;
    for (const engine::Scenario& s : m_document->model().scenarios)
        names << format::text(s.name);
    QStringList shown;
    for (int i = 1; i < m_scenarios->count(); ++i)
        shown << m_scenarios->itemData(i).toString();
    if (m_scenarios->count() == 0 || names != shown) {
        m_scenarios->clear();
        m_scenarios->addItem(tr("Base model"), QString());
        for (const QString& name : std::as_const(names))
            m_scenarios->addItem(format::elided(name), name);
    }
    const engine::Scenario& layer = m_document->whatIf();
    int current = 0;
    if (!layer.name.empty())
        current = m_scenarios->findData(format::text(layer.name));
    else if (m_document->whatIfChangesModel())
        current = -1;
    m_scenarios->setCurrentIndex(current);
    const bool named = !layer.name.empty() && m_document->model().findScenario(layer.name);
    m_rename->setEnabled(named);
    m_delete->setEnabled(named);
}

void WhatIfPanel::showSolve()
{
    if (!m_solver || m_solver->result() || m_solver->issues().isEmpty()) {
        m_errors->hide();
        return;
    }
    QStringList lines;
    for (const model::LiveIssue& issue : m_solver->issues()) {
        if (!issue.inWhatIf())
            continue;
        // In this panel every line is about the what-if: its subjects go without the layer.
        engine::Subject subject = issue.source.subject;
        subject.layer = engine::Subject::Layer::Model;
        lines << format::text(engine::issueText({subject, issue.source.message}));
    }
    if (lines.isEmpty())
        lines << tr("The model has errors: no figures until they are fixed (see the Results panel).");
    else
        lines.prepend(tr("This what-if cannot be solved:"));
    m_errors->setText(lines.join(QLatin1Char('\n')));
    m_errors->show();
}

std::optional<QString> WhatIfPanel::saveScenarioAs(const QString& name)
{
    // Saving under an existing name replaces that scenario (the dialog asks first).
    if (auto problem = model::scenarioNameProblem(*m_document, name, name))
        return problem;
    model::saveScenario(*m_document, name.toStdString());
    return std::nullopt;
}

std::optional<QString> WhatIfPanel::renameScenario(const QString& name)
{
    const QString current = format::text(m_document->whatIf().name);
    if (current.isEmpty() || !m_document->model().findScenario(current.toStdString()))
        return tr("no saved scenario is shown");
    if (auto problem = model::scenarioNameProblem(*m_document, name, current))
        return problem;
    model::renameScenario(*m_document, current.toStdString(), name.toStdString());
    return std::nullopt;
}

void WhatIfPanel::deleteScenario()
{
    const std::string current = m_document->whatIf().name;
    if (!current.empty())
        model::deleteScenario(*m_document, current);
}

void WhatIfPanel::promptSaveAs()
{
    QString suggestion = format::text(m_document->whatIf().name);
    if (suggestion.isEmpty())
        suggestion = tr("Scenario %1").arg(m_document->model().scenarios.size() + 1);
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save as scenario"), tr("Scenario name:"), QLineEdit::Normal,
                                               suggestion, &ok);
    if (!ok)
        return;
    if (name != format::text(m_document->whatIf().name) && m_document->model().findScenario(name.toStdString()) &&
        QMessageBox::question(this, tr("Replace scenario"), tr("Replace the scenario \u201c%1\u201d?").arg(name)) !=
            QMessageBox::Yes)
        return;
    if (const auto problem = saveScenarioAs(name))
        QMessageBox::warning(this, tr("Cannot save the scenario"), *problem);
}

void WhatIfPanel::askRename()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename scenario"), tr("New name:"), QLineEdit::Normal,
                                               format::text(m_document->whatIf().name), &ok);
    if (!ok)
        return;
    if (const auto problem = renameScenario(name))
        QMessageBox::warning(this, tr("Cannot rename the scenario"), *problem);
}

void WhatIfPanel::askDelete()
{
    const QString name = format::text(m_document->whatIf().name);
    if (QMessageBox::question(this, tr("Delete scenario"),
                              tr("Delete the scenario \u201c%1\u201d? Its settings stay shown as an unsaved what-if.")
                                  .arg(name)) == QMessageBox::Yes)
        deleteScenario();
}

} // namespace headroom::ui
