// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

namespace headroom::engine::sim {

/// ln x for finite x > 0, from IEEE-exact operations only (frexp, +, *, /), so that a
/// seed gives the same numbers with any C library: libm's log may differ in the last bit.
double portableLog(double x);
/// e^x from IEEE-exact operations only; 0 below -745, x must be at most 709.
double portableExp(double x);

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
    /// Uniform on (0, 1).
    double uniformOpen() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
    /// Exponential with mean 1, by inversion: -ln(1 - U).
    double exponential() { return -portableLog(1.0 - uniform()); }
    /// Standard normal, Marsaglia's polar method (no trigonometry, so portable).
    double normal();
    /// Gamma with this shape and scale 1: Marsaglia and Tsang (2000); shape < 1 by
    /// the boost gamma(shape + 1) U^(1 / shape).
    double gamma(double shape);

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> m_s{};
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

/// The SplitMix64 step (Steele, Lea and Flood 2014): advances `state`, returns the next output.
std::uint64_t splitMix64(std::uint64_t& state);

} // namespace headroom::engine::sim
