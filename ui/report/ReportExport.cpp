// SPDX-License-Identifier: MIT
#include "report/ReportExport.h"

#include "report/CsvExport.h"
#include "report/DiagramExport.h"
#include "report/HtmlReport.h"
#include "report/PdfReport.h"

#include "project/AtomicReplace.h"

#include <QtCore/QFileInfo>

#include <array>
#include <utility>

namespace headroom::ui::report {

namespace {

constexpr std::array<std::pair<const char*, ExportFormat>, 6> kExtensions{{
    {"pdf", ExportFormat::Pdf},
    {"html", ExportFormat::Html},
    {"htm", ExportFormat::Html},
    {"csv", ExportFormat::Csv},
    {"svg", ExportFormat::Svg},
    {"png", ExportFormat::Png},
}};

std::optional<QString> save(const QString& path, const QByteArray& bytes)
{
    if (const auto failure = model::writeFileAtomically(path, bytes))
        return QString::fromStdString(*failure);
    return std::nullopt;
}

} // namespace

std::optional<ExportFormat> formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    for (const auto& [extension, format] : kExtensions) {
        if (suffix.compare(QLatin1String(extension), Qt::CaseInsensitive) == 0)
            return format;
    }
    return std::nullopt;
}

QString knownExtensions()
{
    QStringList names;
    for (const auto& entry : kExtensions)
        names << QLatin1Char('.') + QLatin1String(entry.first);
    return names.join(QStringLiteral(", "));
}

std::optional<QString> writeExport(const ReportContent& content, ExportFormat format, const QString& path)
{
    switch (format) {
    case ExportFormat::Pdf:
        return save(path, pdfReport(content));
    case ExportFormat::Html:
        return save(path, htmlReport(content));
    case ExportFormat::Csv:
        return save(path, resultsCsv(content));
    case ExportFormat::Svg:
        return save(path, DiagramExport(content).svg());
    case ExportFormat::Png: {
        const std::optional<QByteArray> png = DiagramExport(content).png();
        if (!png)
            return QStringLiteral("cannot be drawn: the diagram is too large for an image");
        return save(path, *png);
    }
    }
    return QStringLiteral("unknown format");
}

} // namespace headroom::ui::report
