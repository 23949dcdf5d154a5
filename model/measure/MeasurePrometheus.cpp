// SPDX-License-Identifier: MIT
// Prometheus's text exposition format 0.0.4: counters, gauges, histograms and summaries,
// from one scrape (cumulative) or two (deltas over the interval).
#include "measure/MeasureSources.h"

#include "engine/Fields.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace headroom::model::measure {

namespace {

using engine::MeasuredFigure;
using engine::FigureValue;
using engine::Issue;
using engine::Issues;

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Sample {
    std::string name;
    Labels labels; ///< sorted by name
    double value = 0.0;
};

bool nameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool nameChar(char c)
{
    return nameStart(c) || (c >= '0' && c <= '9');
}

std::optional<double> sampleValue(std::string_view text)
{
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf" || text == "Inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf")
        return -std::numeric_limits<double>::infinity();
    return parseNumber(text);
}

/// One sample line: `name{label="value",...} value [timestamp]`; nothing if it is not one.
std::optional<Sample> parseSample(std::string_view line)
{
    Sample s;
    std::size_t i = 0;
    if (line.empty() || !nameStart(line[0]))
        return std::nullopt;
    while (i < line.size() && nameChar(line[i]))
        ++i;
    s.name = std::string(line.substr(0, i));
    if (i < line.size() && line[i] == '{') {
        ++i;
        for (;;) {
            while (i < line.size() && (line[i] == ' ' || line[i] == ','))
                ++i;
            if (i < line.size() && line[i] == '}') {
                ++i;
                break;
            }
            const std::size_t start = i;
            while (i < line.size() && nameChar(line[i]))
                ++i;
            if (i == start || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"')
                return std::nullopt;
            std::string key(line.substr(start, i - start));
            i += 2;
            std::string value;
            while (i < line.size() && line[i] != '"') {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    ++i;
                    value += line[i] == 'n' ? '\n' : line[i];
                } else {
                    value += line[i];
                }
                ++i;
            }
            if (i >= line.size())
                return std::nullopt;
            ++i; // the closing quote
            s.labels.emplace_back(std::move(key), std::move(value));
        }
    }
    const std::string_view rest = trim(line.substr(i));
    if (rest.empty() || (i < line.size() && line[i] != ' ' && line[i] != '\t'))
        return std::nullopt;
    const std::size_t space = rest.find_first_of(" \t");
    const auto value = sampleValue(rest.substr(0, space));
    if (!value)
        return std::nullopt;
    if (space != std::string_view::npos && !parseNumber(trim(rest.substr(space))))
        return std::nullopt; // a timestamp must be a number
    s.value = *value;
    std::sort(s.labels.begin(), s.labels.end());
    return s;
}

std::string seriesName(const std::string& name, const Labels& labels)
{
    if (labels.empty())
        return name;
    std::string out = name + "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        out += (i ? "," : "") + labels[i].first + "=\"";
        for (const char c : labels[i].second) {
            if (c == '\n') {
                out += "\\n";
                continue;
            }
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += "\"";
    }
    return out + "}";
}

/// One scrape: its TYPE lines and samples, by series name, in the order they appear.
struct Scrape {
    std::map<std::string, std::string> types;
    std::vector<std::string> order;
    std::map<std::string, Sample> samples;
};

engine::Checked<Scrape> parseScrape(const MeasureText& input)
{
    Scrape scrape;
    std::size_t number = 0;
    for (const std::string_view raw : splitLines(input.text)) {
        ++number;
        const std::string_view line = trim(raw);
        if (line.empty())
            continue;
        if (line[0] == '#') {
            // "# TYPE name type"; HELP and other comments carry nothing we use.
            const std::string_view body = trim(line.substr(1));
            if (body.rfind("TYPE ", 0) == 0) {
                const std::string_view rest = trim(body.substr(5));
                const std::size_t space = rest.find(' ');
                if (space != std::string_view::npos)
                    scrape.types[std::string(rest.substr(0, space))] = std::string(trim(rest.substr(space + 1)));
            }
            continue;
        }
        auto sample = parseSample(line);
        if (!sample)
            return Issue{engine::Subject::file(input.name), "line " + std::to_string(number) + ": not a sample of the text format 0.0.4 "
                                                                          "(name{label=\"value\"} value [timestamp]): '" +
                                         std::string(line.substr(0, 80)) + "'"};
        const std::string key = seriesName(sample->name, sample->labels);
        if (scrape.samples.find(key) == scrape.samples.end())
            scrape.order.push_back(key);
        scrape.samples[key] = std::move(*sample);
    }
    if (scrape.samples.empty())
        return Issue{engine::Subject::file(input.name), "holds no samples"};
    return scrape;
}

/// A family's member series with the same labels (less `le` / `quantile`) as one series.
struct Family {
    std::string name;     ///< the metric's name, e.g. http_request_duration_seconds
    std::string type;     ///< counter, gauge, histogram, summary, untyped
    Labels labels;
    std::vector<std::pair<double, double>> buckets;   ///< (le, cumulative count), histograms
    std::vector<std::pair<double, double>> quantiles; ///< (quantile, value), summaries
    std::optional<double> sum;
    std::optional<double> count;
    std::optional<double> value;
};

std::optional<std::string> labelValue(const Labels& labels, std::string_view key)
{
    for (const auto& [k, v] : labels) {
        if (k == key)
            return v;
    }
    return std::nullopt;
}

Labels without(Labels labels, std::string_view key)
{
    labels.erase(std::remove_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == key; }),
                 labels.end());
    return labels;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// Groups a scrape's samples into series, in the order they first appear.
