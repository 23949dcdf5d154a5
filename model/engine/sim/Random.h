// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace headroom::engine::sim {

/// ln x for finite x > 0, from IEEE-exact operations only (frexp, +, *, /), so that a
/// seed gives the same numbers with any C library: libm's log may differ in the last bit.
double portableLog(double x);
/// e^x from IEEE-exact operations only; 0 below -745, x must be at most 709.
double portableExp(double x);

/// The tables of the exponential's ziggurat (Marsaglia and Tsang 2000, 256 layers of
/// equal area), computed once from IEEE-exact operations, so they are the same on
/// every machine. Layer 0 is the base with the tail; layer i > 0 spans [0, x_i].
struct ExponentialZiggurat {
    std::array<std::uint64_t, 256> inside{}; ///< a 53-bit draw k below it gives k scale < x_(i-1): under the curve
    std::array<double, 256> scale{};         ///< x_i / 2^53 (the base: its width over 2^53)
    std::array<double, 256> height{};        ///< e^-x_i (height[0] = 1, the curve's top)
};
extern const ExponentialZiggurat kExponentialZiggurat;
/// Where the ziggurat's tail starts: x_255.
inline constexpr double kZigguratTail = 7.69711747013104972;

/// The families of random streams: arrivals live apart from everything else, so two
/// scenarios run with the same seed see the same arrivals (common random numbers).
enum class StreamFamily : std::uint32_t {
    Arrivals = 1,  ///< per clients component: interarrival (open) or think (closed) times
    Component = 2, ///< per component: instance choice, service, hit or miss, calls, writes
    Apply = 3,     ///< per replica: apply times
};

/// xoshiro256++ (Blackman and Vigna 2019), seeded through SplitMix64, with the
/// distributions the simulator draws written out here: std's distributions differ
/// between standard libraries, so "same seed, same numbers" would not hold.
class RandomStream {
public:
    /// The stream of `family` and `index` for replication `replication` of `seed`: a
    /// function of those four numbers only.
    static RandomStream derive(std::uint64_t seed, std::uint64_t replication, StreamFamily family,
                               std::uint64_t index);
    /// A stream with this exact state (tests); not all zero.
    static RandomStream fromState(const std::array<std::uint64_t, 4>& state);

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[0] + m_s[3], 23) + m_s[0];
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform on [0, 1), 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// True with probability p, given `threshold(p)`: the same draw and outcome as
    /// uniform() < p, compared as integers.
    bool below(std::uint64_t threshold) { return (next() >> 11) < threshold; }
    /// The integer threshold of probability p in [0, 1]: ceil(p 2^53). A 53-bit draw k
    /// has k 2^-53 < p exactly when k < ceil(p 2^53) (p 2^53 is exact).
    static std::uint64_t threshold(double p);
    /// Uniform on (0, 1).
    double uniformOpen() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
    /// Exponential with mean 1 by the ziggurat: one 64-bit draw, a multiplication and a
    /// comparison 98% of the time (the low 8 bits pick the layer, the high 53 the point).
    double exponential()
    {
        const std::uint64_t bits = next();
        const std::size_t layer = bits & 0xFF;
        const std::uint64_t k = bits >> 11;
        const double x = static_cast<double>(k) * kExponentialZiggurat.scale[layer];
        if (k < kExponentialZiggurat.inside[layer])
            return x;
        return exponentialEdge(layer, x);
    }
    /// Standard normal, Marsaglia's polar method (no trigonometry, so portable).
    double normal();
    /// Gamma with this shape and scale 1: Marsaglia and Tsang (2000); shape < 1 by
    /// the boost gamma(shape + 1) U^(1 / shape).
    double gamma(double shape);

private:
    /// The ziggurat's rare cases: the tail (x_255 plus an exponential, by inversion) and
    /// the wedges (a point under the curve is kept, else the draw starts again).
    double exponentialEdge(std::size_t layer, double x);
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> m_s{};
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

/// The SplitMix64 step (Steele, Lea and Flood 2014): advances `state`, returns the next output.
std::uint64_t splitMix64(std::uint64_t& state);

} // namespace headroom::engine::sim
