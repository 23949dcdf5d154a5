// SPDX-License-Identifier: MIT
#include "engine/sim/LoadProfile.h"

#include "engine/Fields.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace headroom::engine::sim {

namespace {

constexpr std::size_t kMostPoints = 1'000'000;
constexpr double kLongestS = 1e9; // about 32 years: beyond it a double's seconds lose the millisecond

} // namespace

Checked<LoadProfile> LoadProfile::create(std::vector<ProfilePoint> points, const Subject& subject)
{
    const Subject where = subject.withField("points");
    Issues issues;
    if (points.size() < 2)
        return Issue{where, "needs at least two points [time_s, multiplier]; got " +
                                            std::to_string(points.size())};
    if (points.size() > kMostPoints)
        return Issue{where, "has " + std::to_string(points.size()) + " points; at most " +
                                            std::to_string(kMostPoints) + " are allowed"};
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Subject at = subject.withField("points[" + std::to_string(i) + "]");
        const ProfilePoint& p = points[i];
        if (!std::isfinite(p.timeS) || p.timeS < 0.0 || p.timeS > kLongestS)
            issues.push_back({at, "time must be a number of seconds from 0 to " + formatNumber(kLongestS) + ", got " +
                                      formatNumber(p.timeS)});
        else if (i > 0 && std::isfinite(points[i - 1].timeS) && p.timeS < points[i - 1].timeS)
            issues.push_back({at, "time goes backwards: " + formatNumber(p.timeS) + " s comes after " +
                                      formatNumber(points[i - 1].timeS) + " s; list the points in time order"});
        if (!std::isfinite(p.multiplier) || p.multiplier < 0.0 || p.multiplier > 1e9)
            issues.push_back({at, "multiplier must be a number from 0 to 1e9, got " + formatNumber(p.multiplier)});
        if (issues.size() >= 20)
            break;
    }
    if (issues.empty() && !(points.back().timeS > 0.0))
        issues.push_back({where, "the last point is the end of the run and must be after 0 s"});
    if (!issues.empty())
        return issues;
    return LoadProfile(std::move(points));
}

double LoadProfile::maxMultiplier() const
{
    double m = 0.0;
    for (const ProfilePoint& p : m_points)
        m = std::max(m, p.multiplier);
    return m;
}

std::size_t LoadProfile::segmentAt(double t) const
{
    // The last point at or before t; a step (two points at one time) resolves to the later one.
    const auto it = std::upper_bound(m_points.begin(), m_points.end(), t,
                                     [](double value, const ProfilePoint& p) { return value < p.timeS; });
    if (it == m_points.begin())
        return 0;
    const auto i = static_cast<std::size_t>(it - m_points.begin()) - 1;
    return std::min(i, m_points.size() - 2);
}

double LoadProfile::multiplierAt(double t) const
{
    if (t <= m_points.front().timeS)
        return t < m_points.front().timeS ? m_points.front().multiplier : m_points[segmentAt(t)].multiplier;
    if (t >= m_points.back().timeS)
        return m_points.back().multiplier;
    const std::size_t i = segmentAt(t);
    const ProfilePoint& a = m_points[i];
    const ProfilePoint& b = m_points[i + 1];
    if (b.timeS <= a.timeS)
        return b.multiplier;
    return a.multiplier + (b.multiplier - a.multiplier) * (t - a.timeS) / (b.timeS - a.timeS);
}

double LoadProfile::advance(double t, double work) const
{
    double at = t;
    double left = work;
    // Before the first point the multiplier is constant.
    if (at < m_points.front().timeS) {
        const double m = m_points.front().multiplier;
        const double span = m_points.front().timeS - at;
        if (m * span >= left)
            return at + left / m;
        left -= m * span;
        at = m_points.front().timeS;
    }
    for (std::size_t i = segmentAt(at); i + 1 < m_points.size(); ++i) {
        const ProfilePoint& a = m_points[i];
        const ProfilePoint& b = m_points[i + 1];
        if (b.timeS <= at)
            continue;
        if (b.timeS <= a.timeS)
            continue; // a step: no time passes
        const double slope = (b.multiplier - a.multiplier) / (b.timeS - a.timeS);
        const double m0 = a.multiplier + slope * (at - a.timeS);
        const double area = 0.5 * (m0 + b.multiplier) * (b.timeS - at);
        if (area >= left && area > 0.0) {
            // m0 d + slope d^2 / 2 = left, in the form that does not cancel for either sign of the slope.
            const double root = std::sqrt(std::max(0.0, m0 * m0 + 2.0 * slope * left));
            const double d = 2.0 * left / (m0 + root);
            return std::min(at + d, b.timeS);
        }
        left -= area;
        at = b.timeS;
    }
    return std::numeric_limits<double>::infinity();
}

std::vector<std::pair<double, double>> LoadProfile::intervalsAtOrAbove(double threshold) const
{
    std::vector<std::pair<double, double>> out;
    const auto add = [&out](double from, double to) {
        if (!out.empty() && out.back().second >= from)
            out.back().second = std::max(out.back().second, to);
        else
            out.emplace_back(from, to);
    };
    if (m_points.front().timeS > 0.0 && m_points.front().multiplier >= threshold)
        add(0.0, m_points.front().timeS);
    for (std::size_t i = 0; i + 1 < m_points.size(); ++i) {
        const ProfilePoint& a = m_points[i];
        const ProfilePoint& b = m_points[i + 1];
        if (b.timeS <= a.timeS) {
            if (b.multiplier >= threshold)
                add(b.timeS, b.timeS);
            continue;
        }
        const bool aOver = a.multiplier >= threshold;
        const bool bOver = b.multiplier >= threshold;
        if (aOver && bOver) {
            add(a.timeS, b.timeS);
        } else if (aOver || bOver) {
            const double cross = a.timeS + (threshold - a.multiplier) / (b.multiplier - a.multiplier) * (b.timeS - a.timeS);
            if (aOver)
                add(a.timeS, cross);
            else
                add(cross, b.timeS);
        }
    }
    return out;
}

std::int64_t LoadProfile::roundUsers(double value)
{
    return static_cast<std::int64_t>(std::llround(std::clamp(value, 0.0, 1e12)));
}

LoadProfile::Change LoadProfile::nextUserChange(double t, double scale, std::int64_t current) const
{
    const auto n = static_cast<double>(current);
    if (t < m_points.front().timeS) {
        const std::int64_t first = roundUsers(scale * m_points.front().multiplier);
        if (first != current)
            return {t, first};
        t = m_points.front().timeS;
    }
    for (std::size_t i = segmentAt(t); i + 1 < m_points.size(); ++i) {
        const ProfilePoint& a = m_points[i];
        const ProfilePoint& b = m_points[i + 1];
        if (b.timeS < t)
            continue;
        if (b.timeS <= a.timeS) {
            const std::int64_t after = roundUsers(scale * b.multiplier);
            if (after != current)
                return {std::max(t, b.timeS), after};
            continue;
        }
        const double va = scale * a.multiplier;
        const double vb = scale * b.multiplier;
        // Where along the segment the value passes current +- 1/2.
        const auto crossing = [&](double level) {
            return a.timeS + (level - va) / (vb - va) * (b.timeS - a.timeS);
        };
        if (vb > va && vb >= n + 0.5) {
            const double when = crossing(n + 0.5);
            if (when >= t)
                return {when, current + 1};
        } else if (vb < va && vb < n - 0.5 && current > 0) {
            const double when = crossing(n - 0.5);
            if (when >= t)
                return {when, current - 1};
        }
    }
    return {};
}

} // namespace headroom::engine::sim
