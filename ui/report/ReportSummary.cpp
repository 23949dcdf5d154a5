// SPDX-License-Identifier: MIT
#include "report/ReportSummary.h"

#include "report/ReportText.h"

#include "Format.h"
#include "engine/calibration/CalibrationMarks.h"
#include "io/TextTable.h"

#include <algorithm>
#include <set>

namespace headroom::ui::report {

namespace {

QString idOf(const engine::Model& model, std::size_t component)
{
    return format::text(model.components[component].id);
}

/// "a, b and c".
QString listed(const QStringList& items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + items.back();
}

/// At most `most` items named, the rest counted: "a, b, c and 4 more".
QString listedAtMost(QStringList items, qsizetype most)
{
    if (items.size() <= most)
        return listed(items);
    const qsizetype rest = items.size() - most;
    items = items.mid(0, most);
    items << QStringLiteral("%1 more").arg(rest);
    return listed(items);
}

QString nowSentence(const ReportContent& content)
{
    const engine::SolveResult& r = content.result;
    QString text = QStringLiteral("At %1 the system carries %2 with an end-to-end response of %3")
                       .arg(content.trafficLine(), rate(r.throughputRps), responseMs(r.meanResponseMs));
    if (r.bottleneck) {
        const std::size_t b = *r.bottleneck;
        text += QStringLiteral("; its busiest component is %1 at %2 utilization")
                    .arg(idOf(content.model(), b), utilization(content.rows[b].utilization));
    }
    if (!r.stable)
        text += QStringLiteral(". It is not stable at this traffic: some queue grows without bound");
    return text + QLatin1Char('.');
}

QString breaksSentence(const ReportContent& content, const engine::TenXAnswer& answer)
{
    const engine::Model& model = content.model();
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < answer.saturatesAt.size(); ++i) {
        if (answer.saturatesAt[i] && (!first || *answer.saturatesAt[i] < *answer.saturatesAt[*first]))
            first = i;
    }
    if (!first)
        return QStringLiteral("Nothing saturates at any traffic: no queueing component is on a request's path.");
    // saturatesAt is in multiples of the model's own rates; the report's traffic may differ.
    const double at = *answer.saturatesAt[*first];
    QString text = QStringLiteral("What breaks first: %1 saturates at %2 today's traffic")
                       .arg(idOf(model, *first), multiplier(at));
    if (at <= content.request.multiplier)
        text += QStringLiteral(", so it is already saturated at the traffic of this report");
    text += QLatin1Char('.');
    QStringList broken;
    for (const engine::Break& b : answer.breaks)
        broken << QStringLiteral("%1 (%2)").arg(idOf(model, b.component), multiplier(b.saturatesAt));
    if (broken.isEmpty())
        text += QStringLiteral(" Nothing saturates at %1.").arg(multiplier(answer.multiplier));
    else
        text += QStringLiteral(" By %1, %2 %3: %4.")
                    .arg(multiplier(answer.multiplier))
                    .arg(broken.size())
                    .arg(broken.size() == 1 ? QStringLiteral("component saturates")
                                            : QStringLiteral("components saturate"),
                         listedAtMost(broken, 6));
    return text;
}

QString surviveSentence(const ReportContent& content, const engine::TenXAnswer& answer)
{
    const engine::Model& model = content.model();
    const engine::CapacityPlan& plan = answer.plan;
    QStringList changes;
    QStringList hotSpots;
    for (const engine::InstancePlan& p : plan.components) {
        if (!p.requiredInstances)
            hotSpots << idOf(model, p.component);
        else if (*p.requiredInstances > p.instances)
            changes << QStringLiteral("%1 from %2 to %3 instances")
                           .arg(idOf(model, p.component))
                           .arg(p.instances)
                           .arg(*p.requiredInstances);
    }
    for (const engine::PoolPlan& p : plan.pools) {
        if (p.requiredPoolSize && *p.requiredPoolSize > p.poolSize) {
            const engine::Link& link = model.links[p.link];
            changes << QStringLiteral("the pool %1 \u2192 %2 from %3 to %4 connections")
                           .arg(format::text(link.from), format::text(link.to))
                           .arg(p.poolSize)
                           .arg(*p.requiredPoolSize);
        }
    }
    const QString target = utilization(answer.targetUtilization);
    QString text;
    if (changes.isEmpty())
        text = QStringLiteral("It takes nothing to survive %1: every component stays at or under %2 utilization, "
                              "at today's cost of %3 a month.")
                   .arg(multiplier(answer.multiplier), target, money(plan.costNow));
    else
        text = QStringLiteral("To survive %1 at or under %2 utilization: %3. That takes the monthly cost from %4 to %5 "
                              "(%6%7).")
                   .arg(multiplier(answer.multiplier), target, listedAtMost(changes, 8), money(plan.costNow),
                        money(plan.costAfter), plan.costAfter >= plan.costNow ? QStringLiteral("+") : QString(),
                        money(plan.costAfter - plan.costNow));
    if (!hotSpots.isEmpty())
        text += QStringLiteral(" %1 %2 a hot spot that more instances cannot fix: it needs a better split or a "
                               "faster service.")
                    .arg(listedAtMost(hotSpots, 6), hotSpots.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
    return text;
}

QString nPlusOneSentence(const ReportContent& content, const engine::TenXAnswer& answer)
{
    const engine::Model& model = content.model();
    if (answer.nPlusOne.empty())
        return QStringLiteral("N+1: no tier runs more than one instance, so every tier is a single point of failure.");
    QStringList failing;
    for (const engine::RedundancyCheck& check : answer.nPlusOne) {
        if (check.survivesLossOfOne)
            continue;
        QString item = QStringLiteral("%1 (%2 instances, %3 after losing one")
                           .arg(idOf(model, check.component))
                           .arg(check.instances)
                           .arg(utilization(check.utilizationAfterLoss));
        if (check.instancesNeeded)
            item += QStringLiteral("; needs %1").arg(*check.instancesNeeded);
        failing << item + QLatin1Char(')');
    }
    if (failing.isEmpty())
        return QStringLiteral("N+1: every tier with more than one instance survives losing one at %1.")
            .arg(multiplier(answer.multiplier));
    return QStringLiteral("N+1: at %1, %2 cannot lose one instance: %3.")
        .arg(multiplier(answer.multiplier))
        .arg(failing.size() == 1 ? QStringLiteral("one tier") : QStringLiteral("%1 tiers").arg(failing.size()),
             listedAtMost(failing, 6));
}

QString adviceSentence(const ReportContent& content)
{
    if (content.stage.isEmpty())
        return {};
    qsizetype critical = 0;
    for (const FindingText& f : content.findings)
        critical += f.severity == QLatin1String("critical") ? 1 : 0;
    QString text = QStringLiteral("The advisor places the architecture at %1").arg(content.stage.section(QLatin1Char(':'), 0, 0));
    if (content.findings.empty())
        return text + QStringLiteral(" and has no findings at %1.").arg(multiplier(content.planningAt));
    return text + QStringLiteral(" and has %1 at %2, %3 critical.")
                      .arg(format::counted(static_cast<qsizetype>(content.findings.size()), QStringLiteral("finding"),
                                           QStringLiteral("findings")),
                           multiplier(content.planningAt))
                      .arg(critical);
}

QString costText(double delta)
{
    return (delta > 0.5 ? QStringLiteral("+") : QString()) + money(delta) + QStringLiteral(" a month");
}

} // namespace

QStringList executiveSummary(const ReportContent& content)
{
    QStringList out;
    out << nowSentence(content);
    if (content.tenX) {
        out << breaksSentence(content, *content.tenX);
        out << surviveSentence(content, *content.tenX);
        out << nPlusOneSentence(content, *content.tenX);
    } else if (!content.tenXNote.isEmpty()) {
        out << content.tenXNote;
    }
    if (const QString advice = adviceSentence(content); !advice.isEmpty())
        out << advice;
    return out;
}

QStringList assumptions(const ReportContent& content)
{
    const engine::Model& model = content.model();
    std::set<engine::Method> methods;
    QStringList variable;
    for (std::size_t i = 0; i < content.result.components.size(); ++i) {
        const engine::ComponentResult& r = content.result.components[i];
        methods.insert(r.method);
        if (r.method == engine::Method::AllenCunneen)
            variable << idOf(model, i);
    }
    QStringList out;
    out << QStringLiteral("Every figure is computed by Headroom's queueing engine for the model as written, at %1; "
                          "utilization and response are the busiest instance's.")
               .arg(content.trafficLine());
    out << QStringLiteral("Traffic: the rates solve \u03bb_j = \u03b3_j + \u03a3_i \u03bb_i (1 \u2212 B_i) m_ij over the "
                          "links (calls per request, cache misses, shed load removed).");
    if (methods.contains(engine::Method::ErlangC))
        out << QStringLiteral("Stations are M/M/c queues (Erlang C): Poisson arrivals, exponential service, first come "
                              "first served, c servers per instance; exact.");
    if (methods.contains(engine::Method::AllenCunneen))
        out << QStringLiteral("Approximation: stations with service_cv \u2260 1 (%1) use the Allen-Cunneen "
                              "approximation for M/G/c, W_q \u2248 W_q(M/M/c) \u00d7 (1 + cv\u00b2) / 2.")
                   .arg(listedAtMost(variable, 10));
    if (methods.contains(engine::Method::FiniteCapacity))
        out << QStringLiteral("Stations with a capacity K are M/M/c/K queues (exact, closed form): an arrival that "
                              "finds K requests in the system is rejected at once.");
    if (methods.contains(engine::Method::FixedDelay))
        out << QStringLiteral("External dependencies add a fixed latency and never queue.");
    if (methods.contains(engine::Method::MvaExact))
        out << QStringLiteral("The closed workload is solved by exact mean value analysis (load-dependent MVA).");
    if (methods.contains(engine::Method::MvaApproximate))
        out << QStringLiteral("Approximation: the closed workload is too large for exact MVA and is solved by "
                              "Schweitzer-Bard approximate MVA.");
    out << QStringLiteral("Percentiles are exact first-come-first-served response-time percentiles for M/M/c and "
                          "M/M/c/K%1.")
               .arg(methods.contains(engine::Method::AllenCunneen)
                        ? QStringLiteral("; for Allen-Cunneen stations they are approximate")
                        : QString());
    out << QStringLiteral("Headroom is the multiplier of today's traffic at which a component's busiest instance "
                          "reaches 100% utilization; a saturated figure is unbounded and reads \u201csaturated\u201d.");
    if (content.tenX)
        out << QStringLiteral("The capacity plan is the smallest instance count that keeps each station at or under "
                              "%1 utilization at %2 (offered load: a tier that sheds is not counted as coping).")
                   .arg(utilization(content.tenX->targetUtilization), multiplier(content.planningAt));
    if (!content.pools.empty())
        out << QStringLiteral("A connection pool is an M/M/P queue whose service time is the connection's hold time "
                              "(database response plus pool overhead); its chance of waiting is Erlang C.");
    if (!content.lags.empty())
        out << QStringLiteral("A replica applies the primary's writes on one thread (M/M/1): mean lag = delay + "
                              "apply_ms / (1 \u2212 \u03c1), p99 lag = delay + ln(100) \u00d7 apply_ms / (1 \u2212 \u03c1).");
    if (!content.shedding.empty())
        out << QStringLiteral("Load shedding counts goodput: requests admitted and answered within the client timeout "
                              "of %1.")
                   .arg(format::ms(content.shedding.front().answer.timeoutMs));
    out << calibratedFields(model);
    return out;
}

QStringList calibratedFields(const engine::Model& model)
{
    QStringList out;
    const auto describe = [&](const std::string& owner, const engine::CalibrationMark& mark,
                              std::optional<double> now) {
        QString line = QStringLiteral("%1.%2 %3, %4 (%5 measured %6)")
                           .arg(format::text(owner), format::text(mark.field),
                                format::text(model::humanNumber(mark.value)),
                                format::text(engine::markSource(mark)), format::text(mark.figure),
                                format::text(model::humanNumber(mark.measured)));
        if (now != mark.value)
            line += QStringLiteral("; edited since, now %1")
                        .arg(now ? format::text(model::humanNumber(*now)) : QStringLiteral("its default"));
        out << line + QLatin1Char('.');
    };
    for (const engine::Component& c : model.components) {
        for (const engine::CalibrationMark& mark : c.calibrated) {
            const auto field = engine::parseField(mark.field);
            describe(c.id, mark, field ? c.get(*field) : std::nullopt);
        }
    }
    for (const engine::Link& l : model.links) {
        for (const engine::CalibrationMark& mark : l.calibrated) {
            const auto field = engine::parseLinkField(mark.field);
            describe(l.from + "->" + l.to, mark, field ? l.get(*field) : std::nullopt);
        }
    }
    return out;
}

QStringList poolSentences(const engine::Model& model, const engine::PoolSizing& sizing)
{
    const engine::Link& link = model.links[sizing.link];
    QStringList out;
    out << QStringLiteral("Each of %1 %2 instances sends %3 through the pool, and a connection is held %4.")
               .arg(sizing.callerInstances)
               .arg(format::text(link.from), rate(sizing.perInstanceRps), responseMs(sizing.holdMs));
    if (sizing.recommendedPoolSize)
        out << QStringLiteral("Recommended: %1 connections (a chance of waiting of at most %2); it has %3.")
                   .arg(*sizing.recommendedPoolSize)
                   .arg(utilization(sizing.targetWait))
                   .arg(sizing.currentPoolSize);
    else
        out << QStringLiteral("No pool size keeps the chance of waiting under %1: the database itself is saturated.")
                   .arg(utilization(sizing.targetWait));
    if (sizing.perNodeBudget)
        out << QStringLiteral("Per-node budget: %1 connections (max_connections %2 over %3 instances).")
                   .arg(*sizing.perNodeBudget)
                   .arg(sizing.maxConnections.value_or(0))
                   .arg(sizing.callerInstances);
    if (sizing.pooledResponseMs && sizing.unpooledResponseMs)
        out << QStringLiteral("Database response with the pool %1, without it %2.")
                   .arg(responseMs(sizing.pooledResponseMs), responseMs(sizing.unpooledResponseMs));
    return out;
}

QStringList lagSentences(const engine::Model& model, const engine::ReplicaLagAnswer& lag)
{
    QStringList out;
    out << QStringLiteral("%1 replicates from %2.")
               .arg(idOf(model, lag.replica), idOf(model, lag.primary));
    out << (lag.saturatesAt ? QStringLiteral("It falls behind for good at %1 today's traffic, where its apply thread "
                                             "saturates.")
                                  .arg(multiplier(lag.saturatesAt))
                            : QStringLiteral("It keeps up at any traffic."));
    if (lag.readYourWritesMs)
        out << QStringLiteral("At the report's traffic, a read %1 after a write sees it 99% of the time.")
                   .arg(responseMs(lag.readYourWritesMs));
    return out;
}

QStringList sheddingSentences(const engine::Model& model, const engine::LoadSheddingAnswer& answer)
{
    QStringList out;
    if (answer.withShedding.empty() || answer.withoutShedding.empty())
        return out;
    const engine::ShedPoint& with = answer.withShedding.back();
    const engine::ShedPoint& without = answer.withoutShedding.back();
    out << QStringLiteral("At %1 offered to %2: with its queue bounded at %3, goodput is %4 (%5 rejected at once); "
                          "without a bound it is %6.")
               .arg(rate(with.offeredRps), idOf(model, answer.component))
               .arg(answer.capacity)
               .arg(rate(with.goodputRps), utilization(with.rejectedFraction), rate(without.goodputRps));
    out << QStringLiteral("The recommended bound is %1, the shortest queue that keeps 99% of the best goodput. "
                          "Goodput counts requests answered within %2.")
               .arg(answer.recommendedCapacity)
               .arg(responseMs(answer.timeoutMs));
    return out;
}

std::vector<FindingText> findingTexts(const std::vector<engine::Finding>& findings)
{
    std::vector<FindingText> out;
    out.reserve(findings.size());
    for (const engine::Finding& f : findings) {
        FindingText text;
        text.severity = format::text(engine::severityName(f.severity));
        text.kind = format::text(engine::findingKindName(f.kind));
        text.component = format::text(f.component);
        text.message = sentence(f.message);
        if (f.recommendation)
            text.actions << QStringLiteral("Do: %1 (cost %2).")
                                .arg(sentence(f.recommendation->summary), costText(f.recommendation->costDeltaPerMonth));
        else if (!f.advice.empty())
            text.actions << QStringLiteral("Advice: ") + sentence(f.advice);
        else
            text.actions << QStringLiteral("No verified change in the model fixes it.");
        for (const engine::Recommendation& r : f.alternatives)
            text.actions << QStringLiteral("Or: %1 (cost %2).").arg(sentence(r.summary), costText(r.costDeltaPerMonth));
        for (const std::string& effect : f.recommendation ? f.recommendation->sideEffects : std::vector<std::string>{})
            text.actions << QStringLiteral("Then: ") + sentence(effect);
        out.push_back(std::move(text));
    }
    return out;
}

} // namespace headroom::ui::report
