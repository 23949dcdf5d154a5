// SPDX-License-Identifier: MIT
#include "Inspector.h"

#include "FieldEditor.h"
#include "FiguresLabel.h"
#include "Format.h"
#include "IconLibrary.h"
#include "Theme.h"

#include "document/ComponentCommands.h"
#include "engine/ComponentDefaults.h"
#include "document/Document.h"
#include "document/Editing.h"
#include "document/LiveSolver.h"
#include "document/SetValueCommand.h"
#include "engine/Validation.h"
#include "engine/calibration/CalibrationMarks.h"
#include "io/TextTable.h"
#include "measure/MeasureOutput.h"

#include <QtCore/QLocale>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtGui/QFontMetrics>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

using engine::Field;
using model::ComponentId;
using model::LinkId;

namespace {

/// Notes longer than this are shown, not edited (see refreshComponent).
constexpr std::size_t kMostEditedNotesBytes = 100'000;
/// A description longer than this is shown in a scrolling view rather than in the summary's label.
constexpr std::size_t kLabelledDescriptionBytes = 500;
/// The most of a long text (a description, notes too long to edit) a view holds: wrapping
/// one paragraph of megabytes would stall the window; the file keeps the whole text.
constexpr qsizetype kMostDescriptionCharacters = 20'000;

/// A long description: read-only, scrolling, its start only when it is very long.
QWidget* descriptionView(const std::string& description, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* view = new QPlainTextEdit(box);
    view->setObjectName(QStringLiteral("descriptionView"));
    view->setReadOnly(true);
    view->setPlainText(format::shortText(description, kMostDescriptionCharacters));
    view->setFixedHeight(QFontMetrics(view->font()).lineSpacing() * 12 + 10);
    layout->addWidget(view);
    const qsizetype characters = format::text(description).size();
    if (characters > kMostDescriptionCharacters) {
        auto* note = new QLabel(Inspector::tr("The first %1 of %2 characters of the description.")
                                    .arg(QLocale().toString(kMostDescriptionCharacters), QLocale().toString(characters)),
                                box);
        note->setObjectName(QStringLiteral("descriptionNote"));
        note->setWordWrap(true);
        note->setStyleSheet(theme::textStyle(theme::kMutedText));
        layout->addWidget(note);
    }
    return box;
}

struct Section {
    const char* title;
    std::initializer_list<Field> fields;
};

// Fields in the order a capacity planner reads them. Fields not listed here (a field
// added to the engine later) still appear, under "Other".
const Section kSections[] = {
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Workload"), {Field::RateRps, Field::Users, Field::ThinkMs}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Capacity"),
     {Field::Instances, Field::Servers, Field::ServiceMs, Field::ServiceCv, Field::HottestShare, Field::Capacity}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Cache"), {Field::HitRatio}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Database"),
     {Field::MaxConnections, Field::WriteFraction, Field::ApplyMs, Field::ReplicationDelayMs}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Dependency"), {Field::LatencyMs}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Operations"), {Field::Stateful, Field::CostPerInstanceMonth}},
    {QT_TRANSLATE_NOOP("headroom::ui::Inspector", "Diagram"), {Field::X, Field::Y}},
};

QLabel* sectionHeader(const QString& title, QWidget* parent)
{
    auto* label = new QLabel(title, parent);
    label->setStyleSheet(QStringLiteral("font-weight: bold; color: %1; padding-top: 8px; border-bottom: 1px solid %2;")
                             .arg(theme::kHeading.name(), theme::kRule.name()));
    return label;
}

QString placeholderFor(Field field, const engine::Component& c)
{
    const engine::FieldRule& rule = engine::fieldRule(field);
    if (engine::isRequired(field, c))
        return Inspector::tr("required");
    switch (field) {
    case Field::HottestShare:
        return Inspector::tr("even split");
    case Field::Capacity:
        return Inspector::tr("unbounded");
    case Field::MaxConnections:
        return Inspector::tr("no limit");
    case Field::ApplyMs:
        return Inspector::tr("its service time");
    case Field::RateRps:
    case Field::Users:
        return Inspector::tr("not set");
    default:
        break;
    }
    if (rule.defaultValue)
        return Inspector::tr("default %1").arg(format::text(engine::formatNumber(*rule.defaultValue)));
    return Inspector::tr("not set");
}

