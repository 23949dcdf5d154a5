// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QHash>
#include <QtGui/QTextDocument>
#include <QtWidgets/QWidget>

namespace headroom::ui {

/// A word-wrapped rich-text box for figures that change on every what-if tick. A QLabel
/// lays its rich text out again for each size question its layout asks (size hint,
/// minimum size, height for width...), several times a tick; this box lays it out once
/// per text and width, and answers from that.
class FiguresLabel : public QWidget {
    Q_OBJECT

public:
    /// Boxed: a light box around the text (the inspector's figures); Plain: text only.
    enum class Look : quint8 { Boxed, Plain };

    explicit FiguresLabel(QWidget* parent = nullptr, Look look = Look::Boxed);

    void setText(const QString& html);
    [[nodiscard]] QString text() const { return m_html; }
    /// The text as a reader sees it (tests).
    [[nodiscard]] QString plainText() const { return m_document.toPlainText(); }

    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Lays the text out for a box `width` wide (a no-op when it already is).
    void layoutFor(int width) const;

    Look m_look = Look::Boxed;
    int m_padding = 0;
    QString m_html;
    mutable QTextDocument m_document;
    mutable int m_laidOutWidth = -1;
    /// Heights already measured for this text, by box width (a layout asks for a few).
    mutable QHash<int, int> m_heights;
};

} // namespace headroom::ui
