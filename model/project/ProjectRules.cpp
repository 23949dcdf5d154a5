// SPDX-License-Identifier: MIT
#include "project/ProjectRules.h"

#include "engine/Fields.h"
#include "engine/Sweep.h"
#include "io/Utf8.h"
#include "engine/Validation.h"

#include <cmath>

namespace headroom::model {

namespace {

constexpr std::size_t kMostCurrencyBytes = 16;

bool hasControlCharacter(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

class Checker {
public:
    explicit Checker(const engine::Subject& subject) : m_subject(subject) {}

    void text(std::string_view value, const std::string& what)
    {
        if (!isValidUtf8(value))
            issues.push_back({m_subject, what + ": is not valid UTF-8 text"});
    }

    void number(double value, const std::string& what)
    {
        if (!std::isfinite(value))
            issues.push_back({m_subject, what + ": must be a finite number, got " + engine::formatNumber(value)});
    }

    engine::Issues issues;

private:
    const engine::Subject& m_subject;
};

} // namespace

bool isValidUtf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Sequence sequence = utf8Sequence(text.substr(i));
        if (sequence.length == 0)
            return false;
        i += sequence.length;
    }
    return true;
}

engine::Issues checkModelRules(const Project& project, const engine::Subject& subject)
{
    const engine::Model& model = project.model;
    engine::Issues issues;
    for (const engine::Issue& issue : engine::validateModel(model).errors)
        issues.push_back({subject, engine::issueText(issue, engine::SubjectWords::Sentence)});
    const std::string& active = project.settings.activeScenario;
    if (!active.empty() && !model.findScenario(active))
        issues.push_back({subject, "settings: active_scenario: the model has no scenario named \"" + active + "\""});
    return issues;
}

std::string componentName(std::string_view id)
{
    return engine::subjectText(engine::Subject::component(std::string(id)), engine::SubjectWords::Sentence);
}

engine::Issues checkSettings(const ProjectSettings& settings)
{
    engine::Issues issues;
    const auto bad = [&](std::string_view column, const std::string& problem) {
        issues.push_back({engine::Subject::setting(std::string(column)), problem});
    };
    const auto got = [](double value) { return ", got " + engine::formatNumber(value); };
    // Bounded like every multiplier (--planning-multiplier, --multiplier), so that a project
    // that opens can also be planned for.
    if (!(settings.planningMultiplier > 0.0 && settings.planningMultiplier <= engine::kMaxMultiplier))
        bad("planning_multiplier", "must be a number above 0 and at most " + engine::formatNumber(engine::kMaxMultiplier) +
                                       got(settings.planningMultiplier));
    if (!(settings.targetUtilization > 0.0 && settings.targetUtilization <= 1.0))
        bad("target_utilization", "must be a number above 0 and at most 1" + got(settings.targetUtilization));
    if (!(settings.targetWait > 0.0 && settings.targetWait <= 1.0))
        bad("target_wait", "must be a number above 0 and at most 1" + got(settings.targetWait));
    if (settings.currency.empty() || settings.currency.size() > kMostCurrencyBytes ||
        !isValidUtf8(settings.currency) || hasControlCharacter(settings.currency))
        bad("currency", "must be 1 to " + std::to_string(kMostCurrencyBytes) +
                            " printable characters, such as USD");
    if (!isValidUtf8(settings.activeScenario))
        bad("active_scenario", "is not valid UTF-8 text");
    for (const auto& [key, value] : settings.viewState) {
        if (key.empty() || !isValidUtf8(key))
            issues.push_back({engine::Subject::model("view_state"), "a key is empty or not valid UTF-8 text"});
        else if (!isValidUtf8(value))
            issues.push_back({engine::Subject::model("view_state"), key + ": is not valid UTF-8 text"});
    }
    return issues;
}