QString fieldToolTip(const engine::FieldRule& rule)
{
    QString tip = QStringLiteral("<b>%1</b> (%2)<br>%3").arg(format::text(rule.label), format::text(rule.key),
                                                            format::text(rule.describeRange()));
    if (rule.defaultValue)
        tip += Inspector::tr("<br>Default: %1").arg(format::text(engine::formatNumber(*rule.defaultValue)));
    if (!rule.unit.empty())
        tip += Inspector::tr("<br>Unit: %1").arg(format::text(rule.unit));
    return tip;
}

std::optional<QString> checkRule(const engine::FieldRule& rule, std::optional<double> value)
{
    if (!value)
        return std::nullopt;
    if (auto problem = rule.check(*value))
        return format::text(*problem);
    return std::nullopt;
}

void setTextKeepingCursor(QLineEdit* edit, const QString& text)
{
    if (edit->text() == text)
        return;
    edit->setText(text);
    if (!edit->hasFocus())
        edit->setCursorPosition(0); // show the start of a long text
}

} // namespace

Inspector::Inspector(model::Document* document, const model::LiveSolver* solver, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("inspector"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll);
    m_rebuild.setSingleShot(true);
    m_rebuild.setInterval(0);
    connect(&m_rebuild, &QTimer::timeout, this, &Inspector::rebuild);

    connect(document, &model::Document::modelReset, this, [this] { showSelection({}, {}); });
    connect(document, &model::Document::componentChanged, this, [this](ComponentId id, Field) {
        if (id == m_component)
            refreshComponent();
    });
    connect(document, &model::Document::componentMoved, this, [this](ComponentId id) {
        if (id == m_component)
            refreshComponent();
    });
    connect(document, &model::Document::componentTextChanged, this, [this](ComponentId id, model::ComponentText) {
        if (id == m_component)
            refreshComponent();
        else if (m_link.isValid())
            refreshLink();
    });
    connect(document, &model::Document::componentKindChanged, this, [this](ComponentId id) {
        if (id == m_component || m_link.isValid())
            scheduleRebuild();
    });
    connect(document, &model::Document::componentRemoved, this, [this](ComponentId id) {
        m_selectedComponents.removeAll(id);
        if (id == m_component)
            m_component = {};
        scheduleRebuild();
    });
    connect(document, &model::Document::componentAdded, this, [this](ComponentId) {
        if (!m_component.isValid() && !m_link.isValid())
            scheduleRebuild();
    });
    connect(document, &model::Document::linkChanged, this, [this](LinkId id) {
        if (id == m_link)
            refreshLink();
    });
    // A calibration adds the rows that say where a field came from.
    connect(document, &model::Document::calibrationChanged, this, [this] {
        if (m_component.isValid() || m_link.isValid())
            scheduleRebuild();
    });
    connect(document, &model::Document::linkRemoved, this, [this](LinkId id) {
        m_selectedLinks.removeAll(id);
        if (id == m_link)
            m_link = {};
        scheduleRebuild();
    });
    rebuild();
    setSolver(solver);
}

void Inspector::showSelection(const QList<ComponentId>& components, const QList<LinkId>& links)
{
    m_selectedComponents = components;
    m_selectedLinks = links;
    const ComponentId component = components.size() == 1 && links.isEmpty() ? components.front() : ComponentId{};
    const LinkId link = links.size() == 1 && components.isEmpty() ? links.front() : LinkId{};
    m_component = component;
    m_link = link;
    m_rebuild.stop();
    rebuild();
}

void Inspector::setSolver(const model::LiveSolver* solver)
{
    model::followSolver(m_solver, solver, this, &Inspector::refreshFigures);
}

void Inspector::scheduleRebuild()
{
    if (!m_rebuild.isActive())
        m_rebuild.start();
}

