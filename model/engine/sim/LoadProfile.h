// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"

#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace headroom::engine::sim {

/// One point of a load profile: at `timeS` seconds the traffic is `multiplier` times the model's.
struct ProfilePoint {
    double timeS = 0.0;
    double multiplier = 1.0;

    bool operator==(const ProfilePoint&) const = default;
};

/// The traffic multiplier over time (spec 9.1): linear between points, the first
/// point's value before it; two points at the same time are a step (the later one holds
/// from that instant on). The run lasts from 0 to the last point.
class LoadProfile {
public:
    /// Checks the points: at least two, times finite, at least 0 and never going
    /// backwards, the last after 0, multipliers finite and at least 0. Issues are about
    /// the field "points" or "points[i]" of `subject`.
    static Checked<LoadProfile> create(std::vector<ProfilePoint> points,
                                       const Subject& subject = Subject::model("profile"));

    [[nodiscard]] const std::vector<ProfilePoint>& points() const { return m_points; }
    [[nodiscard]] double endS() const { return m_points.back().timeS; }
    [[nodiscard]] double maxMultiplier() const;
    [[nodiscard]] double multiplierAt(double t) const;

    /// The time t' >= t at which the integral of the multiplier from t reaches `work`
    /// (multiplier-seconds): the next arrival of a non-homogeneous Poisson process by
    /// inversion. Infinite when it is not reached before the end.
    [[nodiscard]] double advance(double t, double work) const;

    /// The maximal intervals of [0, end] where the multiplier is at least `threshold`.
    [[nodiscard]] std::vector<std::pair<double, double>> intervalsAtOrAbove(double threshold) const;

    /// A closed workload's user count round(scale x multiplier(t)) (halves away from
    /// zero) holds `current` at time t: the next time it changes, and to what. Time
    /// infinite when it never changes again before the end.
    struct Change {
        double time = std::numeric_limits<double>::infinity();
        std::int64_t users = 0;
    };
    [[nodiscard]] Change nextUserChange(double t, double scale, std::int64_t current) const;
    [[nodiscard]] static std::int64_t roundUsers(double value);

private:
    explicit LoadProfile(std::vector<ProfilePoint> points) : m_points(std::move(points)) {}
    /// The index i of the segment [points[i], points[i + 1]] holding t (the last one
    /// that starts at or before t), or 0 before the first point.
    [[nodiscard]] std::size_t segmentAt(double t) const;

    std::vector<ProfilePoint> m_points;
};

} // namespace headroom::engine::sim
