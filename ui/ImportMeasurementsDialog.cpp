// SPDX-License-Identifier: MIT
#include "ImportMeasurementsDialog.h"

#include "Theme.h"

#include "document/CalibrationCommands.h"
#include "document/Document.h"
#include "document/IssueText.h"
#include "engine/Fields.h"
#include "io/TextTable.h"
#include "measure/MeasureOutput.h"

#include <QtCore/QFileInfo>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>

namespace headroom::ui {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QTableWidgetItem* cell(const QString& text, bool number = false)
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// An input as the tables show it: file names (before -> after for a pair); the paths are
/// in the tooltip.
QString shownName(const model::measure::ImportEntry& entry)
{
    QString shown = QFileInfo(qs(entry.first.text.name)).fileName();
    if (entry.second)
        shown += QStringLiteral(" \u2192 ") + QFileInfo(qs(entry.second->text.name)).fileName();
    return shown;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text), parent);
    return label;
}

} // namespace

ImportMeasurementsDialog::ImportMeasurementsDialog(model::Document* document, QWidget* parent)
    : QDialog(parent), m_document(document)
{
    setObjectName(QStringLiteral("importMeasurementsDialog"));
    setWindowTitle(tr("Import Measurements"));
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);

    auto* inputsPage = new QWidget(splitter);
    auto* inputsLayout = new QVBoxLayout(inputsPage);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    auto* inputsBar = new QHBoxLayout;
    inputsBar->addWidget(heading(tr("1. What the system reported"), inputsPage), 1);
    auto* add = new QPushButton(tr("Add &Files\u2026"), inputsPage);
    m_paste = new QPushButton(tr("&Paste Text\u2026"), inputsPage);
    auto* remove = new QPushButton(tr("&Remove"), inputsPage);
    add->setObjectName(QStringLiteral("addFiles"));
    m_paste->setObjectName(QStringLiteral("pasteText"));
    remove->setObjectName(QStringLiteral("removeInput"));
    inputsBar->addWidget(add);
    inputsBar->addWidget(m_paste);
    inputsBar->addWidget(remove);
    inputsLayout->addLayout(inputsBar);
    m_inputs = makeTable({tr("Input"), tr("Recognised as"), tr("Seconds between"), tr("Objects, or the problem")},
                         inputsPage);
    m_inputs->setObjectName(QStringLiteral("inputs"));
    inputsLayout->addWidget(m_inputs);

    auto* mappingPage = new QWidget(splitter);
    auto* mappingLayout = new QVBoxLayout(mappingPage);
    mappingLayout->setContentsMargins(0, 0, 0, 0);
    mappingLayout->addWidget(heading(tr("2. Map each measured object onto a component or a pooled link"), mappingPage));
    m_mapping = makeTable({tr("Measured object"), tr("From"), tr("Onto")}, mappingPage);
    m_mapping->setObjectName(QStringLiteral("mapping"));
    mappingLayout->addWidget(m_mapping);

    auto* previewPage = new QWidget(splitter);
    auto* previewLayout = new QVBoxLayout(previewPage);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(heading(tr("3. What calibration changes, and the residuals at the measured load "
                                        "(flagged above 10%)"),
                                     previewPage));
    auto* previewSplit = new QSplitter(Qt::Horizontal, previewPage);
    m_changes = makeTable({tr("Field"), tr("Before"), tr("After")}, previewSplit);
    m_changes->setObjectName(QStringLiteral("changes"));
    m_residuals = makeTable({tr("Object \u2192 target"), tr("Figure"), tr("Measured"), tr("Modelled"), tr("Residual"),
                             tr("Note")},
                            previewSplit);
    m_residuals->setObjectName(QStringLiteral("residuals"));
    previewSplit->addWidget(m_changes);
    previewSplit->addWidget(m_residuals);
    previewSplit->setStretchFactor(0, 1);
    previewSplit->setStretchFactor(1, 3);
    previewLayout->addWidget(previewSplit);
    layout->addWidget(splitter, 1);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(theme::textStyle(theme::kError));
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    // ActionRole: QDialogButtonBox makes the first AcceptRole button the default on show,
    // and Enter in the seconds' spin box would then apply.
    m_apply = m_buttons->addButton(tr("&Apply Calibration"), QDialogButtonBox::ActionRole);
    m_apply->setObjectName(QStringLiteral("applyCalibration"));
    m_apply->setEnabled(false);
    layout->addWidget(m_buttons);
    // Enter confirms the seconds typed into a spin box; it must never apply the calibration.
    for (QPushButton* button : findChildren<QPushButton*>())
        button->setAutoDefault(false);

    connect(add, &QPushButton::clicked, this, &ImportMeasurementsDialog::chooseFiles);
    connect(m_paste, &QPushButton::clicked, this, &ImportMeasurementsDialog::pasteText);
    connect(remove, &QPushButton::clicked, this, &ImportMeasurementsDialog::removeSelected);
    connect(m_apply, &QPushButton::clicked, this, &ImportMeasurementsDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(1000, 680);
    regroup();
}