void Inspector::clearEditors()
{
    m_fieldEditors.clear();
    m_flagEditors.clear();
    m_linkEditors.clear();
    m_idEdit = nullptr;
    m_idMessage = nullptr;
    m_labelEdit = nullptr;
    m_notesEdit = nullptr;
    m_notesTooLong = nullptr;
    m_kindCombo = nullptr;
    m_roleCombo = nullptr;
    m_linkKindCombo = nullptr;
    m_componentIssues = nullptr;
    m_figures = nullptr;
    m_marks.clear();
    m_title = nullptr;
    m_source = nullptr;
}

void Inspector::rebuild()
{
    if (m_component.isValid() && !m_document->contains(m_component))
        m_component = {};
    if (m_link.isValid() && !m_document->contains(m_link))
        m_link = {};
    clearEditors();
    QWidget* form = nullptr;
    if (m_component.isValid())
        form = buildComponentForm();
    else if (m_link.isValid())
        form = buildLinkForm();
    else
        form = buildSummary();
    m_scroll->setWidget(form); // deletes the previous form
    if (m_component.isValid()) {
        refreshComponent();
        refreshFigures();
    } else if (m_link.isValid()) {
        refreshLink();
    }
}

QWidget* Inspector::buildSummary()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    const auto addLabel = [&](const QString& html) {
        auto* label = new QLabel(html, page);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        layout->addWidget(label);
    };
    const engine::Model& model = m_document->model();
    const qsizetype components = m_selectedComponents.size();
    const qsizetype links = m_selectedLinks.size();
    if (components + links > 1) {
        addLabel(tr("<b>%1 components and %2 links selected.</b><br><br>Select one item to edit it. "
                    "Delete, copy, cut and the arrow keys act on the whole selection.")
                     .arg(components)
                     .arg(links));
    } else {
        const QString name = model.name.empty() ? tr("Untitled model") : format::shortText(model.name);
        QString html = QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped());
        const bool longDescription = model.description.size() > kLabelledDescriptionBytes;
        if (!model.description.empty() && !longDescription)
            html += QStringLiteral("<p>%1</p>").arg(format::text(model.description).toHtmlEscaped());
        addLabel(html);
        if (longDescription)
            layout->addWidget(descriptionView(model.description, page));
        addLabel(tr("<p>%1 components, %2 links.</p>").arg(model.components.size()).arg(model.links.size()) +
                 QStringLiteral("<p>%1</p>")
                     .arg(theme::coloured(theme::kMutedText,
                                          tr("Select a component or a link to edit it. Drag from the palette to add; "
                                             "drag from a component's blue handle to another component to link them."))));
    }
    layout->addStretch(1);
    return page;
}

