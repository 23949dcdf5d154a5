// SPDX-License-Identifier: MIT
#include "AutoLayout.h"

#include <algorithm>
#include <limits>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>

namespace headroom::engine {

namespace {

bool positioned(const Component& c)
{
    return c.has(Field::X) && c.has(Field::Y);
}

/// Column of each component: the longest chain of links from a component nobody
/// calls. Relaxation stops after n rounds, so a routing cycle cannot loop forever.
std::vector<int> columns(const Model& model)
{
    const std::size_t n = model.components.size();
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i)
        index.emplace(model.components[i].id, i);
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    for (const Link& l : model.links) {
        const auto from = index.find(l.from);
        const auto to = index.find(l.to);
        if (from != index.end() && to != index.end() && from->second != to->second)
            edges.emplace_back(from->second, to->second);
    }
    std::vector<int> column(n, 0);
    for (std::size_t round = 0; round < n; ++round) {
        bool changed = false;
        for (const auto& [from, to] : edges) {
            if (column[to] < column[from] + 1 && column[from] + 1 < static_cast<int>(n)) {
                column[to] = column[from] + 1;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return column;
}

} // namespace

void layoutMissingPositions(Model& model)
{
    auto& components = model.components;
    const bool none = std::none_of(components.begin(), components.end(), positioned);
    if (!none) {
        double left = std::numeric_limits<double>::max();
        double bottom = std::numeric_limits<double>::lowest();
        for (const Component& c : components) {
            if (!positioned(c))
                continue;
            left = std::min(left, *c.get(Field::X));
            bottom = std::max(bottom, *c.get(Field::Y));
        }
        double x = left;
        for (Component& c : components) {
            if (positioned(c))
                continue;
            c.set(Field::X, x);
            c.set(Field::Y, bottom + kLayoutRowStep);
            x += kLayoutColumnStep;
        }
        return;
    }

    const std::vector<int> column = columns(model);
    std::map<int, std::vector<std::size_t>> byColumn;
    for (std::size_t i = 0; i < components.size(); ++i)
        byColumn[column[i]].push_back(i);

    // Order each column by the mean row of its callers (one barycentre pass), so
    // that links mostly run straight across.
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < components.size(); ++i)
        index.emplace(components[i].id, i);
    std::vector<double> row(components.size(), 0.0);
    for (auto& [col, members] : byColumn) {
        if (col > 0) {
            std::vector<double> key(members.size(), 0.0);
            for (std::size_t k = 0; k < members.size(); ++k) {
                double sum = 0.0;
                int count = 0;
                for (const Link& l : model.links) {
                    const auto from = index.find(l.from);
                    if (l.to != components[members[k]].id || from == index.end() || column[from->second] >= col)
                        continue;
                    sum += row[from->second];
                    ++count;
                }
                key[k] = count > 0 ? sum / count : static_cast<double>(k);
            }
            std::vector<std::size_t> order(members.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
            std::vector<std::size_t> sorted;
            for (const std::size_t k : order)
                sorted.push_back(members[k]);
            members = std::move(sorted);
        }
        const double top = -0.5 * static_cast<double>(members.size() - 1);
        for (std::size_t k = 0; k < members.size(); ++k)
            row[members[k]] = top + static_cast<double>(k);
    }
    for (std::size_t i = 0; i < components.size(); ++i) {
        components[i].set(Field::X, std::round(column[i] * kLayoutColumnStep));
        components[i].set(Field::Y, std::round(row[i] * kLayoutRowStep));
    }
}

namespace {

/// Centres closer than this on both axes would make two 144 x 72 cards touch.
constexpr double kClearX = 164.0;
constexpr double kClearY = 92.0;
constexpr double kSearchStepX = 90.0;
constexpr double kSearchStepY = 50.0;
constexpr int kSearchRings = 12;

bool clear(const Model& model, double x, double y, std::string_view except)
{
    return std::none_of(model.components.begin(), model.components.end(), [&](const Component& c) {
        return c.id != except && std::abs(c.valueOr(Field::X, 0.0) - x) < kClearX &&
               std::abs(c.valueOr(Field::Y, 0.0) - y) < kClearY;
    });
}

} // namespace

std::pair<double, double> nearestFreeSpot(const Model& model, std::pair<double, double> wanted,
                                          std::string_view except)
{
    const auto [wx, wy] = wanted;
    if (clear(model, wx, wy, except))
        return wanted;
    // Ring by ring, the nearest clear candidate of each ring wins; rows before columns
    // (a card is wider than tall, so a spot above or below is the nearer one).
    for (int ring = 1; ring <= kSearchRings; ++ring) {
        std::optional<std::pair<double, double>> best;
        double bestDistance = std::numeric_limits<double>::max();
        for (int i = -ring; i <= ring; ++i) {
            for (int j = -ring; j <= ring; ++j) {
                if (std::max(std::abs(i), std::abs(j)) != ring)
                    continue;
                const double x = std::round((wx + i * kSearchStepX) / 10.0) * 10.0;
                const double y = std::round((wy + j * kSearchStepY) / 10.0) * 10.0;
                const double distance = std::hypot((x - wx) / kClearX, (y - wy) / kClearY);
                if (distance < bestDistance && clear(model, x, y, except)) {
                    best = std::pair{x, y};
                    bestDistance = distance;
                }
            }
        }
        if (best)
            return *best;
    }
    return wanted;
}

} // namespace headroom::engine
