// SPDX-License-Identifier: MIT
#include "whatif/WhatIfSlider.h"

#include "Format.h"
#include "Theme.h"

#include "document/Document.h"
#include "document/SetValueCommand.h"

#include <QtCore/QSignalBlocker>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSlider>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

namespace {

/// Three significant digits: a slider position stands for a round value.
double roundValue(double value)
{
    if (!(value > 0.0))
        return value;
    const double scale = std::pow(10.0, std::floor(std::log10(value)) - 2.0);
    return std::round(value / scale) * scale;
}

QString valueText(double value, const QString& unit)
{
    const QString number = format::number(value);
    if (unit == QLatin1String("\u00d7"))
        return number + unit;
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

} // namespace

WhatIfSlider::WhatIfSlider(model::Document* document, model::WhatIfKey key, const QString& title, const QString& unit,
                           Scale scale, double min, double max, QWidget* parent)
    : QWidget(parent), m_document(document), m_key(key), m_unit(unit), m_scale(scale), m_min(min), m_max(max)
{
    m_title = new QLabel(title, this);
    m_base = new QLabel(this);
    m_base->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
    m_base->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("whatIfSlider"));
    m_slider->setMinimumWidth(120);
    m_spin = new QDoubleSpinBox(this);
    m_spin->setKeyboardTracking(false);
    m_spin->setRange(min, max);
    m_spin->setDecimals(scale == Scale::Count ? 0 : 3);
    m_spin->setSuffix(unit.isEmpty() ? QString() : (unit == QLatin1String("\u00d7") ? unit : QLatin1Char(' ') + unit));
    m_spin->setMinimumWidth(92);
    m_spin->setAccelerated(true);
    m_reset = new QToolButton(this);
    m_reset->setText(QStringLiteral("\u21ba"));
    m_reset->setToolTip(tr("Back to the model's own value"));
    m_reset->setAutoRaise(true);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(0);
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_base, 0, 1, 1, 3);
    layout->addWidget(m_slider, 1, 0, 1, 2);
    layout->addWidget(m_spin, 1, 2);
    layout->addWidget(m_reset, 1, 3);
    layout->setColumnStretch(0, 1);

    connect(m_slider, &QSlider::sliderPressed, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_slider, &QSlider::sliderReleased, this, [this] {
        m_gesture = 0;
        refresh();
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (!m_refreshing)
            apply(valueAt(position), m_slider->isSliderDown() ? m_gesture : 0);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (!m_refreshing)
            apply(value, 0);
    });
    connect(m_reset, &QToolButton::clicked, this, &WhatIfSlider::reset);
    refresh();
}

double WhatIfSlider::baseValue() const
{
    if (m_key.target == model::WhatIfKey::Target::Multiplier)
        return 1.0;
    if (const auto base = m_document->baseValue(m_key))
        return *base;
    const std::optional<double> fallback = m_key.target == model::WhatIfKey::Target::Component
                                               ? engine::fieldRule(m_key.field).defaultValue
                                               : engine::linkFieldRule(m_key.linkField).defaultValue;
    return fallback.value_or(m_min);
}

double WhatIfSlider::value() const
{
    return m_document->whatIfValue(m_key).value_or(baseValue());
}

void WhatIfSlider::updateSpan()
{
    const double base = baseValue();
    const double current = value();
    switch (m_scale) {
    case Scale::Count:
        m_low = m_min;
        m_high = std::max({16.0, 4.0 * base, current});
        break;
    case Scale::Logarithmic:
        if (m_key.target == model::WhatIfKey::Target::Multiplier) {
            m_low = 0.1;
            m_high = 100.0;
        } else {
            // A factor of ten either side of the model's value, wider only to show a
            // value typed outside it: the span does not move under the user's hand.
            m_low = std::min(base / 10.0, current);
            m_high = std::max(base * 10.0, current);
        }
        break;
    case Scale::Fraction:
        m_low = 0.0;
        m_high = 1.0;
        break;
    }
    m_low = std::max(m_low, m_min);
    m_high = std::min(m_high, m_max);
    if (m_scale == Scale::Count)
        m_slider->setRange(static_cast<int>(m_low), static_cast<int>(m_high));
    else
        m_slider->setRange(0, kSteps);
}

double WhatIfSlider::valueAt(int position) const
{
    const double t = static_cast<double>(position - m_slider->minimum()) /
                     std::max(1, m_slider->maximum() - m_slider->minimum());
    switch (m_scale) {
    case Scale::Count:
        return static_cast<double>(position);
    case Scale::Logarithmic:
        return roundValue(m_low * std::pow(m_high / m_low, t));
    case Scale::Fraction:
        return std::round((m_low + (m_high - m_low) * t) * kSteps) / kSteps;
    }
    return 0.0;
}

int WhatIfSlider::positionOf(double value) const
{
    const double clamped = std::clamp(value, m_low, m_high);
    double t = 0.0;
    switch (m_scale) {
    case Scale::Count:
        return static_cast<int>(std::lround(clamped));
    case Scale::Logarithmic:
        t = std::log(clamped / m_low) / std::log(m_high / m_low);
        break;
    case Scale::Fraction:
        t = (clamped - m_low) / (m_high - m_low);
        break;
    }
    return m_slider->minimum() + static_cast<int>(std::lround(t * (m_slider->maximum() - m_slider->minimum())));
}

void WhatIfSlider::refresh()
{
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    m_refreshing = true;
    const double current = value();
    const bool overridden = m_document->whatIfValue(m_key).has_value();
    // While the user holds the handle the document follows the slider, not the reverse.
    if (!m_slider->isSliderDown()) {
        updateSpan();
        m_slider->setValue(positionOf(current));
    }
    if (m_spin->value() != current)
        m_spin->setValue(current);
    const QString base = tr("model: %1").arg(valueText(baseValue(), m_unit));
    if (m_base->text() != base)
        m_base->setText(base);
    m_reset->setEnabled(overridden);
    // A style sheet is costly to apply: only when the state changes (not at every tick).
    if (m_title->property("overridden") != QVariant(overridden)) {
        m_title->setProperty("overridden", overridden);
        m_title->setStyleSheet(overridden ? theme::textStyle(theme::kChanged) + QStringLiteral(" font-weight: bold;")
                                          : QStringLiteral("font-weight: bold;"));
    }
    m_refreshing = false;
}

void WhatIfSlider::apply(double value, quint64 gesture)
{
    // Back at the model's own value the override goes: the layer only holds differences.
    const double base = baseValue();
    const bool same = std::fabs(value - base) <= 1e-12 * std::max(1.0, std::fabs(base));
    const std::optional<double> next = same ? std::nullopt : std::optional<double>(value);
    if (next == m_document->whatIfValue(m_key))
        return;
    m_document->undoStack()->push(new model::SetWhatIfCommand(m_document, {m_key, gesture}, next));
}

void WhatIfSlider::reset()
{
    if (m_document->whatIfValue(m_key))
        m_document->undoStack()->push(new model::SetWhatIfCommand(m_document, {m_key}, std::nullopt));
}

} // namespace headroom::ui
