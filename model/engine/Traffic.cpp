// SPDX-License-Identifier: MIT
#include "Traffic.h"

#include "Fields.h"

#include <Eigen/LU>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::engine {

namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;
using SparseSolver = Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>>;

// A loop whose traffic multiplier 1 / (1 - gain) exceeds this is treated as
// unbounded: it is within rounding of gain 1.
constexpr double kLargestAmplification = 1e12;
constexpr double kFixedPointTolerance = 1e-12;
constexpr int kMaxNewtonSteps = 200;

/// Tarjan's algorithm without recursion; returns components in reverse topological order.
std::vector<std::vector<std::uint32_t>> stronglyConnected(std::size_t n,
                                                          std::span<const std::size_t> start,
                                                          std::span<const RouteEdge> edges)
{
    constexpr auto kUnvisited = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> index(n, kUnvisited);
    std::vector<std::uint32_t> low(n, 0);
    std::vector<bool> onStack(n, false);
    std::vector<std::uint32_t> stack;
    std::vector<std::pair<std::uint32_t, std::size_t>> frames; // node, next edge
    std::vector<std::vector<std::uint32_t>> components;
    std::uint32_t counter = 0;

    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kUnvisited)
            continue;
        frames.emplace_back(root, start[root]);
        index[root] = low[root] = counter++;
        stack.push_back(root);
        onStack[root] = true;
        while (!frames.empty()) {
            auto& [node, next] = frames.back();
            if (next < start[node + 1]) {
                const std::uint32_t to = edges[next++].to;
                if (index[to] == kUnvisited) {
                    index[to] = low[to] = counter++;
                    stack.push_back(to);
                    onStack[to] = true;
                    frames.emplace_back(to, start[to]);
                } else if (onStack[to]) {
                    low[node] = std::min(low[node], index[to]);
                }
                continue;
            }
            const std::uint32_t done = node;
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().first] = std::min(low[frames.back().first], low[done]);
            if (low[done] == index[done]) {
                std::vector<std::uint32_t> component;
                std::uint32_t member = 0;
                do {
                    member = stack.back();
                    stack.pop_back();
                    onStack[member] = false;
                    component.push_back(member);
                } while (member != done);
                std::sort(component.begin(), component.end());
                components.push_back(std::move(component));
            }
        }
    }
    return components;
}

} // namespace

namespace {

/// I - M^T diag(s) of a routing cycle, refactorised for each s (the Newton Jacobian, or
/// fixed pass fractions) a few times per solve. A small cycle is a dense LU: SparseLU
/// spends microseconds setting up each factorisation however small the matrix. A large
/// one keeps its sparse pattern, analysed once.
class ScaledSystem {
public:
    static constexpr Eigen::Index kDenseSize = 64;

    explicit ScaledSystem(const SparseMatrix& unit) : m_size(unit.rows())
    {
        if (dense())
            return;
        m_sparse = unit;
        m_sparseSolver.analyzePattern(m_sparse);
    }

    void factorize(std::span<const Eigen::Triplet<double>> loopEntries, const Eigen::VectorXd& s)
    {
        if (dense()) {
            m_dense.setIdentity(m_size, m_size);
            for (const auto& t : loopEntries)
                m_dense(t.row(), t.col()) -= t.value() * s[t.col()];
            m_denseLu.compute(m_dense);
            return;
        }
        for (Eigen::Index col = 0; col < m_sparse.outerSize(); ++col) {
            for (SparseMatrix::InnerIterator it(m_sparse, col); it; ++it)
                it.valueRef() = it.row() == it.col() ? 1.0 : 0.0;
        }
        for (const auto& t : loopEntries)
            m_sparse.coeffRef(t.row(), t.col()) -= t.value() * s[t.col()];
        m_sparseSolver.factorize(m_sparse);
    }

    [[nodiscard]] Eigen::VectorXd solve(const Eigen::VectorXd& rhs) const
    {
        return dense() ? Eigen::VectorXd(m_denseLu.solve(rhs)) : Eigen::VectorXd(m_sparseSolver.solve(rhs));
    }

private:
    [[nodiscard]] bool dense() const { return m_size <= kDenseSize; }

    Eigen::Index m_size = 0;
    SparseMatrix m_sparse;
    SparseSolver m_sparseSolver;
    Eigen::MatrixXd m_dense;
    Eigen::PartialPivLU<Eigen::MatrixXd> m_denseLu;
};

} // namespace