QWidget* Inspector::buildComponentForm()
{
    const engine::Component& c = m_document->component(m_component);
    const engine::DatabaseRole role = c.effectiveRole();
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft);

    // Header: icon and name.
    auto* header = new QWidget(page);
    auto* headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 4);
    auto* icon = new QLabel(header);
    icon->setPixmap(icons::icon(c.kind, c.role).pixmap(40, 40));
    headerLayout->addWidget(icon);
    m_title = new QLabel(header);
    m_title->setWordWrap(true);
    headerLayout->addWidget(m_title, 1);
    form->addRow(header);

    m_componentIssues = new QLabel(page);
    m_componentIssues->setWordWrap(true);
    m_componentIssues->setStyleSheet(theme::textStyle(theme::kError));
    m_componentIssues->setVisible(false);
    form->addRow(m_componentIssues);

    m_figures = new FiguresLabel(page);
    form->addRow(m_figures);

    // Identity.
    form->addRow(sectionHeader(tr("Component"), page));
    m_idEdit = new QLineEdit(page);
    m_idEdit->setToolTip(tr("The component's id in the model file: 1 to 64 letters, digits, '_', '-' or '.'. "
                            "Renaming it renames its links and scenario overrides."));
    m_idMessage = new QLabel(page);
    m_idMessage->setWordWrap(true);
    m_idMessage->setStyleSheet(theme::textStyle(theme::kError));
    m_idMessage->setVisible(false);
    auto* idBox = new QWidget(page);
    auto* idLayout = new QVBoxLayout(idBox);
    idLayout->setContentsMargins(0, 0, 0, 0);
    idLayout->setSpacing(2);
    idLayout->addWidget(m_idEdit);
    idLayout->addWidget(m_idMessage);
    form->addRow(tr("Id"), idBox);
    connect(m_idEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        const auto problem = model::renameProblem(*m_document, m_component, text);
        m_idMessage->setText(problem.value_or(QString()));
        m_idMessage->setVisible(problem.has_value());
        m_idEdit->setStyleSheet(problem ? theme::invalidLineEditStyle() : QString());
    });
    connect(m_idEdit, &QLineEdit::editingFinished, this, &Inspector::applyRename);

    m_labelEdit = new QLineEdit(page);
    m_labelEdit->setPlaceholderText(tr("shown on the diagram; the id if empty"));
    form->addRow(tr("Label"), m_labelEdit);
    connect(m_labelEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_document->undoStack()->push(
            new model::SetComponentTextCommand(m_document, {m_component, model::ComponentText::Label},
                                               text.toStdString()));
    });

    m_kindCombo = new QComboBox(page);
    for (const engine::ComponentKind kind : engine::allKinds())
        m_kindCombo->addItem(icons::icon(kind), format::text(engine::kindTitle(kind)), static_cast<int>(kind));
    m_kindCombo->setCurrentIndex(m_kindCombo->findData(static_cast<int>(c.kind)));
    form->addRow(tr("Kind"), m_kindCombo);
    connect(m_kindCombo, &QComboBox::activated, this, [this](int index) {
        const auto kind = static_cast<engine::ComponentKind>(m_kindCombo->itemData(index).toInt());
        const engine::Component& now = m_document->component(m_component);
        std::optional<engine::DatabaseRole> newRole;
        if (kind == engine::ComponentKind::Database)
            newRole = now.kind == engine::ComponentKind::Database ? now.role : engine::DatabaseRole::Primary;
        model::changeKind(*m_document, m_component, kind, newRole);
    });

    if (c.kind == engine::ComponentKind::Database) {
        m_roleCombo = new QComboBox(page);
        m_roleCombo->addItem(icons::icon(c.kind, engine::DatabaseRole::Primary), tr("Primary: takes the writes"),
                             static_cast<int>(engine::DatabaseRole::Primary));
        m_roleCombo->addItem(icons::icon(c.kind, engine::DatabaseRole::Replica), tr("Replica: serves reads"),
                             static_cast<int>(engine::DatabaseRole::Replica));
        m_roleCombo->setCurrentIndex(role == engine::DatabaseRole::Primary ? 0 : 1);
        form->addRow(tr("Role"), m_roleCombo);
        connect(m_roleCombo, &QComboBox::activated, this, [this](int index) {
            const auto newRole = static_cast<engine::DatabaseRole>(m_roleCombo->itemData(index).toInt());
            model::changeKind(*m_document, m_component, engine::ComponentKind::Database, newRole);
        });
    }

    m_notesEdit = new QPlainTextEdit(page);
    m_notesEdit->setPlaceholderText(tr("why it is sized this way"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setFixedHeight(QFontMetrics(m_notesEdit->font()).lineSpacing() * 4 + 10);
    form->addRow(tr("Notes"), m_notesEdit);
    m_notesTooLong = new QLabel(page);
    m_notesTooLong->setObjectName(QStringLiteral("notesTooLong"));
    m_notesTooLong->setWordWrap(true);
    m_notesTooLong->setStyleSheet(theme::textStyle(theme::kMutedText));
    m_notesTooLong->setVisible(false);
    form->addRow(m_notesTooLong);
    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_refreshing || m_notesEdit->isReadOnly())
            return;
        m_document->undoStack()->push(new model::SetComponentTextCommand(
            m_document, {m_component, model::ComponentText::Notes}, m_notesEdit->toPlainText().toStdString()));
    });

    // Every numeric field of the kind, section by section.
    QList<Field> placed;
    const auto addField = [&](Field field) {
        placed.append(field);
        if (!engine::fieldApplies(field, c.kind, role))
            return false;
        const engine::FieldRule& rule = engine::fieldRule(field);
        auto* label = new QLabel(format::text(rule.label), page);
        label->setToolTip(fieldToolTip(rule));
        if (rule.type == engine::ValueType::Flag) {
            auto* box = new QCheckBox(page);
            box->setToolTip(fieldToolTip(rule));
            form->addRow(label, box);
            m_flagEditors.insert(field, box);
            connect(box, &QCheckBox::clicked, this, [this, field](bool on) {
                m_document->undoStack()->push(
                    new model::SetComponentFieldCommand(m_document, {m_component, field}, on ? 1.0 : 0.0));
            });
            return true;
        }
        const FieldEditor::Check check = [this, field](std::optional<double> value) -> std::optional<QString> {
            const engine::FieldRule& r = engine::fieldRule(field);
            if (!value) {
                if (engine::isRequired(field, m_document->component(m_component)))
                    return tr("required: %1").arg(format::text(r.describeRange()));
                if (field == Field::X || field == Field::Y)
                    return tr("a position is needed");
                return std::nullopt;
            }
            return checkRule(r, value);
        };
        auto* editor = new FieldEditor(format::text(rule.unit), placeholderFor(field, c), check, page);
        editor->lineEdit()->setToolTip(fieldToolTip(rule));
        editor->setObjectName(format::text(rule.key));
        form->addRow(label, editor);
        addMarkRow(form, c.calibrated, rule.key, page);
        m_fieldEditors.insert(field, editor);
        connect(editor, &FieldEditor::valueEdited, this,
                [this, editor, field](std::optional<double> value) { applyField(editor, field, value); });
        return true;
    };
    for (const Section& section : kSections) {
        const bool any = std::any_of(section.fields.begin(), section.fields.end(),
                                     [&](Field field) { return engine::fieldApplies(field, c.kind, role); });
        if (any)
            form->addRow(sectionHeader(tr(section.title), page));
        for (const Field field : section.fields)
            addField(field);
    }
    bool otherHeader = false;
    for (const Field field : engine::allFields()) {
        if (placed.contains(field) || !engine::fieldApplies(field, c.kind, role))
            continue;
        if (!otherHeader) {
            form->addRow(sectionHeader(tr("Other"), page));
            otherHeader = true;
        }
        addField(field);
    }
    return page;
}

