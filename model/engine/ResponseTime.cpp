// SPDX-License-Identifier: MIT
#include "ResponseTime.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::engine {

namespace {

// Poisson mass further than this many standard deviations (plus a margin for
// small means) from the mean is below 1e-30 and is left out.
constexpr double kPoissonSpread = 12.0;
constexpr double kPoissonMargin = 40.0;

/// e^{-mu t} (1 - e^{-d t}) / d with d = theta - mu, for any sign of d, without
/// cancellation or overflow. Both rates are taken as given: near saturation theta is
/// tiny, and rebuilding it as mu + d would carry d's rounding (about eps mu) into it,
/// a relative error of eps / (c (1 - rho)) in every percentile.
double mixedTerm(double mu, double theta, double t)
{
    const double d = theta - mu;
    const double dt = d * t;
    if (dt > -1.0) {
        const double ratio = dt == 0.0 ? t : -std::expm1(-dt) / d;
        return std::exp(-mu * t) * ratio;
    }
    // d < 0 and |d| t large: e^{-theta t} dominates; (e^{-theta t} - e^{-mu t}) / (mu - theta).
    return (std::exp(-theta * t) - std::exp(-mu * t)) / (mu - theta);
}

struct Thread {
    std::vector<double> within;
    std::vector<double> scratch;
};

Thread& workspace()
{
    thread_local Thread space;
    return space;
}

} // namespace

namespace {

/// Powers and geometric masses are carried by multiplication over long runs; this
/// often they are recomputed exactly, so that rounding cannot drift.
constexpr std::size_t kRefreshEvery = 256;
/// Queue states less likely than this are left out of the M/M/c/K mixture: even 10^7
/// of them move a probability by less than 1e-23.
constexpr double kNegligibleMass = 1e-30;

/// U_k = P(Erlang(k, c mu) + Exp(mu) <= t) for k in [kmin, kmax], into out[k - kmin].
/// The work is the Poisson window around c mu t plus the part of [kmin, kmax] below it:
/// U_k is 0 above the window (too many departures needed) and closed-form below it.
void waitPlusServiceWithinRange(double muPerMs, std::int64_t servers, double tMs, std::size_t kmin,
                                std::size_t kmax, std::vector<double>& out, std::vector<double>& scratch)
{
    out.assign(kmax - kmin + 1, 0.0);
    if (!(tMs > 0.0))
        return;
    const double c = static_cast<double>(servers);
    const double x = c * muPerMs * tMs;
    const double r = (c - 1.0) / c;
    const double spread = kPoissonSpread * std::sqrt(x) + kPoissonMargin;
    const auto low = static_cast<std::size_t>(std::max(0.0, std::floor(x - spread)));
    const auto high = static_cast<std::size_t>(std::ceil(x + spread));
    // Far from the window nothing needs it, and for huge c mu t it would not fit in
    // memory: above it the wait alone outlasts t (U = 0, beyond 1e-30); far below it
    // U_k = 1 - r^(low - k) (1 - U_low) and r^(low - k) underflows, so U = 1 exactly.
    if (kmin > high)
        return;
    const double decay = servers == 1 ? std::numeric_limits<double>::infinity() : -std::log1p(-1.0 / c);
    if (kmax < low && static_cast<double>(low - kmax) * decay > 745.0) {
        std::fill(out.begin(), out.end(), 1.0);
        return;
    }

    // Poisson(j; x) for j in [low, high], from the mode outwards.
    scratch.assign(high - low + 1, 0.0);
    const auto mode = std::clamp(static_cast<std::size_t>(std::floor(x)), low, high);
    const double md = static_cast<double>(mode);
    const double logMode = x == 0.0 ? 0.0 : -x + md * std::log(x) - std::lgamma(md + 1.0);
    scratch[mode - low] = std::exp(logMode);
    for (std::size_t j = mode; j < high; ++j)
        scratch[j + 1 - low] = scratch[j - low] * x / static_cast<double>(j + 1);
    for (std::size_t j = mode; j > low; --j)
        scratch[j - 1 - low] = scratch[j - low] * static_cast<double>(j) / x;
    // The window holds all but 1e-30 of the mass: normalising it removes the rounding of
    // ln Pois(mode) (about x eps), which scaled every probability (4e-8 at x = 1e7).
    double windowMass = 0.0;
    for (const double p : scratch)
        windowMass += p;
    for (double& p : scratch)
        p /= windowMass;

    // U_k = (1 - r) V_{k+1} + r U_{k+1}, V_k = sum_{j>=k} Pois(j): both are 0 above `high`.
    double upper = 0.0; // V_{k+1}
    double u = 0.0;     // U_{k+1}
    for (std::size_t k = high + 1; k-- > low;) {
        u = (1.0 - r) * upper + r * u;
        if (k >= kmin && k <= kmax)
            out[k - kmin] = u;
        upper += scratch[k - low];
    }
    // Below the window V = 1, so U_k = 1 - r^(low - k) (1 - U_low).
    const std::size_t end = std::min(low, kmax + 1);
    double power = 0.0;
    for (std::size_t k = end, step = 0; k-- > kmin; ++step) {
        power = step % kRefreshEvery == 0 ? std::pow(r, static_cast<double>(low - k)) : power * r;
        out[k - kmin] = 1.0 - power * (1.0 - u);
    }
}

} // namespace

void waitPlusServiceWithin(double muPerMs, std::int64_t servers, double tMs, std::size_t kmax,
                           std::vector<double>& out, std::vector<double>& scratch)
{
    waitPlusServiceWithinRange(muPerMs, servers, tMs, 0, kmax, out, scratch);
}