void ImportMeasurementsDialog::addFiles(const QStringList& paths)
{
    m_unreadable.clear();
    for (const QString& path : paths) {
        auto input = model::measure::readInputFile(path);
        if (input)
            m_given.push_back(std::move(input).value());
        else
            m_unreadable << QStringLiteral("error: ") + model::issuesText(input.issues());
    }
    regroup();
}

void ImportMeasurementsDialog::addText(const QString& name, const QString& text)
{
    m_given.push_back({{name.toStdString(), text.toStdString()}, std::nullopt});
    regroup();
}

QDoubleSpinBox* ImportMeasurementsDialog::intervalEditor(int row) const
{
    return qobject_cast<QDoubleSpinBox*>(m_inputs->cellWidget(row, 2));
}

QComboBox* ImportMeasurementsDialog::targetCombo(int row) const
{
    return qobject_cast<QComboBox*>(m_mapping->cellWidget(row, 2));
}

void ImportMeasurementsDialog::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import Measurements"), QString(),
        tr("Measurements (*.txt *.csv *.json *.jtl *.prom *.out *.log);;All files (*)"));
    if (!paths.isEmpty())
        addFiles(paths);
}

void ImportMeasurementsDialog::pasteText()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Paste Text"),
        tr("What a command printed: SHOW STATS, SHOW POOLS, pg_stat_replication, pgbench's report, a /metrics "
           "scrape, k6's summary or a JTL:"),
        QString(), &ok);
    if (ok && !text.trimmed().isEmpty())
        addText(tr("pasted text %1").arg(++m_pasted), text);
}

void ImportMeasurementsDialog::removeSelected()
{
    const int row = m_inputs->currentRow();
    if (row < 0 || static_cast<std::size_t>(row) >= m_entries.size())
        return;
    // An entry is one input or a pair: remove the inputs it holds.
    const model::measure::ImportEntry& entry = m_entries[static_cast<std::size_t>(row)];
    const auto holds = [&](const model::measure::ImportInput& input) {
        return input.text.name == entry.first.text.name || (entry.second && input.text.name == entry.second->text.name);
    };
    m_given.erase(std::remove_if(m_given.begin(), m_given.end(), holds), m_given.end());
    regroup();
}

void ImportMeasurementsDialog::regroup()
{
    m_entries = model::measure::groupInputs(m_given);
    for (model::measure::ImportEntry& entry : m_entries) {
        const auto typed = m_intervals.find(entry.name());
        if (entry.second && typed != m_intervals.end()) {
            entry.intervalS = typed->second;
            entry.read();
        }
    }
    fillInputs();
    fillMappings();
    preview();
}