QWidget* Inspector::buildLinkForm()
{
    const engine::Link& l = m_document->link(m_link);
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_title = new QLabel(page);
    m_title->setWordWrap(true);
    form->addRow(m_title);
    m_figures = new FiguresLabel(page);
    m_figures->setVisible(false);
    form->addRow(m_figures);

    form->addRow(sectionHeader(tr("Link"), page));
    const ComponentId target = m_document->linkTarget(m_link);
    const bool intoQueue = target.isValid() && m_document->component(target).kind == engine::ComponentKind::Queue;
    m_linkKindCombo = new QComboBox(page);
    m_linkKindCombo->addItem(intoQueue ? tr("Default (async into a queue)") : tr("Default (sync)"), -1);
    m_linkKindCombo->addItem(tr("Sync: the caller waits"), static_cast<int>(engine::LinkKind::Sync));
    m_linkKindCombo->addItem(tr("Async: fire and forget"), static_cast<int>(engine::LinkKind::Async));
    m_linkKindCombo->addItem(tr("Replication: primary to replica"), static_cast<int>(engine::LinkKind::Replication));
    form->addRow(tr("Kind"), m_linkKindCombo);
    connect(m_linkKindCombo, &QComboBox::activated, this, [this](int index) {
        const int data = m_linkKindCombo->itemData(index).toInt();
        const std::optional<engine::LinkKind> kind =
            data < 0 ? std::nullopt : std::optional(static_cast<engine::LinkKind>(data));
        m_document->undoStack()->push(new model::SetLinkKindCommand(m_document, m_link, kind));
    });

    const bool intoDatabase = target.isValid() && m_document->component(target).kind == engine::ComponentKind::Database;
    for (const engine::LinkField field : engine::allLinkFields()) {
        const engine::FieldRule& rule = engine::linkFieldRule(field);
        if (field == engine::LinkField::PoolSize)
            form->addRow(sectionHeader(tr("Connection pool"), page));
        if (field == engine::LinkField::TimeoutMs)
            form->addRow(sectionHeader(tr("Timeout and retries"), page));
        const FieldEditor::Check check = [field](std::optional<double> value) {
            return checkRule(engine::linkFieldRule(field), value);
        };
        QString placeholder = rule.defaultValue ? tr("default %1").arg(format::text(engine::formatNumber(*rule.defaultValue)))
                              : field == engine::LinkField::TimeoutMs ? tr("no timeout")
                                                                      : tr("no pool");
        auto* editor = new FieldEditor(format::text(rule.unit), placeholder, check, page);
        editor->setObjectName(format::text(rule.key));
        editor->lineEdit()->setToolTip(fieldToolTip(rule));
        const bool poolField = field == engine::LinkField::PoolSize || field == engine::LinkField::PoolOverheadMs ||
                               field == engine::LinkField::ConnectMs;
        if (poolField && !intoDatabase) {
            editor->setEnabled(false);
            editor->lineEdit()->setToolTip(tr("Connection pools are for links into a database."));
        }
        auto* label = new QLabel(format::text(rule.label), page);
        label->setToolTip(fieldToolTip(rule));
        form->addRow(label, editor);
        addMarkRow(form, l.calibrated, rule.key, page);
        m_linkEditors.insert(field, editor);
        connect(editor, &FieldEditor::valueEdited, this,
                [this, editor, field](std::optional<double> value) { applyLinkField(editor, field, value); });
    }
    return page;
}

