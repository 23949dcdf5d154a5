// SPDX-License-Identifier: MIT
#include "whatif/ScenarioCompareDialog.h"

#include "Format.h"
#include "Theme.h"

#include "document/Document.h"

#include <QtCore/QLocale>
#include <QtCore/QSignalBlocker>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

namespace {

QString money(double value)
{
    return QLocale().toString(value, 'f', 0);
}

QString columnTitle(const engine::ScenarioFigures& figures)
{
    return figures.name.empty() ? ScenarioCompareDialog::tr("Base model") : format::shortText(figures.name);
}

} // namespace

ScenarioCompareDialog::ScenarioCompareDialog(model::Document* document, QWidget* parent)
    : QDialog(parent), m_document(document)
{
    setObjectName(QStringLiteral("scenarioCompareDialog"));
    setWindowTitle(tr("Compare scenarios"));
    m_left = new QComboBox(this);
    m_right = new QComboBox(this);
    m_left->setObjectName(QStringLiteral("leftScenario"));
    m_right->setObjectName(QStringLiteral("rightScenario"));
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setColumnCount(3);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Compare"), this));
    choose->addWidget(m_left, 1);
    choose->addWidget(new QLabel(tr("with"), this));
    choose->addWidget(m_right, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(choose);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 600);

    for (QComboBox* combo : {m_left, m_right})
        connect(combo, &QComboBox::currentIndexChanged, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::scenariosChanged, this, &ScenarioCompareDialog::fillCombos);
    // Any edit of the model may change a figure.
    connect(document, &model::Document::componentChanged, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::componentKindChanged, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::componentAdded, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::componentRemoved, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::linkAdded, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::linkRemoved, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::linkChanged, this, &ScenarioCompareDialog::update);
    connect(document, &model::Document::modelReset, this, &ScenarioCompareDialog::fillCombos);
    fillCombos();
    // The base model against the first scenario, or the one shown.
    const QString shown = format::text(document->whatIf().name);
    const auto& scenarios = document->model().scenarios;
    compare(QString(), !shown.isEmpty() ? shown
                                        : (scenarios.empty() ? QString() : format::text(scenarios.front().name)));
}

void ScenarioCompareDialog::fillCombos()
{
    for (QComboBox* combo : {m_left, m_right}) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("Base model"), QString());
        for (const engine::Scenario& s : m_document->model().scenarios)
            combo->addItem(format::shortText(s.name), format::text(s.name));
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    }
    update();
}

void ScenarioCompareDialog::compare(const QString& left, const QString& right)
{
    {
        const QSignalBlocker blockLeft(m_left);
        const QSignalBlocker blockRight(m_right);
        m_left->setCurrentIndex(std::max(0, m_left->findData(left)));
        m_right->setCurrentIndex(std::max(0, m_right->findData(right)));
    }
    update();
}

void ScenarioCompareDialog::setPlanning(double multiplier, double targetUtilization)
{
    if (multiplier == m_planning && targetUtilization == m_target)
        return;
    m_planning = multiplier;
    m_target = targetUtilization;
    update();
}

void ScenarioCompareDialog::update()
{
    const engine::Model& model = m_document->model();
    m_leftFigures =
        engine::scenarioFigures(model, m_left->currentData().toString().toStdString(), m_planning, m_target);
    m_rightFigures =
        engine::scenarioFigures(model, m_right->currentData().toString().toStdString(), m_planning, m_target);
    const std::array<const engine::ScenarioFigures*, 2> columns{&m_leftFigures, &m_rightFigures};

    m_table->clearContents();
    m_table->setHorizontalHeaderLabels({tr("Figure"), columnTitle(m_leftFigures), columnTitle(m_rightFigures)});
    int rows = 0;
    const auto addRow = [&](const QString& figure, const std::array<QString, 2>& values,
                            const std::array<std::optional<QColor>, 2>& fills = {}) {
        m_table->setRowCount(rows + 1);
        auto* name = new QTableWidgetItem(figure);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(rows, 0, name);
        for (int c = 0; c < 2; ++c) {
            auto* item = new QTableWidgetItem(values[static_cast<std::size_t>(c)]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (const auto& fill = fills[static_cast<std::size_t>(c)])
                item->setBackground(*fill);
            m_table->setItem(rows, c + 1, item);
        }
        ++rows;
    };
    const auto each = [&](auto&& text) {
        std::array<QString, 2> out;
        for (std::size_t c = 0; c < 2; ++c)
            out[c] = columns[c]->result ? text(*columns[c]) : QStringLiteral("\u2014");
        return out;
    };
    m_table->setRowCount(0);
    std::array<QString, 2> problems;
    for (std::size_t c = 0; c < 2; ++c) {
        if (!columns[c]->issues.empty())
            problems[c] = tr("Does not solve: %1")
                              .arg(format::shortText(engine::issueText(columns[c]->issues.front()),
                                                     format::kMostMessageCharacters));
    }
    if (!problems[0].isEmpty() || !problems[1].isEmpty())
        addRow(tr("Errors"), problems);
    addRow(tr("Traffic"), each([](const engine::ScenarioFigures& f) { return format::multiplier(f.multiplier); }));
    addRow(tr("Stable"), each([](const engine::ScenarioFigures& f) {
               return f.result->stable ? tr("yes") : tr("no: something saturates");
           }));
    addRow(tr("End-to-end response"), each([](const engine::ScenarioFigures& f) { return format::ms(f.result->meanResponseMs); }));
    addRow(tr("Throughput"), each([](const engine::ScenarioFigures& f) { return format::rps(f.result->throughputRps); }));
    addRow(tr("Monthly cost"), each([](const engine::ScenarioFigures& f) { return money(f.monthlyCost); }));
    addRow(tr("10x verdict"), each([](const engine::ScenarioFigures& f) {
               return tr("at %1: %2").arg(format::multiplier(f.planningMultiplier),
                                         format::shortText(f.verdict, format::kMostMessageCharacters));
           }));
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        if (!engine::isStation(model.components[i].kind))
            continue;
        const QString id = format::shortText(model.components[i].id);
        std::array<std::optional<QColor>, 2> fills;
        for (std::size_t c = 0; c < 2; ++c) {
            if (columns[c]->result)
                fills[c] = levelColours(loadLevel(columns[c]->result->components[i])).fill;
        }
        addRow(tr("%1 utilization").arg(id), each([i](const engine::ScenarioFigures& f) {
                   return format::percent(f.result->components[i].utilization);
               }),
               fills);
        addRow(tr("%1 response").arg(id), each([i](const engine::ScenarioFigures& f) {
                   return format::ms(f.result->components[i].avgResponseMs);
               }));
    }
    m_table->resizeRowsToContents();
}

} // namespace headroom::ui