void ImportMeasurementsDialog::fillInputs()
{
    m_inputs->setRowCount(0);
    m_inputs->setRowCount(static_cast<int>(m_entries.size()));
    for (int row = 0; row < static_cast<int>(m_entries.size()); ++row) {
        const model::measure::ImportEntry& entry = m_entries[static_cast<std::size_t>(row)];
        m_inputs->setItem(row, 0, cell(shownName(entry)));
        m_inputs->item(row, 0)->setToolTip(qs(entry.name()));
        QString recognised = entry.recognised ? qs(std::string(engine::sourceTitle(*entry.recognised)))
                                              : tr("not recognised");
        if (entry.measurement)
            recognised += QStringLiteral(" (%1)").arg(qs(entry.measurement->inputFormat));
        m_inputs->setItem(row, 1, cell(recognised));
        if (entry.second) {
            auto* interval = new QDoubleSpinBox(m_inputs);
            interval->setRange(0.0, 1e6);
            interval->setDecimals(3);
            interval->setSuffix(tr(" s"));
            interval->setValue(entry.intervalS.value_or(0.0));
            interval->setToolTip(tr("The seconds between the two snapshots (before, after)"));
            connect(interval, &QDoubleSpinBox::editingFinished, this, [this, row, interval] {
                if (static_cast<std::size_t>(row) >= m_entries.size())
                    return;
                const model::measure::ImportEntry& e = m_entries[static_cast<std::size_t>(row)];
                const double value = interval->value();
                if (e.intervalS == value)
                    return;
                // Kept by the pair's name, so that adding another file keeps it. (The table
                // is refilled: its widgets, this one too, are deleted later, not now.)
                m_intervals[e.name()] = value;
                regroup();
            });
            m_inputs->setCellWidget(row, 2, interval);
        } else {
            m_inputs->setItem(row, 2, cell(QStringLiteral("\u2014")));
        }
        QString what;
        if (entry.measurement) {
            QStringList names;
            for (const engine::MeasuredObject& o : entry.measurement->objects)
                names << qs(o.name);
            what = tr("%n object(s): ", nullptr, static_cast<int>(names.size())) +
                   (names.size() > 6 ? names.mid(0, 6).join(QStringLiteral(", ")) + QStringLiteral(", \u2026")
                                     : names.join(QStringLiteral(", ")));
        } else {
            what = QStringLiteral("error: ") + model::issuesText(entry.issues);
        }
        QTableWidgetItem* item = cell(what);
        if (!entry.measurement)
            item->setForeground(QColor(0xb3, 0x26, 0x1e));
        m_inputs->setItem(row, 3, item);
    }
    m_inputs->resizeColumnsToContents();
    m_inputs->horizontalHeader()->setStretchLastSection(true);
}

void ImportMeasurementsDialog::fillMappings()
{
    m_mappings = model::measure::proposeMappings(m_document->model(), m_entries);
    // A mapping chosen by hand stays when the inputs change around it.
    for (model::measure::ImportMapping& m : m_mappings) {
        const auto chosen = m_chosen.find({m_entries[m.entry].name(), m.object});
        if (chosen != m_chosen.end())
            m.target = chosen->second;
    }
    const engine::Model& model = m_document->model();
    QStringList targets;
    for (const engine::Component& c : model.components)
        targets << qs(c.id);
    for (const engine::Link& l : model.links) {
        if (l.get(engine::LinkField::PoolSize))
            targets << qs(l.from + "->" + l.to);
    }
    m_mapping->setRowCount(0);
    m_mapping->setRowCount(static_cast<int>(m_mappings.size()));
    for (int row = 0; row < static_cast<int>(m_mappings.size()); ++row) {
        const model::measure::ImportMapping& m = m_mappings[static_cast<std::size_t>(row)];
        const engine::Measurement& measurement = *m_entries[m.entry].measurement;
        m_mapping->setItem(row, 0, cell(qs(m.object)));
        m_mapping->setItem(row, 1, cell(qs(std::string(engine::sourceTitle(measurement.source))) +
                                        QStringLiteral(" \u00b7 ") + shownName(m_entries[m.entry])));
        m_mapping->item(row, 1)->setToolTip(qs(m_entries[m.entry].name()));
        auto* combo = new QComboBox(m_mapping);
        combo->addItem(tr("(not mapped)"), QString());
        for (const QString& t : targets)
            combo->addItem(t, t);
        combo->setCurrentIndex(m.target ? std::max(0, combo->findData(qs(m.target->text()))) : 0);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, row, combo] {
            const QString text = combo->currentData().toString();
            model::measure::ImportMapping& m = m_mappings[static_cast<std::size_t>(row)];
            m.target = text.isEmpty() ? std::nullopt : engine::parseTarget(text.toStdString());
            m_chosen[{m_entries[m.entry].name(), m.object}] = m.target;
            preview();
        });
        m_mapping->setCellWidget(row, 2, combo);
    }
    m_mapping->resizeColumnsToContents();
    m_mapping->setColumnWidth(2, std::max(m_mapping->columnWidth(2), 220));
    m_mapping->horizontalHeader()->setStretchLastSection(true);
}

