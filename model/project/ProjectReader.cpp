// SPDX-License-Identifier: MIT
#include "project/ProjectReader.h"

#include "project/ProjectErrors.h"
#include "project/ProjectRules.h"
#include "project/ProjectSchema.h"

#include "engine/Fields.h"
#include "engine/Kinds.h"


#include <cmath>
#include <map>
#include <set>

namespace headroom::model {

namespace {

using sqlite::ColumnType;
using sqlite::Statement;

/// A project with more problems than this is reported by its first ones.
constexpr std::size_t kMostIssues = 100;
/// Quoted values in messages are cut to this many bytes.
constexpr std::size_t kMostQuotedBytes = 40;

std::string quoted(std::string_view text)
{
    if (text.size() <= kMostQuotedBytes)
        return "'" + std::string(text) + "'";
    // Cut at a character boundary, so that the message stays UTF-8.
    std::size_t end = kMostQuotedBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u)
        --end;
    return "'" + std::string(text.substr(0, end)) + "...'";
}

std::string knownKinds()
{
    std::string known;
    for (const auto kind : engine::allKinds())
        known += (known.empty() ? "" : ", ") + std::string(engine::kindName(kind));
    return known;
}

class Reader {
public:
    Reader(sqlite::Connection& db, const engine::Subject& subject) : m_db(db), m_subject(subject) {}

    engine::Issues issues;

    [[nodiscard]] bool full() const { return issues.size() >= kMostIssues; }

    void problem(std::string message)
    {
        if (!full())
            issues.push_back({m_subject, std::move(message)});
    }

    /// Runs a query and calls each(row) for every row; false after a database failure.
    template <typename Fn>
    bool rows(std::string_view sql, Fn&& each)
    {
        if (m_failed)
            return false;
        auto statement = m_db.prepare(sql);
        if (!statement.ok())
            return failure(statement.status());
        while (!full()) {
            switch (statement->step()) {
            case Statement::Step::Row:
                each(static_cast<const Statement&>(statement.value()));
                break;
            case Statement::Step::Done:
                return true;
            case Statement::Step::Failed:
                return failure(statement->error());
            }
        }
        return true;
    }

    bool failure(const sqlite::Status& status)
    {
        m_failed = true;
        issues.push_back({m_subject, explainFailure(status, FileOperation::Open)});
        return false;
    }

    static std::string describeValue(const Statement& row, int column)
    {
        const ColumnType type = row.type(column);
        if (type == ColumnType::Text)
            return "text " + quoted(row.text(column));
        return std::string(sqlite::columnTypeName(type));
    }

    std::optional<std::string> text(const Statement& row, int column, const std::string& what)
    {
        if (row.type(column) != ColumnType::Text) {
            problem(what + ": must be text, got " + describeValue(row, column));
            return std::nullopt;
        }
        const std::string_view value = row.text(column);
        if (!isValidUtf8(value)) {
            problem(what + ": is not valid UTF-8 text");
            return std::nullopt;
        }
        return std::string(value);
    }

