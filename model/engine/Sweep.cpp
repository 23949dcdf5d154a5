// SPDX-License-Identifier: MIT
#include "Sweep.h"

#include "Fields.h"

#include <cmath>

namespace headroom::engine {

std::vector<double> evenlySpaced(double from, double to, int steps)
{
    std::vector<double> out(static_cast<std::size_t>(steps));
    for (int i = 0; i < steps; ++i)
        out[static_cast<std::size_t>(i)] = from + (to - from) * static_cast<double>(i) / static_cast<double>(steps - 1);
    out.back() = to;
    return out;
}

std::optional<Issue> checkMultiplier(double multiplier, std::string_view option)
{
    if (!std::isfinite(multiplier) || multiplier < 0.0 || multiplier > kMaxMultiplier)
        return Issue{Subject::argument(std::string(option)),
                     "must be a number from 0 to " + formatNumber(kMaxMultiplier) + ", got " +
                         formatNumber(multiplier)};
    return std::nullopt;
}

Issues checkRange(double from, double to, int steps)
{
    Issues issues;
    if (auto problem = checkMultiplier(from, "--from"))
        issues.push_back(*problem);
    if (auto problem = checkMultiplier(to, "--to"))
        issues.push_back(*problem);
    if (issues.empty() && !(from < to))
        issues.push_back(
            {Subject::argument("--to"), "must be above --from (" + formatNumber(from) + "), got " + formatNumber(to)});
    if (steps < 2)
        issues.push_back({Subject::argument("--steps"),
                          "must be at least 2 (both ends of the range), got " + std::to_string(steps)});
    return issues;
}

std::vector<SweepPoint> sweep(const Solver& solver, std::span<const double> multipliers)
{
    std::vector<SweepPoint> points;
    points.reserve(multipliers.size());
    SolveWorkspace workspace;
    for (const double m : multipliers) {
        const SolveResult& r = solver.solve({m, false}, workspace);
        SweepPoint p;
        p.multiplier = m;
        p.status = r.status;
        p.stable = r.stable;
        p.throughputRps = r.throughputRps;
        p.meanResponseMs = r.meanResponseMs;
        p.bottleneck = r.bottleneck;
        if (r.bottleneck)
            p.bottleneckUtilization = r.components[*r.bottleneck].utilization;
        p.maxMultiplier = r.maxMultiplier;
        for (std::size_t i = 0; i < r.components.size(); ++i) {
            if (r.components[i].saturated)
                p.saturated.push_back(i);
        }
        points.push_back(std::move(p));
    }
    return points;
}

} // namespace headroom::engine
