// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace headroom::engine::sim {

/// The p-quantile of Student's t distribution with `df` degrees of freedom
/// (0 < p < 1, df >= 1): the regularized incomplete beta function inverted by
/// Newton's method from the Cornish-Fisher start, to a relative 1e-13.
double studentTQuantile(double p, double df);
/// P(T <= t) for Student's t with `df` degrees of freedom.
double studentTCdf(double t, double df);

/// How a simulated figure compares with its formula (spec section 9).
enum class Verdict {
    Agrees,     ///< the formula's value is inside the interval, or within 1% of the mean
    Differs,
    NoAnalytic, ///< the formulas have no figure for it
};

/// One estimated figure: the mean of the replications' estimates with its Student-t
/// interval, and the formula's value beside it.
struct Estimate {
    double mean = 0.0;
    double ciLow = 0.0;
    double ciHigh = 0.0;
    std::optional<double> analytic;
    Verdict verdict = Verdict::NoAnalytic;
    int replications = 0; ///< replications that had a value (a component nobody visited has none)

    [[nodiscard]] double halfWidth() const { return 0.5 * (ciHigh - ciLow); }
};

/// agrees when `analytic` lies in [low, high] or within 1% of `mean` (absolute 1e-9 near 0).
Verdict verdictOf(double mean, double low, double high, std::optional<double> analytic);

/// The estimate from one value per replication (missing where a replication had
/// none): mean +- t(P, n - 1) s / sqrt(n) over the n present values. Empty when fewer
/// than two replications have a value.
std::optional<Estimate> estimateOf(std::span<const std::optional<double>> perReplication, double confidence,
                                   std::optional<double> analytic);

/// The order statistics for 0 < p < 1, each the ceil(p n)-th smallest sample (the
/// smallest value with at least a share p of the samples at or below it).
/// Reorders `samples`. Empty when there are no samples.
std::vector<double> orderStatistics(std::span<float> samples, std::span<const double> probabilities);

} // namespace headroom::engine::sim