void ImportMeasurementsDialog::preview()
{
    m_preview.reset();
    m_changes->setRowCount(0);
    m_residuals->setRowCount(0);
    m_apply->setEnabled(false);
    if (m_entries.empty()) {
        showProblem(tr("Add the files a system reported, or paste what a command printed."));
        return;
    }
    auto previewed = model::measure::previewImport(m_document->model(), m_entries, m_mappings);
    if (!previewed) {
        showProblem(QStringLiteral("error: ") + model::issuesText(previewed.issues()));
        return;
    }
    m_preview = std::move(previewed).value();
    const engine::CalibrationResult& calibration = m_preview->calibration;
    m_changes->setRowCount(static_cast<int>(calibration.changes.size()));
    for (int row = 0; row < static_cast<int>(calibration.changes.size()); ++row) {
        const engine::FieldChange& c = calibration.changes[static_cast<std::size_t>(row)];
        m_changes->setItem(row, 0, cell(qs(c.owner.text() + "." + c.field)));
        m_changes->setItem(row, 1, cell(qs(model::measure::modelledText(c.before)), true));
        m_changes->setItem(row, 2, cell(qs(model::humanNumber(c.after)), true));
    }
    m_residuals->setRowCount(static_cast<int>(calibration.residuals.size()));
    for (int row = 0; row < static_cast<int>(calibration.residuals.size()); ++row) {
        const engine::ResidualRow& r = calibration.residuals[static_cast<std::size_t>(row)];
        const engine::MeasureMapping& m = m_preview->mappings[r.mapping];
        const QStringList cells{qs(m.object + " \u2192 " + m.target.text()),
                                qs(r.figure),
                                qs(model::measure::modelledText(r.measured)),
                                qs(model::measure::modelledText(r.modelled, r.modelledInfinite)),
                                qs(model::measure::residualText(r.residual)),
                                qs(model::measure::residualNote(r))};
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem* item = cell(cells[column], column >= 2 && column <= 4);
            if (r.flagged)
                item->setBackground(QColor(0xfd, 0xe7, 0xe4));
            m_residuals->setItem(row, column, item);
        }
    }
    m_changes->resizeColumnsToContents();
    m_residuals->resizeColumnsToContents();
    m_residuals->horizontalHeader()->setStretchLastSection(true);
    const auto flagged = std::count_if(calibration.residuals.begin(), calibration.residuals.end(),
                                       [](const engine::ResidualRow& r) { return r.flagged; });
    showProblem(flagged == 0 ? QString()
                                    : tr("%n figure(s) flagged: see the note beside each.", nullptr,
                                         static_cast<int>(flagged)));
    m_apply->setEnabled(!calibration.changes.empty());
}

void ImportMeasurementsDialog::showProblem(const QString& text)
{
    QStringList lines = m_unreadable;
    if (!text.isEmpty())
        lines << text;
    m_problem->setText(lines.join(QLatin1Char('\n')));
}

void ImportMeasurementsDialog::apply()
{
    if (!m_preview)
        return;
    if (const auto problem = model::pushCalibration(*m_document, m_preview->calibration, m_preview->measurements,
                                                    tr("Import Measurements"))) {
        showProblem(QStringLiteral("error: ") + *problem);
        return;
    }
    accept();
}

} // namespace headroom::ui