/// A strongly connected component of the routing graph.
struct TrafficNetwork::Block {
    std::vector<std::uint32_t> members;
    double selfGain = 0.0;  ///< single node: gain of its self-loop
    bool cyclic = false;
    bool bounded = false;   ///< some member sheds load
    std::vector<Eigen::Triplet<double>> loopEntries; ///< (to, from, gain) inside the block
    std::unique_ptr<SparseSolver> unitSolver;        ///< I - M^T with everything admitted
    /// Multi-node cycles only (most blocks are single nodes, so this is kept apart). It is
    /// the solves' scratch: a const solve refactorises it, so one network is not solved on
    /// two threads at once.
    std::unique_ptr<ScaledSystem> scaled;

    [[nodiscard]] std::size_t size() const { return members.size(); }

    /// Factorises I - M^T diag(s), s in member order.
    void factorizeScaled(const Eigen::VectorXd& s) const { scaled->factorize(loopEntries, s); }
    /// Solves with the last factorizeScaled.
    [[nodiscard]] Eigen::VectorXd solveScaled(const Eigen::VectorXd& rhs) const { return scaled->solve(rhs); }
};

TrafficNetwork::TrafficNetwork() = default;
TrafficNetwork::TrafficNetwork(TrafficNetwork&&) noexcept = default;
TrafficNetwork& TrafficNetwork::operator=(TrafficNetwork&&) noexcept = default;
TrafficNetwork::~TrafficNetwork() = default;

bool TrafficNetwork::hasBoundedNodes() const
{
    return std::find(m_bounded.begin(), m_bounded.end(), true) != m_bounded.end();
}

namespace {

std::string describeLoop(std::span<const std::string> names, std::span<const std::uint32_t> members,
                         std::span<const RouteEdge> edges, std::span<const std::size_t> start,
                         std::span<const std::uint32_t> blockOf, std::uint32_t block)
{
    // A simple cycle (one way out of every member inside the block) is spelled out
    // with its gain; otherwise the members are listed.
    std::vector<std::uint32_t> nextInBlock(names.size(), 0);
    std::vector<double> gainTo(names.size(), 0.0);
    for (const std::uint32_t node : members) {
        int inside = 0;
        for (std::size_t e = start[node]; e < start[node + 1]; ++e) {
            if (blockOf[edges[e].to] == block) {
                ++inside;
                nextInBlock[node] = edges[e].to;
                gainTo[node] = edges[e].gain;
            }
        }
        if (inside != 1) {
            std::string list;
            for (const std::uint32_t m : members)
                list += (list.empty() ? "" : ", ") + names[m];
            return "the routing loop through " + list +
                   " sends more traffic back than it receives, so the load grows without bound "
                   "(E_ROUTING_LOOP); lower the calls on its links so that every loop multiplies traffic by less than 1";
        }
    }
    std::string path = names[members.front()];
    double gain = 1.0;
    std::uint32_t node = members.front();
    do {
        gain *= gainTo[node];
        node = nextInBlock[node];
        path += " -> " + names[node];
    } while (node != members.front());
    return "routing loop " + path + " multiplies traffic by " + formatNumber(gain) +
           " on every pass, so the load grows without bound (E_ROUTING_LOOP); the calls around a loop must multiply to less than 1";
}

} // namespace

