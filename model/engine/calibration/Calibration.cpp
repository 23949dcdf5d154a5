// SPDX-License-Identifier: MIT
#include "engine/calibration/Calibration.h"

#include "engine/Fields.h"
#include "engine/Kinds.h"
#include "engine/Solver.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace headroom::engine {

namespace {

/// A mapping with what it refers to resolved.
struct Resolved {
    const Measurement* measurement = nullptr;
    const MeasuredObject* object = nullptr;
    CalibrationTarget target;
    std::size_t component = 0;
};

std::string objectList(const Measurement& m)
{
    std::string out;
    for (std::size_t i = 0; i < m.objects.size() && i < 12; ++i)
        out += (i ? ", " : "") + m.objects[i].name;
    if (m.objects.size() > 12)
        out += ", ... (" + std::to_string(m.objects.size()) + " in all)";
    return out.empty() ? "nothing" : out;
}

std::optional<std::size_t> findLink(const Model& model, const CalibrationTarget& t)
{
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        if (model.links[l].from == t.component && model.links[l].to == t.linkTo)
            return l;
    }
    return std::nullopt;
}

std::optional<SolveResult> solveAt(const Model& model, bool details)
{
    auto solver = Solver::create(model);
    if (!solver)
        return std::nullopt;
    SolveOptions options;
    options.details = details;
    return solver->solve(options);
}

/// Sets one field and records the change and its mark.
class Editor {
public:
    explicit Editor(CalibrationResult& result) : m_result(result) {}

    void set(const CalibrationTarget& owner, std::string_view key, double value, const Resolved& from,
             std::string_view figure, double measured)
    {
        Model& model = m_result.model;
        CalibrationMark mark{std::string(key),     value,
                             std::string(sourceName(from.measurement->source)),
                             from.measurement->capturedAt,
                             from.measurement->file,
                             from.object->name,
                             std::string(figure),
                             measured};
        std::optional<double> before;
        std::vector<CalibrationMark>* marks = nullptr;
        if (owner.isLink()) {
            Link& link = model.links[*findLink(model, owner)];
            const LinkField field = *parseLinkField(key);
            before = link.get(field);
            link.set(field, value);
            marks = &link.calibrated;
        } else {
            Component& c = model.components[*model.indexOf(owner.component)];
            const Field field = *parseField(key);
            before = c.get(field);
            c.set(field, value);
            marks = &c.calibrated;
        }
        marks->erase(std::remove_if(marks->begin(), marks->end(), [&](const auto& m) { return m.field == key; }),
                     marks->end());
        marks->push_back(std::move(mark));
        // One change per field: a field set twice keeps its first "before".
        for (FieldChange& change : m_result.changes) {
            if (change.owner == owner && change.field == key) {
                change.after = value;
                return;
            }
        }
        m_result.changes.push_back({owner, std::string(key), before, value});
    }

private:
    CalibrationResult& m_result;
};

/// The longest chain of synchronous calls below each component (0 for a leaf), so that
/// callees are fitted before their callers.
std::vector<int> heights(const Model& model)
{
    const std::size_t n = model.components.size();
    const auto ids = model.indexById();
    std::vector<int> height(n, -1);
    std::function<int(std::size_t, int)> visit = [&](std::size_t i, int depth) -> int {
        if (height[i] >= 0)
            return height[i];
        if (depth > static_cast<int>(n))
            return 0; // a synchronous cycle: any order
        int h = 0;
        for (const Link& l : model.links) {
            if (l.from != model.components[i].id)
                continue;
            const auto to = ids.find(l.to);
            if (to == ids.end() || effectiveLinkKind(l, model.components[to->second].kind) != LinkKind::Sync)
                continue;
            h = std::max(h, visit(to->second, depth + 1) + 1);
        }
        height[i] = h;
        return h;
    };
    for (std::size_t i = 0; i < n; ++i)
        visit(i, 0);
    return height;
}

struct TimeFit {
    std::size_t mapping = 0;
    std::size_t adjusted = 0; ///< the component whose service_ms is searched
    bool overhead = false;    ///< set the link's pool_overhead_ms instead
    double order = 0.0;
};

