// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>

namespace headroom::ui::report {

struct ReportContent;

/// The report as one self-contained XHTML page for a wiki: the same sections as the
/// PDF, a linked table of contents, the diagram and charts as embedded SVG. Written
/// with QXmlStreamWriter, so every text (component names and notes are user input)
/// is escaped and the page is well-formed XML.
QByteArray htmlReport(const ReportContent& content);

} // namespace headroom::ui::report
