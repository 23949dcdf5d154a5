// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtGui/QImage>

#include <optional>

class QCommandLineParser;

namespace headroom::ui {

class MainWindow;

// The editor's command-line options for the charts and the what-if layer, used to
// take the documentation's screenshots:
//   --multiplier X            sets the what-if traffic multiplier
//   --what-if ID.FIELD=VALUE  sets a what-if override (repeatable; FROM->TO.pool_size=N for a pool)
//   --scenario NAME           shows a saved scenario
//   --select-link FROM->TO    selects a link
//   --dock NAME               shows a dock: tenx, pool, lag, shedding, percentiles, whatif, advisor
//   --dock-only               the screenshot is that dock alone, floating at 1280 x 560
//   --compare A|B             the screenshot is the scenario comparison of A and B ("" = the base model)

void addAnalysisOptions(QCommandLineParser& parser);
/// Applies the options to a window whose model is open; returns what was wrong, if anything.
std::optional<QString> applyAnalysisOptions(const QCommandLineParser& parser, MainWindow& window);
/// The screenshot the options ask for: a dock, the comparison, or the whole window.
QImage analysisScreenshot(const QCommandLineParser& parser, MainWindow& window);

} // namespace headroom::ui