Checked<TrafficNetwork> TrafficNetwork::compile(std::span<const std::string> names,
                                                std::span<const RouteEdge> edges,
                                                std::vector<bool> bounded)
{
    TrafficNetwork net;
    net.m_nodes = names.size();
    net.m_bounded = std::move(bounded);
    for (const RouteEdge& edge : edges) {
        if (edge.gain > 0.0)
            net.m_edges.push_back(edge);
    }
    std::stable_sort(net.m_edges.begin(), net.m_edges.end(),
                     [](const RouteEdge& a, const RouteEdge& b) { return a.from < b.from; });
    net.m_edgeStart.assign(net.m_nodes + 1, 0);
    for (const RouteEdge& edge : net.m_edges)
        ++net.m_edgeStart[edge.from + 1];
    for (std::size_t i = 0; i < net.m_nodes; ++i)
        net.m_edgeStart[i + 1] += net.m_edgeStart[i];

    auto components = stronglyConnected(net.m_nodes, net.m_edgeStart, net.m_edges);
    std::reverse(components.begin(), components.end());
    net.m_blockOf.assign(net.m_nodes, 0);
    for (std::uint32_t b = 0; b < components.size(); ++b) {
        for (const std::uint32_t node : components[b])
            net.m_blockOf[node] = b;
    }

    Issues issues;
    std::vector<std::uint32_t> local(net.m_nodes, 0); // node -> index inside its block
    for (std::uint32_t b = 0; b < components.size(); ++b) {
        auto block = std::make_unique<Block>();
        block->members = std::move(components[b]);
        for (const std::uint32_t node : block->members)
            block->bounded = block->bounded || net.m_bounded[node];
        for (const std::uint32_t node : block->members) {
            for (std::size_t e = net.m_edgeStart[node]; e < net.m_edgeStart[node + 1]; ++e) {
                if (net.m_blockOf[net.m_edges[e].to] == b) {
                    block->cyclic = true;
                    if (block->size() == 1)
                        block->selfGain += net.m_edges[e].gain;
                }
            }
        }
        bool runaway = false;
        if (block->cyclic && block->size() == 1) {
            runaway = !(block->selfGain < 1.0 - 1.0 / kLargestAmplification);
        } else if (block->cyclic) {
            // I - M^T is a nonsingular M-matrix (every loop gain below 1) exactly when
            // the solution of (I - M^T) x = 1 exists and is positive; its size is the
            // amplification of the loop.
            const auto n = static_cast<Eigen::Index>(block->size());
            for (std::uint32_t i = 0; i < block->size(); ++i)
                local[block->members[i]] = i;
            std::vector<Eigen::Triplet<double>> triplets;
            for (Eigen::Index i = 0; i < n; ++i)
                triplets.emplace_back(i, i, 1.0);
            for (const std::uint32_t node : block->members) {
                for (std::size_t e = net.m_edgeStart[node]; e < net.m_edgeStart[node + 1]; ++e) {
                    const RouteEdge& edge = net.m_edges[e];
                    if (net.m_blockOf[edge.to] != b)
                        continue;
                    const auto row = static_cast<Eigen::Index>(local[edge.to]);
                    const auto col = static_cast<Eigen::Index>(local[node]);
                    triplets.emplace_back(row, col, -edge.gain);
                    block->loopEntries.emplace_back(row, col, edge.gain);
                }
            }
            SparseMatrix matrix(n, n);
            matrix.setFromTriplets(triplets.begin(), triplets.end());
            matrix.makeCompressed();
            block->unitSolver = std::make_unique<SparseSolver>();
            block->unitSolver->analyzePattern(matrix);
            block->unitSolver->factorize(matrix);
            runaway = block->unitSolver->info() != Eigen::Success;
            if (!runaway) {
                const Eigen::VectorXd x = block->unitSolver->solve(Eigen::VectorXd::Ones(n));
                runaway = block->unitSolver->info() != Eigen::Success;
                for (Eigen::Index i = 0; i < n && !runaway; ++i)
                    runaway = !(x[i] > 0.0 && x[i] < kLargestAmplification);
            }
            if (!runaway)
                block->scaled = std::make_unique<ScaledSystem>(matrix);
        }
        if (runaway) {
            issues.push_back({Subject::component(names[block->members.front()], block->members.front()),
                              describeLoop(names, block->members, net.m_edges, net.m_edgeStart,
                                           net.m_blockOf, b)});
        }
        net.m_blocks.push_back(std::move(block));
    }
    if (!issues.empty())
        return issues;
    net.m_exitStart.assign(net.m_blocks.size() + 1, 0);
    for (std::uint32_t b = 0; b < net.m_blocks.size(); ++b) {
        const Block& block = *net.m_blocks[b];
        net.m_loneNode.push_back(block.cyclic ? kNotLone : block.members.front());
        for (const std::uint32_t node : block.members) {
            for (std::size_t e = net.m_edgeStart[node]; e < net.m_edgeStart[node + 1]; ++e) {
                if (net.m_blockOf[net.m_edges[e].to] != b)
                    net.m_exitEdges.push_back(net.m_edges[e]);
            }
        }
        net.m_exitStart[b + 1] = net.m_exitEdges.size();
    }
    return net;
}

void TrafficNetwork::propagate(std::size_t b, std::span<const double> pass, std::span<double> lambda) const
{
    for (std::size_t e = m_exitStart[b]; e < m_exitStart[b + 1]; ++e) {
        const RouteEdge& edge = m_exitEdges[e];
        lambda[edge.to] += lambda[edge.from] * pass[edge.from] * edge.gain;
    }
}

