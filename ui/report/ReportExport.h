// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdint>
#include <optional>

namespace headroom::ui::report {

struct ReportContent;

/// What a file written from a report holds, chosen by its extension.
enum class ExportFormat : std::uint8_t {
    Pdf,  ///< the whole report
    Html, ///< the whole report, one XHTML page
    Csv,  ///< the results table
    Svg,  ///< the diagram alone
    Png,  ///< the diagram alone
};

/// The format named by a file's extension (.pdf, .html or .htm, .csv, .svg, .png).
std::optional<ExportFormat> formatForPath(const QString& path);
/// The extensions formatForPath knows, for messages: ".pdf, .html, ...".
QString knownExtensions();

/// Writes `content` to `path` in `format`, whole or not at all (model::writeFileAtomically).
/// Returns what went wrong in words ("cannot be written: the disk is full (No space left on
/// device); the file on disk is unchanged"), or nothing.
std::optional<QString> writeExport(const ReportContent& content, ExportFormat format, const QString& path);

} // namespace headroom::ui::report
