// SPDX-License-Identifier: MIT
#include "engine/sim/Statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::engine::sim {

namespace {

/// The continued fraction of the regularized incomplete beta function (Lentz's method,
/// as in Numerical Recipes' betacf).
double betaFraction(double a, double b, double x)
{
    constexpr double kTiny = 1e-300;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny)
        d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny)
            d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny)
            c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny)
            d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny)
            c = kTiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1.0) < 1e-16)
            break;
    }
    return h;
}

/// I_x(a, b), the regularized incomplete beta function.
double incompleteBeta(double a, double b, double x)
{
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaFraction(a, b, x) / a;
    return 1.0 - front * betaFraction(b, a, 1.0 - x) / b;
}

/// ln of the t density with `df` degrees of freedom at t.
double logDensity(double t, double df)
{
    return std::lgamma(0.5 * (df + 1.0)) - std::lgamma(0.5 * df) - 0.5 * std::log(df * M_PI) -
           0.5 * (df + 1.0) * std::log1p(t * t / df);
}

/// Upper tail P(T > t) for t >= 0, without cancellation.
double upperTail(double t, double df)
{
    return 0.5 * incompleteBeta(0.5 * df, 0.5, df / (df + t * t));
}

} // namespace

double studentTCdf(double t, double df)
{
    const double tail = upperTail(std::fabs(t), df);
    return t >= 0.0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df)
{
    if (p == 0.5)
        return 0.0;
    if (p < 0.5)
        return -studentTQuantile(1.0 - p, df);
    const double q = 1.0 - p; // upper tail wanted
    if (df == 1.0)
        return std::tan(M_PI * (p - 0.5));
    if (df == 2.0)
        return (2.0 * p - 1.0) * std::sqrt(2.0 / (4.0 * p * q));
    // Start: the normal quantile (Acklam's rational approximation) with the Cornish-Fisher
    // correction, then Newton on the upper tail, whose derivative is minus the density.
    const auto normalQuantile = [](double prob) {
        static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                       1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
        static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                       6.680131188771972e+01,  -1.328068155288572e+01};
        static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                       -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
        static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                       3.754408661907416e+00};
        if (prob > 0.97575) {
            const double r = std::sqrt(-2.0 * std::log(1.0 - prob));
            return -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
                   ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1.0);
        }
        const double s = prob - 0.5;
        const double r = s * s;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * s /
               (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    };
    const double z = normalQuantile(p);
    const double z3 = z * z * z;
    double t = z + (z3 + z) / (4.0 * df) + (5.0 * z3 * z * z + 16.0 * z3 + 3.0 * z) / (96.0 * df * df);
    if (!(t > 0.0))
        t = z > 0.0 ? z : 1e-3;
    // Newton on ln P(T > t) - ln q: nearly linear in t in the tail, so it converges
    // from the start above for any df >= 1 and any p; bisection guards the rare overshoot.
    double lo = 0.0;
    double hi = std::numeric_limits<double>::infinity();
    for (int i = 0; i < 200; ++i) {
        const double tail = upperTail(t, df);
        if (tail > q)
            lo = t;
        else
            hi = t;
        const double f = std::log(tail) - std::log(q);
        const double slope = -std::exp(logDensity(t, df)) / tail;
        double next = t - f / slope;
        if (!(next > lo && next < hi))
            next = std::isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * t;
        if (std::fabs(next - t) <= 1e-14 * std::fabs(next)) {
            t = next;
            break;
        }
        t = next;
    }
    return t;
}

Verdict verdictOf(double mean, double low, double high, std::optional<double> analytic)
{
    if (!analytic)
        return Verdict::NoAnalytic;
    const double v = *analytic;
    if (v >= low && v <= high)
        return Verdict::Agrees;
    const double tolerance = std::max(0.01 * std::fabs(mean), 1e-9);
    return std::fabs(v - mean) <= tolerance ? Verdict::Agrees : Verdict::Differs;
}

std::optional<Estimate> estimateOf(std::span<const std::optional<double>> perReplication, double confidence,
                                   std::optional<double> analytic)
{
    double sum = 0.0;
    int n = 0;
    for (const auto& v : perReplication) {
        if (v) {
            sum += *v;
            ++n;
        }
    }
    if (n < 2)
        return std::nullopt;
    const double mean = sum / n;
    double squares = 0.0;
    for (const auto& v : perReplication) {
        if (v)
            squares += (*v - mean) * (*v - mean);
    }
    const double sd = std::sqrt(squares / (n - 1));
    const double half = studentTQuantile(0.5 + 0.5 * confidence, n - 1) * sd / std::sqrt(static_cast<double>(n));
    Estimate e;
    e.mean = mean;
    e.ciLow = mean - half;
    e.ciHigh = mean + half;
    e.analytic = analytic;
    e.verdict = verdictOf(mean, e.ciLow, e.ciHigh, analytic);
    e.replications = n;
    return e;
}

std::vector<double> orderStatistics(std::span<float> samples, std::span<const double> probabilities)
{
    std::vector<double> out;
    if (samples.empty())
        return out;
    const std::size_t n = samples.size();
    std::size_t done = 0; // samples[0, done) are already at or below the last statistic found
    for (const double p : probabilities) {
        // ceil(p n), with a little slack so that 0.95 x 100 is 95 and not 96.
        auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n) - 1e-9));
        rank = std::clamp<std::size_t>(rank, 1, n);
        const std::size_t k = rank - 1;
        if (k >= done) {
            std::nth_element(samples.begin() + static_cast<std::ptrdiff_t>(done), samples.begin() + static_cast<std::ptrdiff_t>(k),
                             samples.end());
            done = k;
        }
        out.push_back(samples[k]);
    }
    return out;
}

} // namespace headroom::engine::sim
