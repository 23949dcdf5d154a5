// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/Result.h"
#include "engine/calibration/Measurement.h"

#include <optional>
#include <string>
#include <string_view>

namespace headroom::engine {

/// What a measured object is mapped onto: a component, or the pooled link FROM->TO.
struct CalibrationTarget {
    std::string component; ///< the component, or the link's FROM
    std::string linkTo;    ///< the link's TO; empty for a component

    [[nodiscard]] bool isLink() const { return !linkTo.empty(); }
    /// "db" or "app->db", as the command line writes it.
    [[nodiscard]] std::string text() const { return isLink() ? component + "->" + linkTo : component; }
    /// What an issue about the target is about: the component, or the link.
    [[nodiscard]] Subject subject() const
    {
        return isLink() ? Subject::link(component, linkTo) : Subject::component(component);
    }

    bool operator==(const CalibrationTarget&) const = default;
};

/// Reads "db" or "app->db"; nothing when the text is neither.
std::optional<CalibrationTarget> parseTarget(std::string_view text);

/// What a measured figure is in the model's terms.
enum class FigureRole : std::uint8_t {
    NotModelled, ///< the model has no such figure (query counts, byte distances, states)
    Rate,        ///< requests per second into the target
    Time,        ///< mean time of a visit to the target (pool: how long a connection is held)
    Busy,        ///< busy servers (seconds of work per second: the utilization law)
    Wait,        ///< mean wait for a pooled connection
    Lag,         ///< a replica's mean replay lag
    Other,       ///< compared, never fitted: percentiles, counts, error shares
};

/// The role of `figure` of an object of `source` (`object` for a Prometheus series' name).
FigureRole figureRole(MeasureSource source, std::string_view object, std::string_view figure);

/// The model's figure for a measured one, in the measured figure's unit, from a solved
/// model: the comparison calibrate prints and the inspector shows beside a calibrated
/// field. Nothing when the model has no such figure for this target.
std::optional<double> modelledFigure(const Model& model, const SolveResult& result, const CalibrationTarget& target,
                                     MeasureSource source, std::string_view object, std::string_view figure);

/// The mean time a request to component `index` takes from its arrival until its
/// synchronous calls below it have answered (its own response, plus each sync call's
/// answer and pool wait), as the caller of `index` sees it. For a clients component:
/// the end-to-end response of its requests. Nothing when it is infinite (saturated) or
/// runs around a synchronous cycle.
std::optional<double> subtreeResponseMs(const Model& model, const SolveResult& result, std::size_t index);

/// Milliseconds per unit of a Prometheus series' own time unit (1000 for "_seconds"), or
/// nothing when its name does not say.
std::optional<double> prometheusTimeScale(std::string_view series);

} // namespace headroom::engine
