// SPDX-License-Identifier: MIT
#include "engine/sim/Random.h"

#include <bit>
#include <cmath>

namespace headroom::engine::sim {

namespace {

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

std::uint64_t mix(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

std::uint64_t splitMix64(std::uint64_t& state)
{
    state += 0x9E3779B97F4A7C15ULL;
    return mix(state);
}

double portableLog(double x)
{
    // x = m 2^e with m in [sqrt(1/2), sqrt(2)), read from the bits (frexp is a call).
    std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    int e = static_cast<int>((bits >> 52) & 0x7ff);
    if (e == 0) { // subnormal: scale into the normal range first
        bits = std::bit_cast<std::uint64_t>(x * 0x1.0p54);
        e = static_cast<int>((bits >> 52) & 0x7ff) - 54;
    }
    e -= 1023;
    double m = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL); // [1, 2)
    if (m > 2.0 * kSqrtHalf) {
        m *= 0.5;
        ++e;
    }
    // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the series to s^21 leaves a
    // relative error below 1e-17; Estrin's scheme keeps the dependency chain short.
    const double s = (m - 1.0) / (m + 1.0);
    const double z = s * s;
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double z8 = z4 * z4;
    const double p01 = 1.0 + z * (1.0 / 3);
    const double p23 = 1.0 / 5 + z * (1.0 / 7);
    const double p45 = 1.0 / 9 + z * (1.0 / 11);
    const double p67 = 1.0 / 13 + z * (1.0 / 15);
    const double p89 = 1.0 / 17 + z * (1.0 / 19);
    const double q0 = p01 + z2 * p23;
    const double q1 = p45 + z2 * p67;
    const double q2 = p89 + z2 * (1.0 / 21);
    const double series = (q0 + z4 * q1) + z8 * q2;
    const double k = static_cast<double>(e);
    return k * kLn2Hi + (k * kLn2Lo + 2.0 * s * series);
}

double portableExp(double x)
{
    if (x < -745.2)
        return 0.0;
    // x = k ln 2 + r with |r| <= ln 2 / 2; e^r by its Taylor series to r^13 (error below 4e-18).
    const double k = std::floor(x * kInvLn2 + 0.5);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;
    double p = 1.0 / 6227020800.0; // 1/13!
    for (const double inverse : {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
                                 1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0,
                                 0.5, 1.0, 1.0})
        p = p * r + inverse;
    return std::ldexp(p, static_cast<int>(k));
}

RandomStream RandomStream::derive(std::uint64_t seed, std::uint64_t replication, StreamFamily family,
                                  std::uint64_t index)
{
    std::uint64_t h = mix(seed ^ 0x6A09E667F3BCC909ULL);
    h = mix(h ^ (replication * 0x9E3779B97F4A7C15ULL + 0xBB67AE8584CAA73BULL));
    h = mix(h ^ (static_cast<std::uint64_t>(family) * 0xC2B2AE3D27D4EB4FULL + 0x3C6EF372FE94F82BULL));
    h = mix(h ^ (index * 0xD6E8FEB86659FD93ULL + 0xA54FF53A5F1D36F1ULL));
    std::array<std::uint64_t, 4> state{};
    for (std::uint64_t& word : state)
        word = splitMix64(h);
    return fromState(state);
}

RandomStream RandomStream::fromState(const std::array<std::uint64_t, 4>& state)
{
    RandomStream stream;
    stream.m_s = state;
    if ((state[0] | state[1] | state[2] | state[3]) == 0)
        stream.m_s[0] = 1; // xoshiro's one forbidden state
    return stream;
}

double RandomStream::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * portableLog(s) / s);
    m_spareNormal = v * f;
    m_hasSpare = true;
    return u * f;
}

double RandomStream::gamma(double shape)
{
    if (shape < 1.0) {
        const double boost = portableExp(portableLog(uniformOpen()) / shape);
        return gamma(shape + 1.0) * boost;
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniformOpen();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2)
            return d * v;
        if (portableLog(u) < 0.5 * x2 + d * (1.0 - v + portableLog(v)))
            return d * v;
    }
}

} // namespace headroom::engine::sim