engine::Issues checkStorable(const Project& project, const engine::Subject& subject)
{
    Checker check(subject);
    const engine::Model& model = project.model;
    check.text(model.name, "model: name");
    check.text(model.description, "model: description");
    for (std::size_t i = 0; i < model.components.size(); ++i) {
        const engine::Component& c = model.components[i];
        const std::string name =
            isValidUtf8(c.id) ? componentName(c.id) : "components row " + std::to_string(i);
        check.text(c.id, name + ": id");
        check.text(c.label, name + ": label");
        check.text(c.notes, name + ": notes");
        for (const engine::Field field : engine::allFields()) {
            if (const auto value = c.get(field))
                check.number(*value, name + ": " + std::string(engine::fieldRule(field).key));
        }
    }
    for (std::size_t i = 0; i < model.links.size(); ++i) {
        const engine::Link& l = model.links[i];
        const std::string name = "links row " + std::to_string(i);
        check.text(l.from, name + ": from_id");
        check.text(l.to, name + ": to_id");
        for (const engine::LinkField field : engine::allLinkFields()) {
            if (const auto value = l.get(field))
                check.number(*value, name + ": " + std::string(engine::linkFieldRule(field).key));
        }
    }
    for (std::size_t i = 0; i < model.scenarios.size(); ++i) {
        const engine::Scenario& s = model.scenarios[i];
        const std::string name = "scenarios row " + std::to_string(i);
        check.text(s.name, name + ": name");
        if (s.multiplier)
            check.number(*s.multiplier, name + ": multiplier");
        for (const engine::Override& o : s.overrides) {
            check.text(o.component, name + ": override component");
            check.number(o.value, name + ": override " + std::string(engine::fieldRule(o.field).key));
        }
        for (const engine::LinkOverride& o : s.linkOverrides) {
            check.text(o.from, name + ": link override from_id");
            check.text(o.to, name + ": link override to_id");
            check.number(o.value, name + ": link override " + std::string(engine::linkFieldRule(o.field).key));
        }
    }
    const auto marks = [&](const std::vector<engine::CalibrationMark>& list, const std::string& owner) {
        for (const engine::CalibrationMark& m : list) {
            const std::string name = owner + ": calibrated " + (isValidUtf8(m.field) ? m.field : std::string("field"));
            for (const std::string* text : {&m.field, &m.source, &m.at, &m.file, &m.object, &m.figure})
                check.text(*text, name);
            check.number(m.value, name + ": value");
            check.number(m.measured, name + ": measured");
        }
    };
    for (std::size_t i = 0; i < model.components.size(); ++i)
        marks(model.components[i].calibrated, "components row " + std::to_string(i));
    for (std::size_t i = 0; i < model.links.size(); ++i)
        marks(model.links[i].calibrated, "links row " + std::to_string(i));
    for (std::size_t i = 0; i < project.measurements.size(); ++i) {
        const engine::Measurement& m = project.measurements[i];
        const std::string name = "measurements row " + std::to_string(i);
        for (const std::string* text : {&m.inputFormat, &m.file, &m.capturedAt})
            check.text(*text, name);
        if (m.intervalS)
            check.number(*m.intervalS, name + ": interval_s");
        for (const engine::MeasuredObject& o : m.objects) {
            check.text(o.name, name + ": object");
            for (const engine::MeasuredFigure& f : o.figures) {
                check.text(f.key, name + ": figure");
                if (const auto* number = std::get_if<double>(&f.value))
                    check.number(*number, name + ": " + f.key);
                if (const auto* text = std::get_if<std::string>(&f.value))
                    check.text(*text, name + ": " + f.key);
            }
        }
    }
    engine::Issues issues = std::move(check.issues);
    for (const engine::Issue& issue : checkSettings(project.settings))
        issues.push_back({subject, engine::issueText(issue, engine::SubjectWords::Sentence)});
    if (project.metadata.recoveryOf && !isValidUtf8(*project.metadata.recoveryOf))
        issues.push_back({subject, "meta: recovery_of: is not valid UTF-8 text"});
    return issues;
}

} // namespace headroom::model
