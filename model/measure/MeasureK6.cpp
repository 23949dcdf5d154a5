// SPDX-License-Identifier: MIT
// k6's end-of-test summary: `--summary-export` (each metric's values directly under it)
// and the data `handleSummary` receives (the values under "values").
#include "measure/MeasureSources.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

#include <cmath>

namespace headroom::model::measure {

namespace {

using engine::FigureValue;
using engine::Issue;
using engine::Issues;

/// A metric's values in either shape.
QJsonObject values(const QJsonObject& metrics, const char* name)
{
    const QJsonObject metric = metrics.value(QLatin1String(name)).toObject();
    if (metric.value(QLatin1String("values")).isObject())
        return metric.value(QLatin1String("values")).toObject();
    return metric;
}

FigureValue number(const QJsonObject& object, const char* key)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isDouble() && std::isfinite(v.toDouble()))
        return v.toDouble();
    return std::monostate{};
}

} // namespace

bool looksLikeJson(std::string_view text)
{
    const std::string_view t = trim(text.substr(0, 64));
    return !t.empty() && (t.front() == '{' || (t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF"));
}

engine::Checked<engine::Measurement> readK6(const MeasureText& input)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(input.text), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Issue{engine::Subject::file(input.name), "looks like JSON but is not valid JSON (" + error.errorString().toStdString() +
                                     " at offset " + std::to_string(error.offset) +
                                     "); k6's summary is written with --summary-export or handleSummary"};
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("metrics")).isObject())
        return Issue{engine::Subject::file(input.name), "metrics: missing; JSON measurements are k6's end-of-test summary "
                                 "(--summary-export or handleSummary), which has a \"metrics\" object"};
    const QJsonObject metrics = root.value(QLatin1String("metrics")).toObject();
    Issues issues;
    for (const char* required : {"http_reqs", "http_req_duration"}) {
        if (!metrics.value(QLatin1String(required)).isObject())
            issues.push_back(columnIssue(input, std::string("metrics.") + required,
                                         "missing: the test made no HTTP requests, or the summary was trimmed"));
    }
    if (!issues.empty())
        return issues;
    const QJsonObject reqs = values(metrics, "http_reqs");
    const QJsonObject duration = values(metrics, "http_req_duration");
    const QJsonObject iterations = values(metrics, "iterations");
    const QJsonObject vus = values(metrics, "vus_max");
    const QJsonObject failed = values(metrics, "http_req_failed");
    const FigureValue rps = number(reqs, "rate");
    if (std::holds_alternative<std::monostate>(rps))
        return columnIssue(input, "metrics.http_reqs.rate", "missing or not a number");
    const FigureValue avg = number(duration, "avg");
    if (std::holds_alternative<std::monostate>(avg))
        return columnIssue(input, "metrics.http_req_duration.avg", "missing or not a number");
    FigureValue vusMax = number(vus, "value");
    if (std::holds_alternative<std::monostate>(vusMax))
        vusMax = number(vus, "max");
    // A rate metric is "value" in the export and "rate" in handleSummary's data.
    FigureValue failedFraction = number(failed, "rate");
    if (std::holds_alternative<std::monostate>(failedFraction))
        failedFraction = number(failed, "value");
    engine::Measurement m;
    m.inputFormat = metrics.value(QLatin1String("http_reqs")).toObject().contains(QLatin1String("values"))
                        ? "k6-handle-summary"
                        : "k6-summary-export";
    m.objects.push_back({"k6",
                         {{"vus_max", vusMax},
                          {"http_reqs_rps", rps},
                          {"iterations_rps", number(iterations, "rate")},
                          {"http_req_duration_ms.avg", avg},
                          {"http_req_duration_ms.med", number(duration, "med")},
                          {"http_req_duration_ms.p90", number(duration, "p(90)")},
                          {"http_req_duration_ms.p95", number(duration, "p(95)")},
                          {"http_req_duration_ms.max", number(duration, "max")},
                          {"http_req_failed_fraction", failedFraction}}});
    return m;
}

} // namespace headroom::model::measure
