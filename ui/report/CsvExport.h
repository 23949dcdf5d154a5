// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>

namespace headroom::ui::report {

struct ReportContent;

/// The results table as CSV (RFC 4180, UTF-8): one row per component, the engine's
/// figures unrounded (shortest exact decimal), so a spreadsheet gets what the tool
/// shows. An infinite figure reads "saturated"; one that does not apply is empty.
QByteArray resultsCsv(const ReportContent& content);

} // namespace headroom::ui::report