void Inspector::applyField(FieldEditor* source, Field field, std::optional<double> value)
{
    m_source = source;
    if (field == Field::X || field == Field::Y) {
        QPointF to = m_document->position(m_component);
        (field == Field::X ? to.rx() : to.ry()) = value.value_or(0.0);
        m_document->undoStack()->push(new model::MoveComponentsCommand(
            m_document, {{m_component, to}}, model::MoveComponentsCommand::MoveMode::Nudge));
    } else {
        m_document->undoStack()->push(new model::SetComponentFieldCommand(m_document, {m_component, field}, value));
    }
    m_source = nullptr;
}

void Inspector::applyLinkField(FieldEditor* source, engine::LinkField field, std::optional<double> value)
{
    m_source = source;
    m_document->undoStack()->push(new model::SetLinkFieldCommand(m_document, {m_link, field}, value));
    m_source = nullptr;
}

void Inspector::applyRename()
{
    if (!m_idEdit || !m_component.isValid())
        return;
    const QString text = m_idEdit->text();
    if (text.toStdString() == m_document->component(m_component).id)
        return;
    if (model::renameProblem(*m_document, m_component, text))
        return; // stays marked; never applied
    m_document->undoStack()->push(
        new model::SetComponentTextCommand(m_document, {m_component, model::ComponentText::Id}, text.toStdString()));
}