    std::optional<double> number(const Statement& row, int column, const std::string& what)
    {
        double value = 0.0;
        switch (row.type(column)) {
        case ColumnType::Integer:
            value = static_cast<double>(row.integer(column));
            break;
        case ColumnType::Real:
            value = row.real(column);
            break;
        default:
            problem(what + ": must be a number, got " + describeValue(row, column));
            return std::nullopt;
        }
        if (!std::isfinite(value)) {
            problem(what + ": must be a finite number, got " + engine::formatNumber(value));
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::int64_t> integer(const Statement& row, int column, const std::string& what)
    {
        if (row.type(column) != ColumnType::Integer) {
            problem(what + ": must be an integer, got " + describeValue(row, column));
            return std::nullopt;
        }
        return row.integer(column);
    }

    /// The row's ordinal, checked against its position (ordinals run 0, 1, 2 ...).
    void ordinal(const Statement& row, int column, std::size_t position, const std::string& where)
    {
        const auto value = integer(row, column, where + ": ordinal");
        if (value && *value != static_cast<std::int64_t>(position))
            problem(where + ": ordinal is " + std::to_string(*value) + " where " + std::to_string(position) +
                    " is expected: ordinals run 0, 1, 2 ... without gaps or repeats");
    }

    /// An index into a list of `count` rows, from a column that refers to one.
    std::optional<std::size_t> reference(const Statement& row, int column, std::size_t count,
                                         std::string_view table, std::string_view target)
    {
        const auto value = integer(row, column, std::string(table) + ": " + std::string(target));
        if (!value)
            return std::nullopt;
        if (*value < 0 || static_cast<std::uint64_t>(*value) >= count) {
            problem(std::string(table) + ": a row refers to " + std::string(target) + " " + std::to_string(*value) +
                    ", which does not exist");
            return std::nullopt;
        }
        return static_cast<std::size_t>(*value);
    }

    void readMeta(ProjectMetadata& metadata);
    void readModelRow(engine::Model& model);
    void readComponents(engine::Model& model);
    void readLinks(engine::Model& model);
    void readScenarios(engine::Model& model);
    void readSettings(ProjectSettings& settings);
    void readCalibrationMarks(engine::Model& model);
    void readMeasurements(std::vector<engine::Measurement>& measurements);

private:
    sqlite::Connection& m_db;
    const engine::Subject& m_subject;
    bool m_failed = false; ///< the database failed: later queries would only repeat it
};

std::optional<QDateTime> parseTimestamp(const std::string& text)
{
    QDateTime time = QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

void Reader::readMeta(ProjectMetadata& metadata)
{
    std::map<std::string, std::string> meta;
    rows("SELECT key, value FROM meta", [&](const Statement& row) {
        const auto key = text(row, 0, "meta: key");
        if (!key)
            return;
        if (const auto value = text(row, 1, "meta: " + *key))
            meta[*key] = *value;
    });
    const auto required = [&](const std::string& key) -> std::optional<std::string> {
        const auto it = meta.find(key);
        if (it == meta.end()) {
            problem("meta: the '" + key + "' row is missing");
            return std::nullopt;
        }
        return it->second;
    };
    if (const auto format = required("format"); format && *format != schema::kFormatName)
        problem("meta: format: expected '" + std::string(schema::kFormatName) + "', got " + quoted(*format));
    if (const auto version = required("schema_version");
        version && *version != std::to_string(kProjectFormatVersion))
        problem("meta: schema_version says " + quoted(*version) + " but the file header says " +
                std::to_string(kProjectFormatVersion));
    if (const auto app = required("app_version")) {
        if (app->empty())
            problem("meta: app_version: is empty");
        metadata.appVersion = *app;
    }
    for (const auto& [key, target] : {std::pair{"created", &metadata.created}, std::pair{"modified", &metadata.modified}}) {
        if (const auto value = required(key)) {
            if (const auto time = parseTimestamp(*value))
                *target = *time;
            else
                problem("meta: " + std::string(key) + ": " + quoted(*value) +
                        " is not an ISO 8601 time such as 2024-05-01T12:00:00.000Z");
        }
    }
    if (const auto it = meta.find("recovery_of"); it != meta.end())
        metadata.recoveryOf = it->second;
    metadata.formatVersion = kProjectFormatVersion;
}

void Reader::readModelRow(engine::Model& model)
{
    std::size_t count = 0;
    rows("SELECT singleton, name, description FROM model", [&](const Statement& row) {
        if (++count > 1)
            return;
        const auto singleton = integer(row, 0, "model: singleton");
        if (singleton && *singleton != 1)
            problem("model: singleton: must be 1, got " + std::to_string(*singleton));
        model.name = text(row, 1, "model: name").value_or("");
        model.description = text(row, 2, "model: description").value_or("");
    });
    if (count != 1)
        problem("model: the table must hold exactly one row, it holds " + std::to_string(count));
}

void Reader::readComponents(engine::Model& model)
{
    std::vector<engine::Component>& components = model.components;
    rows("SELECT ordinal, id, kind, role, label, notes FROM components ORDER BY ordinal", [&](const Statement& row) {
        const std::size_t position = components.size();
        std::string name = "components row " + std::to_string(position);
        ordinal(row, 0, position, name);
        engine::Component c;
        if (const auto id = text(row, 1, name + ": id")) {
            c.id = *id;
            name = componentName(c.id);
        }
        if (const auto kind = text(row, 2, name + ": kind")) {
            if (const auto parsed = engine::parseKind(*kind))
                c.kind = *parsed;
            else
                problem(name + ": kind: unknown kind " + quoted(*kind) + "; expected one of " + knownKinds());
        }
        if (row.type(3) != ColumnType::Null) {
            if (const auto role = text(row, 3, name + ": role")) {
                if (const auto parsed = engine::parseRole(*role))
                    c.role = *parsed;
                else
                    problem(name + ": role: unknown role " + quoted(*role) + "; expected primary or replica");
            }
        }
        c.label = text(row, 4, name + ": label").value_or("");
        c.notes = text(row, 5, name + ": notes").value_or("");
        components.push_back(std::move(c));
    });
    rows("SELECT component, key, value FROM component_fields ORDER BY component, key", [&](const Statement& row) {
        const auto index = reference(row, 0, components.size(), "component_fields", "component ordinal");
        if (!index)
            return;
        engine::Component& c = components[*index];
        const std::string name = componentName(c.id);
        const auto key = text(row, 1, name + ": field key");
        if (!key)
            return;
        const auto field = engine::parseField(*key);
        if (!field)
            return problem(name + ": unknown field " + quoted(*key));
        const auto value = number(row, 2, name + ": " + *key);
        if (!value)
            return;
        if (c.has(*field))
            return problem(name + ": " + *key + ": appears twice");
        c.set(*field, *value);
    });
}

void Reader::readLinks(engine::Model& model)
{
    std::vector<engine::Link>& links = model.links;
    std::vector<std::string> names;
    rows("SELECT ordinal, from_id, to_id, kind FROM links ORDER BY ordinal", [&](const Statement& row) {
        const std::size_t position = links.size();
        std::string name = "links row " + std::to_string(position);
        ordinal(row, 0, position, name);
        engine::Link l;
        const auto from = text(row, 1, name + ": from_id");
        const auto to = text(row, 2, name + ": to_id");
        l.from = from.value_or("");
        l.to = to.value_or("");
        if (from && to)
            name = "link " + l.from + " -> " + l.to;
        if (row.type(3) != ColumnType::Null) {
            if (const auto kind = text(row, 3, name + ": kind")) {
                if (const auto parsed = engine::parseLinkKind(*kind))
                    l.kind = *parsed;
                else
                    problem(name + ": kind: unknown link kind " + quoted(*kind) +
                            "; expected sync, async or replication");
            }
        }
        links.push_back(std::move(l));
        names.push_back(std::move(name));
    });
    rows("SELECT link, key, value FROM link_fields ORDER BY link, key", [&](const Statement& row) {
        const auto index = reference(row, 0, links.size(), "link_fields", "link ordinal");
        if (!index)
            return;
        const std::string& name = names[*index];
        const auto key = text(row, 1, name + ": field key");
        if (!key)
            return;
        const auto field = engine::parseLinkField(*key);
        if (!field)
            return problem(name + ": unknown field " + quoted(*key));
        const auto value = number(row, 2, name + ": " + *key);
        if (!value)
            return;
        engine::Link& l = links[*index];
        if (l.get(*field))
            return problem(name + ": " + *key + ": appears twice");
        l.set(*field, *value);
    });
}

void Reader::readScenarios(engine::Model& model)
{
    std::vector<engine::Scenario>& scenarios = model.scenarios;
    rows("SELECT ordinal, name, multiplier FROM scenarios ORDER BY ordinal", [&](const Statement& row) {
        const std::size_t position = scenarios.size();
        std::string name = "scenarios row " + std::to_string(position);
        ordinal(row, 0, position, name);
        engine::Scenario s;
        if (const auto scenarioName = text(row, 1, name + ": name")) {
            s.name = *scenarioName;
            name = "scenario \"" + s.name + "\"";
        }
        if (row.type(2) != ColumnType::Null)
            s.multiplier = number(row, 2, name + ": multiplier");
        scenarios.push_back(std::move(s));
    });
    std::vector<std::size_t> nextOverride(scenarios.size(), 0);
    rows("SELECT scenario, ordinal, component, key, value FROM scenario_overrides ORDER BY scenario, ordinal",
         [&](const Statement& row) {
             const auto index = reference(row, 0, scenarios.size(), "scenario_overrides", "scenario ordinal");
             if (!index)
                 return;
             engine::Scenario& s = scenarios[*index];
             const std::string name = "scenario \"" + s.name + "\"";
             ordinal(row, 1, nextOverride[*index]++, name + ": override");
             const auto component = text(row, 2, name + ": override component");
             const auto key = text(row, 3, name + ": override key");
             if (!component || !key)
                 return;
             const auto field = engine::parseField(*key);
             if (!field)
                 return problem(name + ": " + *component + ": unknown field " + quoted(*key));
             if (const auto value = number(row, 4, name + ": " + *component + "." + *key))
                 s.overrides.push_back({*component, *field, *value});
         });
    std::vector<std::size_t> nextLinkOverride(scenarios.size(), 0);
    rows("SELECT scenario, ordinal, from_id, to_id, key, value FROM scenario_link_overrides "
         "ORDER BY scenario, ordinal",
         [&](const Statement& row) {
             const auto index =
                 reference(row, 0, scenarios.size(), "scenario_link_overrides", "scenario ordinal");
             if (!index)
                 return;
             engine::Scenario& s = scenarios[*index];
             const std::string name = "scenario \"" + s.name + "\"";
             ordinal(row, 1, nextLinkOverride[*index]++, name + ": link override");
             const auto from = text(row, 2, name + ": link override from_id");
             const auto to = text(row, 3, name + ": link override to_id");
             const auto key = text(row, 4, name + ": link override key");
             if (!from || !to || !key)
                 return;
             const std::string link = name + ": link " + *from + " -> " + *to;
             const auto field = engine::parseLinkField(*key);
             if (!field)
                 return problem(link + ": unknown field " + quoted(*key));
             if (const auto value = number(row, 5, link + ": " + *key))
                 s.linkOverrides.push_back({*from, *to, *field, *value});
         });
}

void Reader::readSettings(ProjectSettings& settings)
{
    std::size_t count = 0;
    rows("SELECT singleton, planning_multiplier, target_utilization, target_wait, currency, active_scenario "
         "FROM settings",
         [&](const Statement& row) {
             if (++count > 1)
                 return;
             const auto singleton = integer(row, 0, "settings: singleton");
             if (singleton && *singleton != 1)
                 problem("settings: singleton: must be 1, got " + std::to_string(*singleton));
             settings.planningMultiplier =
                 number(row, 1, "settings: planning_multiplier").value_or(settings.planningMultiplier);
             settings.targetUtilization =
                 number(row, 2, "settings: target_utilization").value_or(settings.targetUtilization);
             settings.targetWait = number(row, 3, "settings: target_wait").value_or(settings.targetWait);
             settings.currency = text(row, 4, "settings: currency").value_or(settings.currency);
             if (row.type(5) != ColumnType::Null)
                 settings.activeScenario = text(row, 5, "settings: active_scenario").value_or("");
         });
    if (count != 1)
        problem("settings: the table must hold exactly one row, it holds " + std::to_string(count));
    for (const engine::Issue& issue : checkSettings(settings))
        problem(engine::issueText(issue, engine::SubjectWords::Sentence));
    rows("SELECT key, value FROM view_state ORDER BY key", [&](const Statement& row) {
        const auto key = text(row, 0, "view_state: key");
        if (!key)
            return;
        if (const auto value = text(row, 1, "view_state: " + *key))
            settings.viewState[*key] = *value;
    });
}

void Reader::readCalibrationMarks(engine::Model& model)
{
    std::map<std::pair<std::string, std::size_t>, std::size_t> next;
    rows("SELECT owner, owner_ordinal, ordinal, field, value, source, at, file, object, figure, measured "
         "FROM calibration_marks ORDER BY owner, owner_ordinal, ordinal",
         [&](const Statement& row) {
             const auto owner = text(row, 0, "calibration_marks: owner");
             if (!owner)
                 return;
             const bool isLink = *owner == "link";
             if (!isLink && *owner != "component")
                 return problem("calibration_marks: owner: " + quoted(*owner) + " is neither 'component' nor 'link'");
             const std::size_t count = isLink ? model.links.size() : model.components.size();
             const auto index = reference(row, 1, count, "calibration_marks", isLink ? "link ordinal" : "component ordinal");
             if (!index)
                 return;
             const std::string name = isLink ? "link " + model.links[*index].from + " -> " + model.links[*index].to
                                             : componentName(model.components[*index].id);
             ordinal(row, 2, next[{*owner, *index}]++, name + ": calibration mark");
             engine::CalibrationMark mark;
             mark.field = text(row, 3, name + ": calibration mark field").value_or("");
             const std::string where = name + ": calibrated " + mark.field;
             const bool known = isLink ? engine::parseLinkField(mark.field).has_value()
                                       : engine::parseField(mark.field).has_value();
             if (!known)
                 return problem(where + ": unknown field");
             mark.value = number(row, 4, where + ": value").value_or(0.0);
             mark.source = text(row, 5, where + ": source").value_or("");
             if (!engine::parseSource(mark.source))
                 problem(where + ": source: unknown source " + quoted(mark.source));
             mark.at = text(row, 6, where + ": at").value_or("");
             mark.file = text(row, 7, where + ": file").value_or("");
             mark.object = text(row, 8, where + ": object").value_or("");
             mark.figure = text(row, 9, where + ": figure").value_or("");
             mark.measured = number(row, 10, where + ": measured").value_or(0.0);
             auto& marks = isLink ? model.links[*index].calibrated : model.components[*index].calibrated;
             marks.push_back(std::move(mark));
         });
}

void Reader::readMeasurements(std::vector<engine::Measurement>& measurements)
{
    rows("SELECT ordinal, source, input_format, file, captured_at, interval_s FROM measurements ORDER BY ordinal",
         [&](const Statement& row) {
             const std::size_t position = measurements.size();
             const std::string name = "measurements row " + std::to_string(position);
             ordinal(row, 0, position, name);
             engine::Measurement m;
             if (const auto source = text(row, 1, name + ": source")) {
                 if (const auto parsed = engine::parseSource(*source))
                     m.source = *parsed;
                 else
                     problem(name + ": source: unknown source " + quoted(*source));
             }
             m.inputFormat = text(row, 2, name + ": input_format").value_or("");
             m.file = text(row, 3, name + ": file").value_or("");
             m.capturedAt = text(row, 4, name + ": captured_at").value_or("");
             if (row.type(5) != ColumnType::Null)
                 m.intervalS = number(row, 5, name + ": interval_s");
             measurements.push_back(std::move(m));
         });
    std::vector<std::size_t> nextObject(measurements.size(), 0);
    rows("SELECT measurement, ordinal, name FROM measured_objects ORDER BY measurement, ordinal",
         [&](const Statement& row) {
             const auto index = reference(row, 0, measurements.size(), "measured_objects", "measurement ordinal");
             if (!index)
                 return;
             engine::Measurement& m = measurements[*index];
             ordinal(row, 1, nextObject[*index]++, "measurement " + m.file + ": object");
             m.objects.push_back({text(row, 2, "measurement " + m.file + ": object name").value_or(""), {}});
         });
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> nextFigure;
    rows("SELECT measurement, object, ordinal, key, kind, value FROM measured_figures "
         "ORDER BY measurement, object, ordinal",
         [&](const Statement& row) {
             const auto index = reference(row, 0, measurements.size(), "measured_figures", "measurement ordinal");
             if (!index)
                 return;
             engine::Measurement& m = measurements[*index];
             const auto object = reference(row, 1, m.objects.size(), "measured_figures", "object ordinal");
             if (!object)
                 return;
             engine::MeasuredObject& o = m.objects[*object];
             const std::string name = "measurement " + m.file + ": " + o.name;
             ordinal(row, 2, nextFigure[{*index, *object}]++, name + ": figure");
             const auto key = text(row, 3, name + ": figure key");
             const auto kind = text(row, 4, name + ": figure kind");
             if (!key || !kind)
                 return;
             const std::string where = name + ": " + *key;
             engine::FigureValue value;
             if (*kind == "number") {
                 const auto n = number(row, 5, where);
                 if (!n)
                     return;
                 value = *n;
             } else if (*kind == "flag") {
                 const auto flag = integer(row, 5, where);
                 if (!flag)
                     return;
                 value = *flag != 0;
             } else if (*kind == "text") {
                 const auto t = text(row, 5, where);
                 if (!t)
                     return;
                 value = *t;
             } else if (*kind != "null") {
                 return problem(where + ": kind: " + quoted(*kind) + " is none of null, number, flag, text");
             }
             o.figures.push_back({*key, std::move(value)});
         });
}

} // namespace

engine::Issues checkProjectSchema(sqlite::Connection& db, const engine::Subject& subject)
{
    Reader reader(db, subject);
    for (const schema::TableSpec& table : schema::tables()) {
        auto kind = db.prepare("SELECT type FROM sqlite_schema WHERE name = ?");
        if (!kind.ok()) {
            reader.failure(kind.status());
            return reader.issues;
        }
        if (auto status = kind->bind(1, table.name); !status.ok()) {
            reader.failure(status);
            return reader.issues;
        }
        const Statement::Step step = kind->step();
        if (step == Statement::Step::Failed) {
            reader.failure(kind->error());
            return reader.issues;
        }
        if (step == Statement::Step::Done) {
            reader.problem("the table '" + std::string(table.name) +
                           "' is missing: the file is not a complete Headroom project");
            continue;
        }
        if (kind->text(0) != "table") {
            reader.problem("'" + std::string(table.name) + "' is a " + std::string(kind->text(0)) +
                           ", not a table: the file is not a Headroom project");
            continue;
        }
        std::set<std::string, std::less<>> columns;
        const bool read = reader.rows("SELECT name FROM pragma_table_info('" + std::string(table.name) + "')",
                                      [&](const Statement& row) { columns.emplace(row.text(0)); });
        if (!read)
            return reader.issues;
        for (const std::string_view column : table.columns) {
            if (columns.find(column) == columns.end())
                reader.problem("the table '" + std::string(table.name) + "' has no column '" + std::string(column) +
                               "': the file is not a complete Headroom project");
        }
    }
    return reader.issues;
}

engine::Checked<Project> readProject(sqlite::Connection& db, const engine::Subject& subject)
{
    if (engine::Issues issues = checkProjectSchema(db, subject); !issues.empty())
        return issues;
    Reader reader(db, subject);
    Project project;
    reader.readMeta(project.metadata);
    reader.readModelRow(project.model);
    reader.readComponents(project.model);
    reader.readLinks(project.model);
    reader.readScenarios(project.model);
    reader.readSettings(project.settings);
    reader.readCalibrationMarks(project.model);
    reader.readMeasurements(project.measurements);
    if (!reader.issues.empty())
        return reader.issues;
    return project;
}

} // namespace headroom::model
