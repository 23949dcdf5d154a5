// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;

namespace headroom::ui {

/// A text box for one numeric field, with its unit and an inline message. Every
/// keystroke is parsed and checked; a valid value is emitted (so the edit applies
/// at once, and consecutive keystrokes merge into one undo step), an invalid one is
/// shown in red with the reason and never leaves the editor. Empty means "unset":
/// the field's default, where it has one.
class FieldEditor : public QWidget {
    Q_OBJECT

public:
    /// Null when the value may be applied, else why not.
    using Check = std::function<std::optional<QString>(std::optional<double>)>;

    FieldEditor(const QString& unit, const QString& placeholder, Check check, QWidget* parent = nullptr);

    /// Shows the document's value, unless the user is typing that very value.
    void setValue(std::optional<double> value);
    /// A problem that involves other fields too (capacity below servers): shown, but
    /// the value stays applied, since fixing it may mean editing the other field.
    void setNote(const QString& note);

    [[nodiscard]] bool isInvalid() const { return m_invalid; }
    [[nodiscard]] QString message() const;
    [[nodiscard]] QLineEdit* lineEdit() const { return m_edit; }

    /// "1,5" and "1.5" both read as 1.5; empty is unset.
    [[nodiscard]] static std::optional<std::optional<double>> parse(const QString& text);

signals:
    void valueEdited(std::optional<double> value);

private:
    void onTextEdited(const QString& text);
    void showMessage(const QString& message, bool error);

    QLineEdit* m_edit = nullptr;
    QLabel* m_message = nullptr;
    Check m_check;
    QString m_note;
    bool m_invalid = false;
};

} // namespace headroom::ui
