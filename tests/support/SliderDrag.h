// SPDX-License-Identifier: MIT
#pragma once
// Moving a QSlider as a user does: the mouse pressed on the handle, moved in steps,
// released; or (where a pixel cannot reach an exact position) the same signals in the
// same order: sliderPressed, valueChanged while down, sliderReleased.

#include <QtTest/QTest>
#include <QtWidgets/QSlider>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleOptionSlider>

#include <initializer_list>

namespace headroom::testing {

/// The centre of the slider's handle when it stands at `position`.
inline QPoint handleCentre(QSlider* slider, int position)
{
    QStyleOptionSlider option;
    option.initFrom(slider);
    option.orientation = slider->orientation();
    option.minimum = slider->minimum();
    option.maximum = slider->maximum();
    option.sliderPosition = slider->sliderPosition();
    option.sliderValue = slider->value();
    option.upsideDown = slider->invertedAppearance();
    const QRect groove = slider->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, slider);
    const QRect handle = slider->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, slider);
    const int span = groove.width() - handle.width();
    const int x = groove.x() + QStyle::sliderPositionFromValue(slider->minimum(), slider->maximum(), position, span) +
                  handle.width() / 2;
    return {x, handle.center().y()};
}

/// A real mouse drag of the handle to each position in turn.
inline void mouseDragSlider(QSlider* slider, std::initializer_list<int> positions)
{
    const QPoint start = handleCentre(slider, slider->sliderPosition());
    QTest::mousePress(slider, Qt::LeftButton, Qt::NoModifier, start);
    QPoint last = start;
    for (const int position : positions) {
        last = handleCentre(slider, position);
        QTest::mouseMove(slider, last);
    }
    QTest::mouseRelease(slider, Qt::LeftButton, Qt::NoModifier, last);
}

/// The signals of a drag, to exact positions.
inline void dragSlider(QSlider* slider, std::initializer_list<int> positions)
{
    slider->setSliderDown(true);
    for (const int position : positions)
        slider->setSliderPosition(position);
    slider->setSliderDown(false);
}

} // namespace headroom::testing
