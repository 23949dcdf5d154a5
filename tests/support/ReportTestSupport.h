// SPDX-License-Identifier: MIT
#pragma once
// Reports built from the bundled examples, and what their files say once written:
// the text pdftotext finds, the CSV's cells.

#include "report/ReportContent.h"

#include "engine/Solver.h"
#include "io/ModelFile.h"

#include <QtCore/QProcess>
#include <QtCore/QStringList>
#include <QtTest/QTest>

#include <memory>
#include <optional>

namespace headroom::testing {

inline QString examplePath(const QString& name)
{
    return QStringLiteral(HEADROOM_SOURCE_DIR "/resources/examples/") + name;
}

inline engine::Model exampleModel(const QString& name)
{
    auto model = model::loadModelFile(examplePath(name));
    if (!model)
        qFatal("cannot read example %s", qPrintable(name));
    return std::move(model).value();
}

/// A report request for a model at a multiplier.
inline ui::report::ReportRequest requestFor(engine::Model model, double multiplier = 1.0)
{
    ui::report::ReportRequest request;
    request.project = QString::fromStdString(model.name);
    auto solver = engine::Solver::create(std::move(model));
    if (!solver)
        qFatal("the model does not compile: %s", solver.issues().front().message.c_str());
    request.solver = std::make_shared<const engine::Solver>(std::move(solver).value());
    request.multiplier = multiplier;
    return request;
}

enum class PdfLayout : quint8 { ReadingOrder, Physical };

/// The text of a PDF as pdftotext reads it (poppler-utils), or nothing if it fails. The
/// PDF's fonts have ligatures ("ﬃ" in "traffic"): compatibility normalisation spells them out.
inline std::optional<QString> pdfText(const QString& pdf, PdfLayout layout = PdfLayout::ReadingOrder)
{
    QStringList arguments{QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (layout == PdfLayout::Physical)
        arguments << QStringLiteral("-layout");
    arguments << pdf << QStringLiteral("-");
    QProcess process;
    process.start(QStringLiteral("pdftotext"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(process.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

/// Cells of RFC 4180 CSV (quoted fields with doubled quotes, CRLF rows).
inline QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
        } else if (c == QLatin1Char('\n')) {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
        } else if (c != QLatin1Char('\r')) {
            cell += c;
        }
    }
    return rows;
}

/// Words a report must never print: infinite or undefined figures.
inline QStringList forbiddenWords(const QString& text)
{
    static const QRegularExpression forbidden(QStringLiteral("\\b(nan|inf|infinity)\\b|\u221e"),
                                              QRegularExpression::CaseInsensitiveOption);
    QStringList found;
    auto it = forbidden.globalMatch(text);
    while (it.hasNext())
        found << it.next().captured(0);
    return found;
}

} // namespace headroom::testing
