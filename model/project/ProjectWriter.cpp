// SPDX-License-Identifier: MIT
#include "project/ProjectWriter.h"

#include "project/ProjectSchema.h"

#include "engine/Fields.h"
#include "engine/Kinds.h"


#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace headroom::model {

namespace {

using sqlite::Statement;
using sqlite::Status;

Status bindValue(Statement& statement, int index, std::optional<std::string_view> text)
{
    return text ? statement.bind(index, *text) : statement.bindNull(index);
}

/// measured_figures.kind for a figure's value.
std::string_view figureKind(const engine::FigureValue& value)
{
    static constexpr std::array<std::string_view, 4> kKinds{"null", "number", "flag", "text"};
    return kKinds[value.index()];
}

Status bindValue(Statement& statement, int index, const engine::FigureValue& value)
{
    if (const auto* number = std::get_if<double>(&value))
        return statement.bind(index, *number);
    if (const auto* flag = std::get_if<bool>(&value))
        return statement.bind(index, std::int64_t(*flag ? 1 : 0));
    if (const auto* text = std::get_if<std::string>(&value))
        return statement.bind(index, std::string_view(*text));
    return statement.bindNull(index);
}

template <typename T>
Status bindValue(Statement& statement, int index, const T& value)
{
    return statement.bind(index, value);
}

/// Inserts rows through prepared statements, keeping the first failure.
class RowWriter {
public:
    explicit RowWriter(sqlite::Connection& db) : m_db(db) {}

    /// A statement for the rest of the save (an invalid one after a failure).
    Statement prepare(std::string_view sql)
    {
        if (!m_status.ok())
            return {};
        auto statement = m_db.prepare(sql);
        if (!statement.ok()) {
            m_status = statement.status();
            return {};
        }
        return std::move(statement).value();
    }

    template <typename... Values>
    void insert(Statement& statement, const Values&... values)
    {
        if (!m_status.ok())
            return;
        int index = 0;
        ((m_status.ok() ? void(m_status = bindValue(statement, ++index, values)) : void()), ...);
        if (m_status.ok())
            m_status = statement.run();
        else
            statement.reset();
    }

    [[nodiscard]] const Status& status() const { return m_status; }

private:
    sqlite::Connection& m_db;
    Status m_status;
};

std::int64_t ordinal(std::size_t index)
{
    return static_cast<std::int64_t>(index);
}

void writeMarks(RowWriter& w, Statement& statement, std::string_view owner, std::size_t ownerOrdinal,
                const std::vector<engine::CalibrationMark>& marks)
{
    for (std::size_t k = 0; k < marks.size(); ++k) {
        const engine::CalibrationMark& m = marks[k];
        w.insert(statement, owner, ordinal(ownerOrdinal), ordinal(k), std::string_view(m.field), m.value,
                 std::string_view(m.source), std::string_view(m.at), std::string_view(m.file),
                 std::string_view(m.object), std::string_view(m.figure), m.measured);
    }
}

void writeMeasurements(RowWriter& w, const std::vector<engine::Measurement>& measurements)
{
    Statement measurement = w.prepare("INSERT INTO measurements (ordinal, source, input_format, file, captured_at, "
                                      "interval_s) VALUES (?, ?, ?, ?, ?, ?)");
    Statement object = w.prepare("INSERT INTO measured_objects (measurement, ordinal, name) VALUES (?, ?, ?)");
    Statement figure = w.prepare("INSERT INTO measured_figures (measurement, object, ordinal, key, kind, value) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < measurements.size() && w.status().ok(); ++i) {
        const engine::Measurement& m = measurements[i];
        w.insert(measurement, ordinal(i), engine::sourceName(m.source), std::string_view(m.inputFormat),
                 std::string_view(m.file), std::string_view(m.capturedAt), m.intervalS);
        for (std::size_t o = 0; o < m.objects.size(); ++o) {
            const engine::MeasuredObject& measured = m.objects[o];
            w.insert(object, ordinal(i), ordinal(o), std::string_view(measured.name));
            for (std::size_t f = 0; f < measured.figures.size(); ++f) {
                const engine::MeasuredFigure& value = measured.figures[f];
                w.insert(figure, ordinal(i), ordinal(o), ordinal(f), std::string_view(value.key),
                         figureKind(value.value), value.value);
            }
        }
    }
}

} // namespace

std::string projectTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

Status writeProject(sqlite::Connection& db, const Project& project, const ProjectMetadata& metadata)
{
    if (Status status = db.exec(schema::createStatements()); !status.ok())
        return status;
    return writeProjectRows(db, project, metadata);
}

