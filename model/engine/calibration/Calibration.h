// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "engine/Model.h"
#include "engine/ModelEdit.h"
#include "engine/calibration/CalibrationFigures.h"
#include "engine/calibration/Measurement.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace headroom::engine {

/// One measured object mapped onto the model: `--map NAME=TARGET`.
struct MeasureMapping {
    std::size_t measurement = 0; ///< index into the measurements
    std::string object;          ///< the object's name as the measurement lists it (a series may be abbreviated)
    CalibrationTarget target;

    bool operator==(const MeasureMapping&) const = default;
};

/// A residual above this share of the measured figure is flagged.
inline constexpr double kResidualFlag = 0.10;

/// One measured figure against the calibrated model's figure at the measured load.
struct ResidualRow {
    std::size_t mapping = 0; ///< which mapping it belongs to
    std::string figure;
    std::optional<double> measured; ///< empty: the system reported nothing (an idle replica's lag)
    std::optional<double> modelled; ///< empty: the model has no such figure, or it is infinite
    bool modelledInfinite = false;  ///< the model has the figure, and it is infinite (saturated)
    std::optional<double> residual; ///< (modelled - measured) / scale; scale is the measured figure, or what
                                    ///< it is part of when it is near zero (a wait: its transaction time)
    bool fitted = false;            ///< calibration set a field from this figure
    bool flagged = false;           ///< |residual| above kResidualFlag
    std::string reason;             ///< why it may be off (flagged rows), or what the figure set (fitted rows)
};

/// One field calibration changed.
struct FieldChange {
    CalibrationTarget owner; ///< the component, or the link FROM->TO
    std::string field;       ///< its key
    std::optional<double> before;
    double after = 0.0;
};

struct CalibrationResult {
    Model model;                       ///< the calibrated model, its marks set
    std::vector<FieldChange> changes;  ///< in the order they were made
    std::vector<ResidualRow> residuals;
    std::vector<std::string> notes;    ///< what was not fitted and why

    /// The changes as model edits (the editor pushes them as one undo step).
    [[nodiscard]] std::vector<ModelEdit> edits() const;
    [[nodiscard]] bool anyFlagged() const;
};

/// Fits the model to what was measured (spec section 10.1), in this order: arrival rates
/// (the first measured rate scales the open clients; a rate mapped onto a clients
/// component sets that one), service times by the utilization law (a Prometheus
/// `*_seconds_total` counter: S = busy / X), then measured times less modelled waits,
/// callees before callers (a root search on service_ms so that the model's time at the
/// measured load equals the measured one; a PgBouncer database onto a pooled link sets
/// the database's service_ms, or the link's pool_overhead_ms when the database's service
/// time is already calibrated), then replicas' apply_ms from their replay lag at the
/// modelled write rate. Then every figure of every mapped object is compared.
/// Errors (a mapping onto a missing component or a link without a pool, an object the
/// measurement does not have, a measurement that gives the target nothing to fit) name
/// the mapping; the input model is never changed.
Checked<CalibrationResult> calibrate(const Model& model, std::span<const Measurement> measurements,
                                     std::span<const MeasureMapping> mappings);

} // namespace headroom::engine
