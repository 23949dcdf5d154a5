// SPDX-License-Identifier: MIT
#pragma once

#include "Issue.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace headroom::engine {

/// One routing edge: for each request that `from` admits, `gain` requests reach `to`
/// (calls, times 1 - hit ratio when `from` is a cache).
struct RouteEdge {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    double gain = 0.0;
};

/// How much of its arrival rate a node admits, and how that changes with the rate.
struct Admission {
    double fraction = 1.0;   ///< admitted / offered, 1 - B
    double derivative = 1.0; ///< d admitted / d offered
};

/// The traffic equations lambda_j = gamma_j + sum_i lambda_i (1 - B_i) m_ij,
/// compiled once per routing structure. Nodes are split into strongly
/// connected components and solved in topological order: an acyclic stretch is
/// one exact pass, and each routing cycle is a sparse linear system (Eigen's
/// SparseLU, factorised once) or, where a node sheds load, a Newton iteration
/// on it. Routing cycles whose gain is 1 or more are rejected at compile time.
class TrafficNetwork {
public:
    using AdmissionFn = std::function<Admission(std::size_t node, double offered)>;

    /// @param names ids for error messages, one per node.
    static Checked<TrafficNetwork> compile(std::span<const std::string> names,
                                           std::span<const RouteEdge> edges,
                                           std::vector<bool> bounded);

    TrafficNetwork(TrafficNetwork&&) noexcept;
    TrafficNetwork& operator=(TrafficNetwork&&) noexcept;
    ~TrafficNetwork();

    /// Offered rates for external rates `scale` x `gamma`, with admission from `admit` for
    /// bounded nodes (others admit everything). `passOut` receives each node's
    /// admitted fraction. Returns false if the shedding fixed point did not
    /// reach a relative change of 1e-12 (the last iterate is still returned).
    bool solve(std::span<const double> gamma, double scale, const AdmissionFn& admit, std::span<double> lambda,
               std::span<double> passOut) const;

    /// Offered rates for external rates `scale` x `gamma` when each node passes on the
    /// fixed fraction `pass` of its arrivals.
    void solveWithPass(std::span<const double> gamma, std::span<const double> pass, std::span<double> lambda,
                       double scale = 1.0) const;

    [[nodiscard]] std::size_t size() const { return m_nodes; }
    [[nodiscard]] bool hasBoundedNodes() const;

private:
    struct Block;
    TrafficNetwork();

    std::size_t m_nodes = 0;
    std::vector<RouteEdge> m_edges;              ///< sorted by source
    std::vector<std::size_t> m_edgeStart;        ///< CSR offsets into m_edges
    std::vector<std::uint32_t> m_blockOf;        ///< block index per node
    std::vector<std::unique_ptr<Block>> m_blocks; ///< in topological order
    std::vector<bool> m_bounded;
    // The solves walk these flat arrays rather than the blocks: most blocks are a single
    // node off every loop, and a sweep solves the network once per point.
    std::vector<std::uint32_t> m_loneNode;  ///< per block: its node when acyclic and alone, else kNotLone
    std::vector<RouteEdge> m_exitEdges;     ///< edges leaving each block, grouped by block
    std::vector<std::size_t> m_exitStart;   ///< CSR offsets into m_exitEdges, per block
    static constexpr std::uint32_t kNotLone = UINT32_MAX;

    /// Adds the admitted traffic leaving block `b` to the blocks downstream.
    void propagate(std::size_t b, std::span<const double> pass, std::span<double> lambda) const;
};

} // namespace headroom::engine
