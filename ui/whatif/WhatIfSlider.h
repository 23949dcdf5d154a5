// SPDX-License-Identifier: MIT
#pragma once

#include "document/WhatIfKey.h"

#include <QtWidgets/QWidget>

#include <optional>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QToolButton;

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// One what-if control: its name, the model's own value, a slider, a number box and a
/// reset button. Moving it sets the what-if layer (a SetWhatIfCommand), never the
/// model: a drag is one undo step (a gesture from press to release), a key press, a
/// click on the groove or a typed number one step each; back at the base value the
/// override goes away. The slider spans a sensible range around the base value, within
/// the field's rule; the number box takes any value the rule allows.
class WhatIfSlider : public QWidget {
    Q_OBJECT

public:
    /// How slider positions map to values.
    enum class Scale : quint8 {
        Count,       ///< integers, 1 to several times the base
        Logarithmic, ///< a factor of ten either side of the base (the multiplier: 0.1 to 100)
        Fraction,    ///< 0 to 1
    };
    static constexpr int kSteps = 1000; ///< slider positions of the continuous scales

    WhatIfSlider(model::Document* document, model::WhatIfKey key, const QString& title, const QString& unit,
                 Scale scale, double min, double max, QWidget* parent = nullptr);

    /// Reads the base and what-if values from the document (never while being dragged).
    void refresh();

    [[nodiscard]] const model::WhatIfKey& key() const { return m_key; }
    [[nodiscard]] QSlider* slider() const { return m_slider; }
    [[nodiscard]] QDoubleSpinBox* spinBox() const { return m_spin; }
    [[nodiscard]] QToolButton* resetButton() const { return m_reset; }
    [[nodiscard]] QLabel* baseLabel() const { return m_base; }
    /// The value a slider position stands for, and the position of a value (clamped).
    [[nodiscard]] double valueAt(int position) const;
    [[nodiscard]] int positionOf(double value) const;
    /// The model's own value (its default when unset), and the value in effect.
    [[nodiscard]] double baseValue() const;
    [[nodiscard]] double value() const;

private:
    void apply(double value, quint64 gesture);
    void reset();
    void updateSpan();

    model::Document* m_document = nullptr;
    model::WhatIfKey m_key;
    QString m_unit;
    Scale m_scale = Scale::Count;
    double m_min = 0.0; ///< the rule's range
    double m_max = 1.0;
    double m_low = 0.0; ///< the slider's span
    double m_high = 1.0;
    QLabel* m_title = nullptr;
    QLabel* m_base = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QToolButton* m_reset = nullptr;
    quint64 m_gesture = 0;
    bool m_refreshing = false;
};

} // namespace headroom::ui