std::optional<ResponseTime> ResponseTime::of(const QueueInput& input, const QueueMetrics& metrics)
{
    if (metrics.saturated || !metrics.meanResponseMs)
        return std::nullopt;
    ResponseTime rt;
    rt.m_mu = 1.0 / input.serviceMs;
    rt.m_servers = input.servers;
    rt.m_meanMs = *metrics.meanResponseMs;
    if (metrics.method == QueueMethod::FiniteCapacity) {
        rt.m_shape = Shape::FiniteCapacity;
        rt.m_queueRoom = *input.capacity - input.servers;
        rt.m_below = metrics.belowServersMass;
        rt.m_logFirstQueued = metrics.logFirstQueuedMass;
        rt.m_logRho = metrics.logRho;
    } else {
        rt.m_shape = Shape::ErlangMix;
        rt.m_waitProb = metrics.erlangC;
        rt.m_theta = metrics.waitRatePerMs;
    }
    return rt;
}

ResponseTime ResponseTime::constant(double ms)
{
    ResponseTime rt;
    rt.m_shape = Shape::Constant;
    rt.m_constantMs = ms;
    rt.m_meanMs = ms;
    return rt;
}

double ResponseTime::exceeds(double tMs) const
{
    switch (m_shape) {
    case Shape::Constant:
        return tMs < m_constantMs ? 1.0 : 0.0;
    case Shape::ErlangMix: {
        if (tMs <= 0.0)
            return 1.0;
        // P(T > t) = e^{-mu t} + C mu e^{-mu t} (1 - e^{-(theta - mu) t}) / (theta - mu)
        const double value = std::exp(-m_mu * tMs) + m_waitProb * m_mu * mixedTerm(m_mu, m_theta, tMs);
        return std::clamp(value, 0.0, 1.0);
    }
    case Shape::FiniteCapacity:
        return std::clamp(1.0 - within(tMs), 0.0, 1.0);
    }
    return 0.0;
}

double ResponseTime::within(double tMs) const
{
    if (m_shape != Shape::FiniteCapacity)
        return 1.0 - exceeds(tMs);
    if (tMs <= 0.0)
        return 0.0;
    // An admitted arrival finds a free server (mass `below`) and needs only its service,
    // or finds n = c + m and waits for m + 1 departures: P = below (1 - e^{-mu t}) +
    // sum_m p_{c+m} U_{m+1}(t). U vanishes for m beyond `reach`, and the masses
    // p_{c+m} = e^{logFirstQueued + m logRho} are geometric, so only the m where they
    // are not negligible are summed: a few hundred unless rho is close to 1.
    const double x = static_cast<double>(m_servers) * m_mu * tMs;
    const double reach = x + kPoissonSpread * std::sqrt(x) + kPoissonMargin + 1.0;
    const double kmax = std::min(static_cast<double>(m_queueRoom), std::ceil(reach));
    double first = 0.0;
    double last = kmax; // exclusive
    const double threshold = std::log(kNegligibleMass) - m_logFirstQueued; // m logRho must reach it
    if (!(m_logFirstQueued > -std::numeric_limits<double>::infinity()))
        last = 0.0;
    else if (m_logRho > 0.0)
        first = std::max(0.0, std::ceil(threshold / m_logRho));
    else if (m_logRho < 0.0)
        last = std::min(kmax, std::floor(threshold / m_logRho) + 1.0);
    else if (threshold > 0.0)
        last = 0.0;
    double total = m_below * -std::expm1(-m_mu * tMs);
    if (first < last) {
        const auto from = static_cast<std::size_t>(first);
        const auto to = static_cast<std::size_t>(last);
        Thread& space = workspace();
        waitPlusServiceWithinRange(m_mu, m_servers, tMs, from + 1, to, space.within, space.scratch);
        const double ratio = std::exp(m_logRho);
        double mass = 0.0;
        for (std::size_t m = from; m < to; ++m) {
            mass = (m - from) % kRefreshEvery == 0 ? std::exp(m_logFirstQueued + static_cast<double>(m) * m_logRho)
                                                   : mass * ratio;
            total += mass * space.within[m - from];
        }
    }
    return std::clamp(total, 0.0, 1.0);
}

double ResponseTime::percentile(double p) const
{
    if (m_shape == Shape::Constant)
        return m_constantMs;
    const double target = 1.0 - p; // P(T > t) we look for
    // Bracket: P(T > 0) = 1 > target; grow the upper end until the tail is below target.
    double lo = 0.0;
    double hi = std::max(m_meanMs, 1e-300);
    for (int i = 0; i < 2000 && exceeds(hi) > target; ++i) {
        lo = hi;
        hi *= 2.0;
    }
    // Regula falsi (Illinois) on ln P(T > t), which is close to linear in t, with bisection as a guard.
    const auto f = [&](double t) {
        const double tail = exceeds(t);
        return tail > 0.0 ? std::log(tail) - std::log(target) : -std::numeric_limits<double>::max();
    };
    double flo = f(lo);
    double fhi = f(hi);
    int side = 0;
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
        double t = 0.5 * (lo + hi);
        if (std::isfinite(flo) && fhi > -1e300 && flo != fhi)
            t = (lo * fhi - hi * flo) / (fhi - flo);
        if (!(t > lo && t < hi))
            t = 0.5 * (lo + hi);
        const double ft = f(t);
        if (ft == 0.0)
            return t;
        if (ft > 0.0) {
            lo = t;
            flo = ft;
            if (side == 1)
                fhi *= 0.5;
            side = 1;
        } else {
            hi = t;
            fhi = ft;
            if (side == -1)
                flo *= 0.5;
            side = -1;
        }
    }
    return 0.5 * (lo + hi);
}

} // namespace headroom::engine
