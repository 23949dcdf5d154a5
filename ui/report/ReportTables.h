// SPDX-License-Identifier: MIT
#pragma once

#include "report/ReportContent.h"

#include <QtCore/QList>
#include <QtCore/QStringList>

namespace headroom::ui::report {

/// A table of the report as text cells: the PDF and the HTML writers lay the same
/// cells out, so the two documents never disagree on a figure.
struct TextTable {
    QStringList headings;
    QList<bool> numeric;        ///< per column: right-aligned
    QList<QStringList> rows;
    QList<double> loads;        ///< per row: the utilization that colours it
    QList<bool> saturated;      ///< per row
};

/// Every component: arrival rate, utilization, response, p99, headroom, instances now
/// and required at the planning multiplier.
TextTable componentTable(const ReportContent& content);
/// "id: notes" for every component with notes, as the author wrote them.
QStringList componentNotes(const ReportContent& content);
/// The capacity plan at the planning multiplier: instances, utilization and cost per
/// station that changes, and the pools. Empty without a 10x answer.
TextTable planTable(const ReportContent& content);

} // namespace headroom::ui::report