std::vector<std::pair<std::string, Family>> families(const Scrape& scrape)
{
    std::vector<std::pair<std::string, Family>> out;
    std::map<std::string, std::size_t> index;
    const auto family = [&](const std::string& name, const std::string& type, const Labels& labels) -> Family& {
        const std::string key = seriesName(name, labels);
        const auto it = index.find(key);
        if (it != index.end())
            return out[it->second].second;
        index[key] = out.size();
        out.push_back({key, Family{name, type, labels, {}, {}, {}, {}, {}}});
        return out.back().second;
    };
    const auto typeOf = [&](const std::string& name) -> std::string {
        const auto it = scrape.types.find(name);
        return it == scrape.types.end() ? std::string() : it->second;
    };
    for (const std::string& key : scrape.order) {
        const Sample& s = scrape.samples.at(key);
        bool placed = false;
        for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {
            if (!endsWith(s.name, suffix))
                continue;
            const std::string base = s.name.substr(0, s.name.size() - suffix.size());
            const std::string type = typeOf(base);
            if (type != "histogram" && type != "summary")
                continue;
            if (suffix == "_bucket") {
                const auto le = labelValue(s.labels, "le");
                const auto bound = le ? sampleValue(*le) : std::nullopt;
                if (!bound)
                    continue;
                family(base, type, without(s.labels, "le")).buckets.emplace_back(*bound, s.value);
            } else if (suffix == "_sum") {
                family(base, type, s.labels).sum = s.value;
            } else {
                family(base, type, s.labels).count = s.value;
            }
            placed = true;
            break;
        }
        if (placed)
            continue;
        std::string type = typeOf(s.name);
        if (type == "summary") {
            const auto q = labelValue(s.labels, "quantile");
            const auto level = q ? sampleValue(*q) : std::nullopt;
            if (level) {
                family(s.name, type, without(s.labels, "quantile")).quantiles.emplace_back(*level, s.value);
                continue;
            }
        }
        if (type.empty() || type == "histogram")
            type = "untyped";
        family(s.name, type, s.labels).value = s.value;
    }
    for (auto& [key, f] : out)
        std::sort(f.buckets.begin(), f.buckets.end());
    return out;
}

/// PromQL's histogram_quantile: linear interpolation inside the bucket that holds the rank;
/// the lowest bucket starts at 0 (if its bound is positive); the +Inf bucket answers the
/// highest finite bound.
std::optional<double> histogramQuantile(double q, std::vector<std::pair<double, double>> buckets)
{
    if (buckets.size() < 2 || !std::isinf(buckets.back().first))
        return std::nullopt;
    for (std::size_t i = 1; i < buckets.size(); ++i)
        buckets[i].second = std::max(buckets[i].second, buckets[i - 1].second); // monotonic, as PromQL makes it
    const double total = buckets.back().second;
    if (!(total > 0.0))
        return std::nullopt;
    const double rank = q * total;
    std::size_t b = 0;
    while (b < buckets.size() - 1 && buckets[b].second < rank)
        ++b;
    if (b == buckets.size() - 1)
        return buckets[buckets.size() - 2].first;
    if (b == 0 && buckets[0].first <= 0.0)
        return buckets[0].first;
    const double start = b == 0 ? 0.0 : buckets[b - 1].first;
    const double below = b == 0 ? 0.0 : buckets[b - 1].second;
    const double inBucket = buckets[b].second - below;
    if (!(inBucket > 0.0))
        return buckets[b].first;
    return start + (buckets[b].first - start) * (rank - below) / inBucket;
}

FigureValue finite(std::optional<double> v)
{
    if (v && std::isfinite(*v))
        return *v;
    return std::monostate{};
}

} // namespace