std::string what(const Resolved& r)
{
    return std::string(sourceTitle(r.measurement->source)) + " '" + r.object->name + "'";
}

bool nearZeroScale(std::string_view figure)
{
    return figure.find("fraction") != std::string_view::npos;
}

} // namespace

std::vector<ModelEdit> CalibrationResult::edits() const
{
    std::vector<ModelEdit> out;
    for (const FieldChange& c : changes) {
        if (c.owner.isLink())
            out.push_back(SetLinkField{c.owner.component, c.owner.linkTo, *parseLinkField(c.field), c.after});
        else
            out.push_back(SetField{c.owner.component, *parseField(c.field), c.after});
    }
    return out;
}

bool CalibrationResult::anyFlagged() const
{
    return std::any_of(residuals.begin(), residuals.end(), [](const ResidualRow& r) { return r.flagged; });
}

Checked<CalibrationResult> calibrate(const Model& model, std::span<const Measurement> measurements,
                                     std::span<const MeasureMapping> mappings)
{
    Issues issues;
    if (mappings.empty())
        return Issue{Subject::argument("--map"), "nothing to calibrate: map a measured object onto a component or a pooled link "
                              "(--map NAME=TARGET)"};
    std::vector<Resolved> resolved;
    for (const MeasureMapping& mapping : mappings) {
        Resolved r;
        r.target = mapping.target;
        const std::string subject = mapping.target.text();
        if (mapping.measurement >= measurements.size()) {
            issues.push_back({Subject::argument("--map"), "no such measurement for '" + mapping.object + "'"});
            continue;
        }
        r.measurement = &measurements[mapping.measurement];
        r.object = r.measurement->find(mapping.object);
        if (r.object == nullptr) {
            issues.push_back({Subject::file(r.measurement->file), "has no measured object '" + mapping.object + "' (" +
                                                       std::string(sourceTitle(r.measurement->source)) +
                                                       " lists " + objectList(*r.measurement) + ")"});
            continue;
        }
        const auto component = model.indexOf(mapping.target.component);
        if (!component) {
            issues.push_back({Subject::component(mapping.target.component), "not a component of the model (--map " + mapping.object +
                                                            "=" + subject + ")"});
            continue;
        }
        r.component = *component;
        const MeasureSource source = r.measurement->source;
        const Component& c = model.components[*component];
        if (mapping.target.isLink()) {
            const auto to = model.indexOf(mapping.target.linkTo);
            if (!to) {
                issues.push_back({Subject::component(mapping.target.linkTo), "not a component of the model (--map " + mapping.object +
                                                             "=" + subject + ")"});
                continue;
            }
            const auto link = findLink(model, mapping.target);
            if (!link) {
                issues.push_back({mapping.target.subject(), "no link from " + mapping.target.component + " to " +
                                               mapping.target.linkTo + " in the model"});
                continue;
            }
            if (source != MeasureSource::PgbouncerStats && source != MeasureSource::PgbouncerPools) {
                issues.push_back({mapping.target.subject(), std::string(sourceTitle(source)) +
                                               " measures components; only PgBouncer's figures map onto a pooled link"});
                continue;
            }
            if (!model.links[*link].get(LinkField::PoolSize)) {
                issues.push_back({mapping.target.subject(), "the link has no pool_size; map a PgBouncer database onto a pooled link "
                                           "(set its pool_size) or onto the database itself"});
                continue;
            }
        } else {
            if (source == MeasureSource::PgStatReplication &&
                (c.kind != ComponentKind::Database || c.effectiveRole() != DatabaseRole::Replica)) {
                issues.push_back({mapping.target.subject(), "a standby in pg_stat_replication maps onto a replica database; " +
                                               subject + " is not one"});
                continue;
            }
            if (source == MeasureSource::PgbouncerPools) {
                issues.push_back({mapping.target.subject(), "SHOW POOLS describes a pool: map it onto the pooled link (FROM->TO)"});
                continue;
            }
            if (c.kind == ComponentKind::External) {
                issues.push_back({mapping.target.subject(), "an external dependency has a fixed latency_ms and nothing to calibrate"});
                continue;
            }
            if (source == MeasureSource::Prometheus) {
                const auto type = r.object->text("type");
                if (type == "gauge") {
                    issues.push_back({Subject::file(r.measurement->file), "'" + r.object->name + "' is a gauge (one value at one moment): it has no rate or time to "
                                                      "calibrate from; map a counter, a histogram or a summary"});
                    continue;
                }
                if ((type == "histogram" || type == "summary") && !prometheusTimeScale(r.object->name) &&
                    r.object->number("mean")) {
                    issues.push_back({Subject::file(r.measurement->file), "the name of the series '" + r.object->name + "' does not say its time unit (_seconds or "
                                                      "_milliseconds), so its times cannot be compared with ms"});
                    continue;
                }
            }
        }
        resolved.push_back(r);
    }
    if (!issues.empty())
        return issues;
    if (auto solver = Solver::create(model); !solver)
        return solver.issues();

    CalibrationResult result;
    result.model = model;
    Editor editor(result);
    std::set<std::pair<std::size_t, std::string>> fitted; // (mapping, figure)
    std::vector<std::string> fitNote(resolved.size());
    const auto note = [&](std::size_t i, const std::string& text) { result.notes.push_back(what(resolved[i]) + ": " + text); };

    // 1. Arrival rates.
    bool scaled = false;
    std::set<std::size_t> clientsSet;
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const Resolved& r = resolved[i];
        const MeasureSource source = r.measurement->source;
        std::optional<std::pair<std::string, double>> rate;
        for (const MeasuredFigure& f : r.object->figures) {
            if (std::holds_alternative<double>(f.value) &&
                figureRole(source, r.object->name, f.key) == FigureRole::Rate)
                rate = std::make_pair(f.key, std::get<double>(f.value));
        }
        if (!rate)
            continue;
        Model& m = result.model;
        const Component& c = m.components[r.component];
        if (c.kind == ComponentKind::Clients && !r.target.isLink()) {
            if (clientsSet.count(r.component) != 0)
                continue;
            if (c.has(Field::Users)) {
                const auto open = r.object->flag("open_loop");
                const auto users = r.object->number("clients");
                if (source == MeasureSource::Pgbench && open == false && users) {
                    editor.set(r.target, "users", *users, r, "clients", *users);
                    editor.set(r.target, "think_ms", 0.0, r, "clients", *users);
                    fitted.insert({i, "clients"});
                    fitNote[i] = "set users (a closed loop without think time)";
                } else {
                    note(i, "the model's workload is closed (users), so the measured rate is compared, not set");
                }
            } else {
                editor.set(r.target, "rate_rps", rate->second, r, rate->first, rate->second);
                fitted.insert({i, rate->first});
                fitNote[i] = "set " + c.id + ".rate_rps";
            }
            clientsSet.insert(r.component);
            continue;
        }
        if (scaled || !clientsSet.empty())
            continue; // the load is set: this rate is compared
        const auto solved = solveAt(m, false);
        if (!solved)
            continue;
        if (solved->workload != Workload::Open) {
            note(i, "the model's workload is closed (users): its rates follow from the users, so the measured "
                    "rate is compared, not set; map pgbench onto the clients to set the users");
            scaled = true;
            continue;
        }
        const auto modelled = modelledFigure(m, *solved, r.target, source, r.object->name, rate->first);
        if (!modelled || !(*modelled > 0.0))
            return Issue{r.target.subject(), "receives no traffic in the model, so the measured " + rate->first + " of " +
                                              what(r) + " cannot set the load; check the mapping and the links"};
        const double factor = rate->second / *modelled;
        for (std::size_t k = 0; k < m.components.size(); ++k) {
            const Component& client = m.components[k];
            if (client.kind != ComponentKind::Clients || !client.has(Field::RateRps))
                continue;
            const double rps = *client.get(Field::RateRps) * factor;
            editor.set({client.id, {}}, "rate_rps", rps, r, rate->first, rate->second);
        }
        fitted.insert({i, rate->first});
        fitNote[i] = "scaled the clients' rate_rps by " + formatNumber(factor);
        scaled = true;
    }

    // 2. Service times by the utilization law: S = busy / X.
    std::set<std::size_t> fixedService;
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const Resolved& r = resolved[i];
        const auto busy = r.object->number("rate_per_s");
        if (r.measurement->source != MeasureSource::Prometheus || !busy ||
            figureRole(r.measurement->source, r.object->name, "rate_per_s") != FigureRole::Busy)
            continue;
        const Component& c = result.model.components[r.component];
        if (!isStation(c.kind)) {
            note(i, "busy time maps onto a queueing station; " + c.id + " is not one");
            continue;
        }
        if (fixedService.count(r.component) != 0)
            continue;
        const auto solved = solveAt(result.model, false);
        const double arrival = solved ? solved->components[r.component].arrivalRps : 0.0;
        if (!(arrival > 0.0) || !(*busy > 0.0)) {
            note(i, "no work or no traffic at " + c.id + ", so the utilization law gives no service time");
            continue;
        }
        const double serviceMs = 1000.0 * *busy / arrival;
        editor.set(r.target, "service_ms", serviceMs, r, "rate_per_s", *busy);
        fixedService.insert(r.component);
        fitted.insert({i, "rate_per_s"});
        fitNote[i] = "set " + c.id + ".service_ms by the utilization law (S = busy / X)";
    }

    // 3. Measured times less modelled waits, callees first.
    const std::vector<int> height = heights(model);
    std::vector<TimeFit> fits;
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const Resolved& r = resolved[i];
        std::optional<std::string> figure;
        for (const MeasuredFigure& f : r.object->figures) {
            if (std::holds_alternative<double>(f.value) &&
                figureRole(r.measurement->source, r.object->name, f.key) == FigureRole::Time)
                figure = f.key;
        }
        if (!figure)
            continue;
        if (r.target.isLink()) {
            const std::size_t to = *model.indexOf(r.target.linkTo);
            const bool overhead = fixedService.count(to) != 0;
            fits.push_back({i, to, overhead, height[to] + (overhead ? 0.5 : 0.0)});
        } else if (model.components[r.component].kind != ComponentKind::Clients) {
            fits.push_back({i, r.component, false, static_cast<double>(height[r.component])});
        }
    }
    std::stable_sort(fits.begin(), fits.end(), [](const TimeFit& a, const TimeFit& b) { return a.order < b.order; });
    for (TimeFit& fit : fits) {
        const Resolved& r = resolved[fit.mapping];
        const MeasureSource source = r.measurement->source;
        std::string figure;
        double measured = 0.0;
        for (const MeasuredFigure& f : r.object->figures) {
            if (std::holds_alternative<double>(f.value) && figureRole(source, r.object->name, f.key) == FigureRole::Time) {
                figure = f.key;
                measured = std::get<double>(f.value);
            }
        }
        const Component& adjusted = result.model.components[fit.adjusted];
        if (!fit.overhead && fixedService.count(fit.adjusted) != 0) {
            if (r.target.isLink()) {
                fit.overhead = true; // the database was calibrated meanwhile: the rest is held time
            } else {
                note(fit.mapping, adjusted.id + ".service_ms is already calibrated; " + figure + " is compared");
                continue;
            }
        }
        if (fit.overhead) {
            const auto solved = solveAt(result.model, false);
            const auto response = solved ? solved->components[fit.adjusted].avgResponseMs : std::nullopt;
            if (!response) {
                note(fit.mapping, adjusted.id + " is saturated in the model, so no pool overhead is left to fit");
                continue;
            }
            const double overhead = measured - *response;
            if (overhead < 0.0) {
                note(fit.mapping, "the connection is held " + formatNumber(measured) + " ms, less than " +
                                      adjusted.id + "'s modelled response " + formatNumber(*response) +
                                      " ms: pool_overhead_ms is not set");
                continue;
            }
            editor.set(r.target, "pool_overhead_ms", overhead, r, figure, measured);
            fitted.insert({fit.mapping, figure});
            fitNote[fit.mapping] = "set " + r.target.text() + ".pool_overhead_ms (held beyond " + adjusted.id +
                                   "'s answer)";
            continue;
        }
        if (!isStation(adjusted.kind)) {
            note(fit.mapping, adjusted.id + " is not a queueing station; " + figure + " is compared");
            continue;
        }
        const double unit = source == MeasureSource::Prometheus ? prometheusTimeScale(r.object->name).value_or(1.0) : 1.0;
        const double targetMs = measured * unit;
        if (!(targetMs > 0.0)) {
            note(fit.mapping, figure + " is 0: nothing to fit");
            continue;
        }
        // The model's time at the measured load as a function of the service time: it grows
        // with the service time, so the root is bracketed by (0, target] and bisected.
        const auto timeAt = [&](double serviceMs) -> std::optional<double> {
            Model trial = result.model;
            trial.components[fit.adjusted].set(Field::ServiceMs, serviceMs);
            const auto solved = solveAt(trial, false);
            if (!solved)
                return std::nullopt;
            const auto v = modelledFigure(trial, *solved, r.target, source, r.object->name, figure);
            if (!v)
                return std::nullopt; // saturated: infinitely long
            return *v * unit;
        };
        double lo = targetMs * 1e-9;
        double hi = targetMs;
        const auto floor = timeAt(lo);
        if (floor && *floor >= targetMs) {
            note(fit.mapping, "measured " + figure + " " + formatNumber(measured) +
                                  " is less than what the model's components below " + adjusted.id + " take (" +
                                  formatNumber(*floor / unit) + "): " + adjusted.id + ".service_ms is not set");
            continue;
        }
        for (int step = 0; step < 200 && hi / lo > 1.0 + 1e-13; ++step) {
            const double mid = std::sqrt(lo * hi);
            const auto v = timeAt(mid);
            if (v && *v < targetMs)
                lo = mid;
            else
                hi = mid;
        }
        const double serviceMs = std::sqrt(lo * hi);
        editor.set({adjusted.id, {}}, "service_ms", serviceMs, r, figure, measured);
        fixedService.insert(fit.adjusted);
        fitted.insert({fit.mapping, figure});
        fitNote[fit.mapping] = "set " + adjusted.id + ".service_ms (measured time less modelled waits)";
    }

    // 4. Replicas' apply time from their replay lag at the modelled write stream:
    //    lag = delay + a / (1 - w a)  =>  a = (lag - delay) / (1 + w (lag - delay)).
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const Resolved& r = resolved[i];
        if (r.measurement->source != MeasureSource::PgStatReplication)
            continue;
        const auto lag = r.object->number("replay_lag_ms");
        const Component& replica = result.model.components[r.component];
        if (!lag) {
            note(i, "replay_lag is empty (the standby had nothing to replay when it was captured): apply_ms is "
                    "not set");
            continue;
        }
        const auto solved = solveAt(result.model, false);
        const ReplicationResult* rep = nullptr;
        if (solved) {
            for (const ReplicationResult& x : solved->replication) {
                if (x.replica == r.component)
                    rep = &x;
            }
        }
        if (rep == nullptr) {
            note(i, replica.id + " has no replication link from a primary: apply_ms is not set");
            continue;
        }
        const double beyond = *lag - replica.valueOr(Field::ReplicationDelayMs, 0.0);
        if (!(beyond > 0.0)) {
            note(i, "the measured lag is not above the replica's replication_delay_ms: apply_ms is not set");
            continue;
        }
        const double w = rep->writeRps / 1000.0;
        editor.set(r.target, "apply_ms", beyond / (1.0 + w * beyond), r, "replay_lag_ms", *lag);
        fitted.insert({i, "replay_lag_ms"});
        fitNote[i] = "set " + replica.id + ".apply_ms";
    }

    // 5. Every figure against the calibrated model at the measured load.
    auto solver = Solver::create(result.model);
    if (!solver)
        return solver.issues();
    const SolveResult solved = solver->solve();
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const Resolved& r = resolved[i];
        const MeasureSource source = r.measurement->source;
        const ComponentResult& tr = solved.components[r.component];
        const PoolResult* pool = nullptr;
        if (r.target.isLink()) {
            const auto l = findLink(result.model, r.target);
            for (const PoolResult& p : solved.pools) {
                if (l && p.link == *l)
                    pool = &p;
            }
        }
        const bool nearSaturation = tr.saturated || tr.utilization >= 0.95 || (pool && (pool->saturated ||
                                                                                         pool->utilization.value_or(1.0) >= 0.95));
        const auto xact = r.object->number("mean_xact_ms");
        const auto wait = r.object->number("mean_wait_ms");
        const bool poolWaited = source == MeasureSource::PgbouncerStats && xact && wait && *xact > 0.0 &&
                                *wait > 0.1 * *xact;
        for (const MeasuredFigure& f : r.object->figures) {
            if (std::holds_alternative<std::string>(f.value) || std::holds_alternative<bool>(f.value))
                continue;
            ResidualRow row;
            row.mapping = i;
            row.figure = f.key;
            if (std::holds_alternative<double>(f.value))
                row.measured = std::get<double>(f.value);
            const FigureRole role = figureRole(source, r.object->name, f.key);
            row.modelled = modelledFigure(result.model, solved, r.target, source, r.object->name, f.key);
            row.modelledInfinite = !row.modelled && role != FigureRole::NotModelled &&
                                   (tr.saturated || (pool && pool->saturated));
            row.fitted = fitted.count({i, f.key}) != 0;
            if (row.fitted)
                row.reason = fitNote[i];
            if (role == FigureRole::NotModelled) {
                row.reason = "not in the model";
            } else if (row.measured && row.modelled) {
                double scale = std::abs(*row.measured);
                if (role == FigureRole::Wait && xact)
                    scale = std::max(scale, *xact); // a wait is judged against the transaction it is part of
                if (f.key == "clients_waiting" || f.key == "servers_active")
                    scale = std::max(scale, 1.0);
                if (nearZeroScale(f.key))
                    scale = std::max(scale, 0.01);
                if (scale > 0.0)
                    row.residual = (*row.modelled - *row.measured) / scale;
                else
                    row.residual = *row.modelled == 0.0 ? 0.0 : 1.0;
            } else if (row.measured && row.modelledInfinite) {
                row.flagged = true;
                row.reason = "the calibrated model saturates at the measured load: the measurement is from a "
                             "period the model cannot carry (check the mapping and the servers)";
            }
            if (row.residual && std::abs(*row.residual) > kResidualFlag) {
                row.flagged = true;
                if (role == FigureRole::Rate)
                    row.reason = "the rates disagree: the mapping may be wrong (the object carries a different share "
                                 "of the traffic than the target), or the files cover different periods";
                else if (nearSaturation)
                    row.reason = "the model is at or near saturation at the measured load, where a small error in a "
                                 "service time changes waits a lot";
                else if (poolWaited)
                    row.reason = "measured while clients waited for a server connection (the pool was saturated): "
                                 "the waits are the closed loop's queue, which an open model spreads differently";
                else if (source == MeasureSource::PgbouncerPools)
                    row.reason = "SHOW POOLS is a snapshot of one moment, not an average over the run";
                else if (f.key.find("p50") != std::string::npos || f.key.find("p9") != std::string::npos ||
                         f.key.find(".med") != std::string::npos)
                    row.reason = "the model's percentiles assume exponential service times (service_cv 1); the "
                                 "measured distribution is different";
                else if (role == FigureRole::Time)
                    row.reason = "time spent outside the modelled components (client side, network), or the "
                                 "mapping is wrong";
                else
                    row.reason = "the mapping may be wrong, or the measurement is from a period unlike the rest";
            }
            result.residuals.push_back(std::move(row));
        }
    }
    return result;
}

} // namespace headroom::engine
