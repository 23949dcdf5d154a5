// SPDX-License-Identifier: MIT
#include "FieldEditor.h"

#include "Theme.h"

#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtCore/QLocale>
#include <QtWidgets/QVBoxLayout>

#include <cmath>

namespace headroom::ui {

namespace {

QString formatValue(double value)
{
    return QString::number(value, 'g', 15);
}

} // namespace

FieldEditor::FieldEditor(const QString& unit, const QString& placeholder, Check check, QWidget* parent)
    : QWidget(parent), m_check(std::move(check))
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setSpacing(6);
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(placeholder);
    m_edit->setClearButtonEnabled(false);
    row->addWidget(m_edit, 1);
    // Every editor keeps the unit's column, so that the boxes line up.
    auto* unitLabel = new QLabel(unit, this);
    unitLabel->setFixedWidth(46);
    unitLabel->setStyleSheet(theme::textStyle(theme::kMutedText));
    row->addWidget(unitLabel);
    column->addLayout(row);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    column->addWidget(m_message);
    connect(m_edit, &QLineEdit::textEdited, this, &FieldEditor::onTextEdited);
    // Leaving an invalid entry keeps it visible, marked; leaving a valid one tidies it.
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        if (m_invalid)
            return;
        const auto parsed = parse(m_edit->text());
        if (parsed && *parsed)
            m_edit->setText(formatValue(**parsed));
    });
}

std::optional<std::optional<double>> FieldEditor::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::optional<double>();
    bool ok = false;
    double value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok)
        value = QLocale().toDouble(trimmed, &ok);
    if (!ok) {
        QString swapped = trimmed;
        swapped.replace(QLatin1Char(','), QLatin1Char('.'));
        value = QLocale::c().toDouble(swapped, &ok);
    }
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return std::optional<double>(value);
}

void FieldEditor::setValue(std::optional<double> value)
{
    if (m_edit->hasFocus()) {
        const auto typed = parse(m_edit->text());
        if (typed && *typed == value)
            return;
    }
    m_edit->setText(value ? formatValue(*value) : QString());
    m_invalid = false;
    m_edit->setStyleSheet(QString());
    showMessage(m_note, true);
}

void FieldEditor::setNote(const QString& note)
{
    m_note = note;
    if (!m_invalid)
        showMessage(m_note, true);
}

QString FieldEditor::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void FieldEditor::showMessage(const QString& message, bool error)
{
    m_message->setText(message);
    m_message->setStyleSheet(theme::textStyle(error ? theme::kError : theme::kMutedText));
    m_message->setVisible(!message.isEmpty());
}

void FieldEditor::onTextEdited(const QString& text)
{
    const auto parsed = parse(text);
    std::optional<QString> problem;
    if (!parsed)
        problem = tr("not a number");
    else if (m_check)
        problem = m_check(*parsed);
    m_invalid = problem.has_value();
    if (m_invalid) {
        m_edit->setStyleSheet(theme::invalidLineEditStyle());
        showMessage(*problem, true);
        return;
    }
    m_edit->setStyleSheet(QString());
    showMessage(m_note, true);
    emit valueEdited(*parsed);
}

} // namespace headroom::ui