void Inspector::refreshComponent()
{
    if (!m_component.isValid() || !m_document->contains(m_component) || !m_idEdit)
        return;
    const engine::Component& c = m_document->component(m_component);
    m_title->setText(QStringLiteral("<b style='font-size:13pt'>%1</b><br>%2")
                         .arg(format::displayName(c).toHtmlEscaped(),
                              theme::coloured(theme::kMutedText, QStringLiteral("%1 &middot; %2")
                                                                     .arg(format::shortText(c.id).toHtmlEscaped(),
                                                                          format::kindTitle(c.kind, c.role)))));
    if (!m_idEdit->hasFocus() || !m_idMessage->isVisible()) {
        setTextKeepingCursor(m_idEdit, format::text(c.id));
        m_idMessage->setVisible(false);
        m_idEdit->setStyleSheet(QString());
    }
    setTextKeepingCursor(m_labelEdit, format::text(c.label));
    // Notes of megabytes are shown (their start), not edited: wrapping one paragraph that long
    // takes seconds at every change. The file keeps them whole.
    const bool editable = c.notes.size() <= kMostEditedNotesBytes;
    const QString shownNotes = editable ? format::text(c.notes) : format::shortText(c.notes, kMostDescriptionCharacters);
    m_notesEdit->setReadOnly(!editable);
    if (!editable)
        m_notesTooLong->setText(tr("The notes are %1 characters long, too long to edit here; the first %2 are shown.")
                                    .arg(QLocale().toString(format::text(c.notes).size()),
                                         QLocale().toString(kMostDescriptionCharacters)));
    m_notesTooLong->setVisible(!editable);
    if (m_notesEdit->toPlainText() != shownNotes) {
        m_refreshing = true;
        m_notesEdit->setPlainText(shownNotes);
        m_refreshing = false;
    }
    for (auto it = m_fieldEditors.cbegin(); it != m_fieldEditors.cend(); ++it) {
        if (it.value() != m_source)
            it.value()->setValue(c.get(it.key()));
    }
    for (auto it = m_flagEditors.cbegin(); it != m_flagEditors.cend(); ++it)
        it.value()->setChecked(c.valueOr(it.key(), 0.0) != 0.0);

    // Rules between fields (capacity >= servers...) and whole-component rules.
    QMap<Field, QStringList> notes;
    QStringList general;
    for (const engine::Issue& issue : engine::validateComponent(c)) {
        const std::optional<Field> field = engine::parseField(issue.subject.field);
        if (field && m_fieldEditors.contains(*field))
            notes[*field].append(format::shortText(issue.message, format::kMostMessageCharacters));
        else
            general.append(format::shortText(issue.message, format::kMostMessageCharacters));
    }
    for (auto it = m_fieldEditors.cbegin(); it != m_fieldEditors.cend(); ++it)
        it.value()->setNote(notes.value(it.key()).join(QLatin1Char('\n')));
    m_componentIssues->setText(general.join(QLatin1Char('\n')));
    m_componentIssues->setVisible(!general.isEmpty());
}

void Inspector::refreshLink()
{
    if (!m_link.isValid() || !m_document->contains(m_link) || !m_linkKindCombo)
        return;
    const engine::Link& l = m_document->link(m_link);
    m_title->setText(QStringLiteral("<b style='font-size:13pt'>%1 &rarr; %2</b><br>%3")
                         .arg(format::shortText(l.from).toHtmlEscaped(), format::shortText(l.to).toHtmlEscaped(),
                              theme::coloured(theme::kMutedText, tr("calls per request that %1 serves")
                                                                     .arg(format::shortText(l.from).toHtmlEscaped()))));
    m_linkKindCombo->setCurrentIndex(m_linkKindCombo->findData(l.kind ? static_cast<int>(*l.kind) : -1));
    const ComponentId target = m_document->linkTarget(m_link);
    const engine::LinkKind kind =
        engine::effectiveLinkKind(l, target.isValid() ? m_document->component(target).kind : engine::ComponentKind::Station);
    for (auto it = m_linkEditors.cbegin(); it != m_linkEditors.cend(); ++it) {
        if (it.value() != m_source)
            it.value()->setValue(l.get(it.key()));
        if (it.key() == engine::LinkField::TimeoutMs || it.key() == engine::LinkField::Retries) {
            const bool applies = engine::linkFieldApplies(it.key(), kind);
            it.value()->setEnabled(applies);
            it.value()->lineEdit()->setToolTip(applies ? fieldToolTip(engine::linkFieldRule(it.key()))
                                                       : tr("Timeouts and retries are for sync links."));
        }
    }
    refreshFigures();
}

void Inspector::addMarkRow(QFormLayout* form, const std::vector<engine::CalibrationMark>& marks,
                           std::string_view key, QWidget* page)
{
    const auto mark = std::find_if(marks.begin(), marks.end(), [&](const auto& m) { return m.field == key; });
    if (mark == marks.end())
        return;
    auto* label = new QLabel(page);
    label->setObjectName(QStringLiteral("calibrated_") + format::text(key));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(theme::textStyle(theme::kMeasured) + QStringLiteral(" font-size: 8pt;"));
    label->setToolTip(format::text(mark->file));
    form->addRow(QString(), label);
    m_marks.insert(format::text(key), label);
}