void TrafficNetwork::solveWithPass(std::span<const double> gamma, std::span<const double> pass,
                                   std::span<double> lambda, double scale) const
{
    std::transform(gamma.begin(), gamma.end(), lambda.begin(), [scale](double g) { return scale * g; });
    for (std::uint32_t b = 0; b < m_blocks.size(); ++b) {
        if (m_loneNode[b] != kNotLone) {
            // lambda already holds the inflow.
            propagate(b, pass, lambda);
            continue;
        }
        const Block& block = *m_blocks[b];
        if (block.size() == 1) {
            const std::uint32_t node = block.members.front();
            lambda[node] = lambda[node] / (1.0 - block.selfGain * pass[node]);
        } else {
            const auto n = static_cast<Eigen::Index>(block.size());
            Eigen::VectorXd inflow(n);
            for (Eigen::Index i = 0; i < n; ++i)
                inflow[i] = lambda[block.members[static_cast<std::size_t>(i)]];
            bool allPass = true;
            for (const std::uint32_t node : block.members)
                allPass = allPass && pass[node] == 1.0;
            Eigen::VectorXd solution;
            if (allPass) {
                solution = block.unitSolver->solve(inflow);
            } else {
                Eigen::VectorXd memberPass(n);
                for (Eigen::Index i = 0; i < n; ++i)
                    memberPass[i] = pass[block.members[static_cast<std::size_t>(i)]];
                block.factorizeScaled(memberPass);
                solution = block.solveScaled(inflow);
            }
            for (Eigen::Index i = 0; i < n; ++i)
                lambda[block.members[static_cast<std::size_t>(i)]] = std::max(0.0, solution[i]);
        }
        propagate(b, pass, lambda);
    }
}

bool TrafficNetwork::solve(std::span<const double> gamma, double scale, const AdmissionFn& admit,
                           std::span<double> lambda, std::span<double> passOut) const
{
    std::transform(gamma.begin(), gamma.end(), lambda.begin(), [scale](double g) { return scale * g; });
    std::fill(passOut.begin(), passOut.end(), 1.0);
    bool converged = true;
    const auto admission = [&](std::uint32_t node, double offered) {
        return m_bounded[node] ? admit(node, offered) : Admission{};
    };
    for (std::uint32_t b = 0; b < m_blocks.size(); ++b) {
        if (const std::uint32_t node = m_loneNode[b]; node != kNotLone) {
            passOut[node] = admission(node, lambda[node]).fraction;
            propagate(b, passOut, lambda);
            continue;
        }
        const Block& block = *m_blocks[b];
        if (block.size() == 1) {
            // lambda = inflow + g a(lambda): Newton from the unshedding solution, an upper bound.
            const std::uint32_t node = block.members.front();
            const double inflow = lambda[node];
            double x = inflow / (1.0 - block.selfGain);
            Admission adm = admission(node, x);
            for (int step = 0; block.bounded && step < kMaxNewtonSteps; ++step) {
                const double residual = x - inflow - block.selfGain * x * adm.fraction;
                const double slope = 1.0 - block.selfGain * adm.derivative;
                const double next = std::max(0.0, x - residual / slope);
                const bool done = std::fabs(next - x) <= kFixedPointTolerance * std::max(next, 1e-300);
                x = next;
                adm = admission(node, x);
                if (done)
                    break;
                if (step + 1 == kMaxNewtonSteps)
                    converged = false;
            }
            lambda[node] = x;
            passOut[node] = adm.fraction;
        } else {
            const auto n = static_cast<Eigen::Index>(block.size());
            Eigen::VectorXd inflow(n);
            for (Eigen::Index i = 0; i < n; ++i)
                inflow[i] = lambda[block.members[static_cast<std::size_t>(i)]];
            Eigen::VectorXd x = block.unitSolver->solve(inflow);
            x = x.cwiseMax(0.0);
            Eigen::VectorXd fraction = Eigen::VectorXd::Ones(n);
            Eigen::VectorXd slope = Eigen::VectorXd::Ones(n);
            const auto refresh = [&] {
                for (Eigen::Index i = 0; i < n; ++i) {
                    const Admission adm = admission(block.members[static_cast<std::size_t>(i)], x[i]);
                    fraction[i] = adm.fraction;
                    slope[i] = adm.derivative;
                }
            };
            refresh();
            for (int step = 0; block.bounded && step < kMaxNewtonSteps; ++step) {
                // F(x) = x - inflow - M^T a(x); J = I - M^T diag(a'(x)).
                Eigen::VectorXd residual = x - inflow;
                for (const auto& t : block.loopEntries)
                    residual[t.row()] -= t.value() * x[t.col()] * fraction[t.col()];
                block.factorizeScaled(slope); // J = I - M^T diag(a'(x))
                const Eigen::VectorXd delta = block.solveScaled(residual);
                const Eigen::VectorXd next = (x - delta).cwiseMax(0.0);
                const double change = (next - x).cwiseAbs().maxCoeff();
                const bool done = change <= kFixedPointTolerance * std::max(next.maxCoeff(), 1e-300);
                x = next;
                refresh();
                if (done)
                    break;
                if (step + 1 == kMaxNewtonSteps)
                    converged = false;
            }
            for (Eigen::Index i = 0; i < n; ++i) {
                const auto node = block.members[static_cast<std::size_t>(i)];
                lambda[node] = x[i];
                passOut[node] = fraction[i];
            }
        }
        propagate(b, passOut, lambda);
    }
    return converged;
}

} // namespace headroom::engine