Status writeProjectRows(sqlite::Connection& db, const Project& project, const ProjectMetadata& metadata)
{
    RowWriter w(db);
    const engine::Model& model = project.model;

    Statement meta = w.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    w.insert(meta, std::string_view("format"), schema::kFormatName);
    w.insert(meta, std::string_view("schema_version"), std::string_view(std::to_string(kProjectFormatVersion)));
    w.insert(meta, std::string_view("app_version"), std::string_view(metadata.appVersion));
    w.insert(meta, std::string_view("created"), std::string_view(projectTimestamp(metadata.created)));
    w.insert(meta, std::string_view("modified"), std::string_view(projectTimestamp(metadata.modified)));
    if (metadata.recoveryOf)
        w.insert(meta, std::string_view("recovery_of"), std::string_view(*metadata.recoveryOf));

    Statement modelRow = w.prepare("INSERT INTO model (singleton, name, description) VALUES (1, ?, ?)");
    w.insert(modelRow, std::string_view(model.name), std::string_view(model.description));

    Statement component =
        w.prepare("INSERT INTO components (ordinal, id, kind, role, label, notes) VALUES (?, ?, ?, ?, ?, ?)");
    Statement componentField = w.prepare("INSERT INTO component_fields (component, key, value) VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < model.components.size() && w.status().ok(); ++i) {
        const engine::Component& c = model.components[i];
        const std::optional<std::string_view> role =
            c.role ? std::optional<std::string_view>(engine::roleName(*c.role)) : std::nullopt;
        w.insert(component, ordinal(i), std::string_view(c.id), engine::kindName(c.kind), role,
                 std::string_view(c.label), std::string_view(c.notes));
        for (const engine::Field field : engine::allFields()) {
            if (const auto value = c.get(field))
                w.insert(componentField, ordinal(i), engine::fieldRule(field).key, *value);
        }
    }

    Statement mark = w.prepare("INSERT INTO calibration_marks (owner, owner_ordinal, ordinal, field, value, source, "
                               "at, file, object, figure, measured) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < model.components.size() && w.status().ok(); ++i)
        writeMarks(w, mark, "component", i, model.components[i].calibrated);
    for (std::size_t i = 0; i < model.links.size() && w.status().ok(); ++i)
        writeMarks(w, mark, "link", i, model.links[i].calibrated);
    writeMeasurements(w, project.measurements);

    Statement link = w.prepare("INSERT INTO links (ordinal, from_id, to_id, kind) VALUES (?, ?, ?, ?)");
    Statement linkField = w.prepare("INSERT INTO link_fields (link, key, value) VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < model.links.size() && w.status().ok(); ++i) {
        const engine::Link& l = model.links[i];
        const std::optional<std::string_view> kind =
            l.kind ? std::optional<std::string_view>(engine::linkKindName(*l.kind)) : std::nullopt;
        w.insert(link, ordinal(i), std::string_view(l.from), std::string_view(l.to), kind);
        for (const engine::LinkField field : engine::allLinkFields()) {
            if (const auto value = l.get(field))
                w.insert(linkField, ordinal(i), engine::linkFieldRule(field).key, *value);
        }
    }

    Statement scenario = w.prepare("INSERT INTO scenarios (ordinal, name, multiplier) VALUES (?, ?, ?)");
    Statement overrideRow = w.prepare(
        "INSERT INTO scenario_overrides (scenario, ordinal, component, key, value) VALUES (?, ?, ?, ?, ?)");
    Statement linkOverrideRow = w.prepare("INSERT INTO scenario_link_overrides (scenario, ordinal, from_id, to_id, "
                                          "key, value) VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < model.scenarios.size() && w.status().ok(); ++i) {
        const engine::Scenario& s = model.scenarios[i];
        w.insert(scenario, ordinal(i), std::string_view(s.name), s.multiplier);
        for (std::size_t k = 0; k < s.overrides.size(); ++k) {
            const engine::Override& o = s.overrides[k];
            w.insert(overrideRow, ordinal(i), ordinal(k), std::string_view(o.component),
                     engine::fieldRule(o.field).key, o.value);
        }
        for (std::size_t k = 0; k < s.linkOverrides.size(); ++k) {
            const engine::LinkOverride& o = s.linkOverrides[k];
            w.insert(linkOverrideRow, ordinal(i), ordinal(k), std::string_view(o.from), std::string_view(o.to),
                     engine::linkFieldRule(o.field).key, o.value);
        }
    }

    const ProjectSettings& settings = project.settings;
    Statement settingsRow = w.prepare(
        "INSERT INTO settings (singleton, planning_multiplier, target_utilization, target_wait, currency, "
        "active_scenario) VALUES (1, ?, ?, ?, ?, ?)");
    const std::optional<std::string_view> active =
        settings.activeScenario.empty() ? std::nullopt : std::optional<std::string_view>(settings.activeScenario);
    w.insert(settingsRow, settings.planningMultiplier, settings.targetUtilization, settings.targetWait,
             std::string_view(settings.currency), active);

    Statement view = w.prepare("INSERT INTO view_state (key, value) VALUES (?, ?)");
    for (const auto& [key, value] : settings.viewState)
        w.insert(view, std::string_view(key), std::string_view(value));

    if (!w.status().ok())
        return w.status();
    return db.exec("PRAGMA application_id = " + std::to_string(kProjectApplicationId) +
                   "; PRAGMA user_version = " + std::to_string(kProjectFormatVersion) + ";");
}

} // namespace headroom::model