bool looksLikePrometheus(std::string_view text)
{
    std::size_t seen = 0;
    bool sample = false;
    for (const std::string_view raw : splitLines(text.substr(0, 65536))) {
        const std::string_view line = trim(raw);
        if (line.empty())
            continue;
        if (++seen > 40)
            break;
        if (line[0] == '#')
            continue;
        if (!parseSample(line))
            return false;
        sample = true;
    }
    return sample;
}

engine::Checked<engine::Measurement> readPrometheus(const Snapshots& snapshots)
{
    auto first = parseScrape(*snapshots.before);
    if (!first)
        return first.issues();
    std::optional<Scrape> second;
    if (snapshots.after != nullptr) {
        auto read = parseScrape(*snapshots.after);
        if (!read)
            return read.issues();
        second = std::move(read).value();
    }
    engine::Measurement m;
    m.inputFormat = "prometheus-text-0.0.4";
    const auto earlier = families(*first);
    if (!second) {
        for (const auto& [key, f] : earlier) {
            std::vector<MeasuredFigure> figures{{"type", f.type}};
            if (f.type == "histogram" || f.type == "summary") {
                figures.push_back({"count", finite(f.count)});
                std::optional<double> mean;
                if (f.sum && f.count && *f.count > 0.0)
                    mean = *f.sum / *f.count;
                figures.push_back({"mean", finite(mean)});
                for (const auto& [q, name] : {std::pair(0.5, "p50"), std::pair(0.95, "p95"), std::pair(0.99, "p99")}) {
                    std::optional<double> v;
                    if (f.type == "histogram") {
                        v = histogramQuantile(q, f.buckets);
                    } else {
                        for (const auto& [level, value] : f.quantiles) {
                            if (level == q)
                                v = value;
                        }
                    }
                    figures.push_back({name, finite(v)});
                }
            } else {
                figures.push_back({"value", finite(f.value)});
            }
            m.objects.push_back({key, std::move(figures)});
        }
        return m;
    }
    const double interval = *snapshots.intervalS;
    const auto later = families(*second);
    std::map<std::string, const Family*> before;
    for (const auto& [key, f] : earlier)
        before[key] = &f;
    Issues issues;
    const auto backwards = [&](const std::string& key, double a, double b) {
        issues.push_back({engine::Subject::file(snapshots.after->name), key + ": went from " + engine::formatNumber(a) + " to " +
                                                     engine::formatNumber(b) +
                                                     ": the target restarted between the scrapes (a counter reset) "
                                                     "or the files are in the wrong order; scrape both again"});
    };
    for (const auto& [key, f] : later) {
        const auto found = before.find(key);
        if (found == before.end())
            continue; // a series missing from one scrape is left out
        const Family& a = *found->second;
        std::vector<MeasuredFigure> figures{{"type", f.type}};
        if (f.type == "counter" || f.type == "untyped") {
            if (f.value && a.value && *f.value < *a.value && f.type == "counter") {
                backwards(key, *a.value, *f.value);
                continue;
            }
            std::optional<double> rate;
            if (f.value && a.value && *f.value >= *a.value)
                rate = (*f.value - *a.value) / interval;
            if (f.type == "untyped")
                figures.push_back({"value", finite(f.value)});
            figures.push_back({"rate_per_s", finite(rate)});
        } else if (f.type == "gauge") {
            figures.push_back({"value", finite(f.value)});
        } else {
            if (!f.count || !a.count || !f.sum || !a.sum)
                continue;
            if (*f.count < *a.count) {
                backwards(key + " (_count)", *a.count, *f.count);
                continue;
            }
            const double count = *f.count - *a.count;
            figures.push_back({"rate_per_s", count / interval});
            figures.push_back({"mean", finite(count > 0.0 ? std::optional((*f.sum - *a.sum) / count) : std::nullopt)});
            std::vector<std::pair<double, double>> delta;
            for (const auto& [le, n] : f.buckets) {
                for (const auto& [le0, n0] : a.buckets) {
                    if (le0 == le)
                        delta.emplace_back(le, n - n0);
                }
            }
            for (const auto& [q, name] : {std::pair(0.5, "p50"), std::pair(0.95, "p95"), std::pair(0.99, "p99")}) {
                std::optional<double> v;
                if (f.type == "histogram") {
                    v = histogramQuantile(q, delta);
                } else {
                    for (const auto& [level, value] : f.quantiles) {
                        if (level == q)
                            v = value;
                    }
                }
                figures.push_back({name, finite(v)});
            }
        }
        m.objects.push_back({key, std::move(figures)});
    }
    if (!issues.empty())
        return issues;
    return m;
}

} // namespace headroom::model::measure