void Inspector::refreshMarks()
{
    if (m_marks.isEmpty())
        return;
    const engine::Model& model = m_document->model();
    const std::vector<engine::CalibrationMark>* marks = nullptr;
    engine::CalibrationTarget owner;
    if (m_component.isValid() && m_document->contains(m_component)) {
        marks = &m_document->component(m_component).calibrated;
        owner.component = m_document->component(m_component).id;
    } else if (m_link.isValid() && m_document->contains(m_link)) {
        const engine::Link& l = m_document->link(m_link);
        marks = &l.calibrated;
        owner = {l.from, l.to};
    }
    if (!marks)
        return;
    // The figures are of the base model only when no what-if is shown.
    const std::optional<model::LiveResult> none;
    const std::optional<model::LiveResult>& result = m_solver ? m_solver->result() : none;
    const bool comparable = result && !m_document->whatIfChangesModel() &&
                            result->result.components.size() == model.components.size();
    for (const engine::CalibrationMark& mark : *marks) {
        QLabel* label = m_marks.value(format::text(mark.field));
        if (!label)
            continue;
        const auto modelled = comparable ? engine::markedFigure(model, result->result, owner, mark) : std::nullopt;
        QString text = format::text(engine::markSource(mark)) + QLatin1Char('\n') +
                       tr("%1: measured %2, modelled %3")
                           .arg(format::text(mark.figure), format::text(model::humanNumber(mark.measured)),
                                modelled ? format::text(model::humanNumber(*modelled)) : tr("\u2014"));
        if (modelled && mark.measured != 0.0)
            text += QStringLiteral(" (%1)").arg(format::text(model::measure::residualText(
                (*modelled - mark.measured) / std::abs(mark.measured))));
        const std::optional<double> now =
            m_component.isValid() ? m_document->component(m_component).get(*engine::parseField(mark.field))
                                  : m_document->link(m_link).get(*engine::parseLinkField(mark.field));
        if (now != mark.value)
            text += QLatin1Char('\n') + tr("calibration set %1; edited since")
                                              .arg(format::text(model::humanNumber(mark.value)));
        label->setText(text);
    }
}

QString Inspector::figuresText() const
{
    return m_figures ? m_figures->plainText() : QString();
}

void Inspector::refreshFigures()
{
    refreshMarks();
    if (!m_figures)
        return;
    const std::optional<model::LiveResult> none;
    const std::optional<model::LiveResult>& result = m_solver ? m_solver->result() : none;
    if (m_component.isValid() && m_document->contains(m_component)) {
        const engine::ComponentResult* r = result ? result->find(m_component) : nullptr;
        if (!r) {
            m_figures->setText(theme::coloured(theme::kMutedText, tr("No figures: the model does not solve yet. "
                                                                     "The Results panel lists what to fix.")));
            return;
        }
        m_figures->setText(format::componentFigures(m_document->component(m_component), *r,
                                                    result->bottleneck() == m_component));
        return;
    }
    if (m_link.isValid()) {
        const engine::PoolResult* pool = result ? result->pool(m_link) : nullptr;
        m_figures->setVisible(pool != nullptr);
        if (pool) {
            m_figures->setText(tr("<b>Pool</b>: %1 per instance, hold %2, utilization %3, P(wait) %4, "
                                  "mean wait %5, %6 connections in all%7")
                                   .arg(format::rps(pool->perInstanceRps), format::ms(pool->holdMs),
                                        pool->utilization ? format::percent(*pool->utilization) : tr("saturated"),
                                        format::percent(pool->waitProbability), format::ms(pool->meanWaitMs))
                                   .arg(pool->connectionsTotal)
                                   .arg(pool->maxConnections ? tr(" of %1 allowed").arg(*pool->maxConnections) : QString()));
        }
    }
}

} // namespace headroom::ui
