// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace headroom::ui::report {

struct ReportContent;

/// The report as a PDF: a title page, the contents with page numbers, the executive
/// summary, the diagram and charts as vector graphics, the tables, the advisor, the
/// assumptions and warnings; every page numbered "Page N of M". All text is text.
QByteArray pdfReport(const ReportContent& content);

} // namespace headroom::ui::report
