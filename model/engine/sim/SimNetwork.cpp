// SPDX-License-Identifier: MIT
#include "engine/sim/SimNetwork.h"

#include "engine/Solver.h"

#include <algorithm>
#include <cmath>

namespace headroom::engine::sim {

SimNetwork SimNetwork::compile(const Solver& solver)
{
    const Model& model = solver.model();
    const std::size_t n = model.components.size();
    SimNetwork net;
    net.closed = solver.workload() == Workload::Closed;
    net.components.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Component& c = model.components[i];
        const StationParams& p = solver.params(i);
        SimComponent& s = net.components[i];
        s.kind = c.kind;
        s.behaviour = c.kind == ComponentKind::Clients   ? Behaviour::Clients
                      : c.kind == ComponentKind::External ? Behaviour::External
                                                          : Behaviour::Station;
        s.instances = s.behaviour == Behaviour::Station ? static_cast<std::uint32_t>(p.instances) : 1;
        s.firstInstance = net.instanceCount;
        net.instanceCount += s.instances;
        s.servers = static_cast<std::uint32_t>(p.servers);
        if (p.capacity)
            s.capacity = static_cast<std::uint32_t>(*p.capacity);
        s.hottestShare = s.instances > 1 ? p.hottestShare : 1.0;
        // Even within rounding: a written 1/3 for three instances is an even split.
        s.evenSplit = s.instances == 1 ||
                      std::fabs(s.hottestShare * s.instances - 1.0) <= 1e-12;
        s.groupSize = s.evenSplit ? s.instances : 1;
        s.serviceMs = p.serviceMs;
        if (p.serviceCv == 0.0) {
            s.shape = ServiceShape::Deterministic;
        } else if (p.serviceCv == 1.0) {
            s.shape = ServiceShape::Exponential;
        } else {
            s.shape = ServiceShape::Gamma;
            s.gammaShape = 1.0 / (p.serviceCv * p.serviceCv);
        }
        s.latencyMs = p.latencyMs;
        if (hasHitRatio(c.kind))
            s.missProbability = 1.0 - c.valueOr(Field::HitRatio, 0.0);
        if (c.kind == ComponentKind::Clients) {
            s.rateRps = c.valueOr(Field::RateRps, 0.0);
            if (c.has(Field::Users)) {
                net.clients = static_cast<std::uint32_t>(i);
                net.users = c.valueOr(Field::Users, 0.0);
                net.thinkMs = c.valueOr(Field::ThinkMs, 0.0);
            }
        }
    }

    const auto index = model.indexById();
    std::vector<std::vector<std::uint32_t>> syncOf(n), asyncOf(n);
    std::vector<std::vector<std::uint32_t>> feeds(n);
    std::vector<SimLink> links(model.links.size());
    for (std::size_t l = 0; l < model.links.size(); ++l) {
        const Link& link = model.links[l];
        const auto from = static_cast<std::uint32_t>(index.at(link.from));
        const auto to = static_cast<std::uint32_t>(index.at(link.to));
        const LinkKind kind = effectiveLinkKind(link, model.components[to].kind);
        if (kind == LinkKind::Replication) {
            SimReplica r;
            r.component = to;
            r.primary = from;
            r.instances = net.components[to].instances;
            r.firstThread = net.applyThreads;
            net.applyThreads += r.instances;
            const Component& replica = model.components[to];
            r.applyMs = replica.valueOr(Field::ApplyMs, solver.params(to).serviceMs);
            r.delayMs = replica.valueOr(Field::ReplicationDelayMs, 0.0);
            feeds[from].push_back(static_cast<std::uint32_t>(net.replicas.size()));
            net.replicas.push_back(r);
            continue;
        }
        SimLink& s = links[l];
        s.target = to;
        s.modelLink = static_cast<std::uint32_t>(l);
        const double calls = link.calls();
        const double whole = std::floor(calls);
        s.wholeCalls = static_cast<std::uint32_t>(std::min(whole, 4e9));
        s.extraCall = calls - whole;
        s.sync = kind == LinkKind::Sync;
        if (const auto size = link.get(LinkField::PoolSize)) {
            s.poolSize = static_cast<std::uint32_t>(*size);
            s.pool = net.poolCount;
            net.poolCount += net.components[from].instances;
            s.poolLink = static_cast<std::uint32_t>(net.pooledLinks.size());
            net.pooledLinks.push_back(static_cast<std::uint32_t>(l));
            s.poolOverheadMs = link.get(LinkField::PoolOverheadMs).value_or(0.0);
        }
        const auto timeout = link.get(LinkField::TimeoutMs);
        const auto retries = link.get(LinkField::Retries);
        if (s.sync && (timeout || retries)) {
            s.timeoutMs = timeout.value_or(std::numeric_limits<double>::infinity());
            s.retries = static_cast<std::uint32_t>(retries.value_or(0.0));
            s.retryLink = static_cast<std::uint32_t>(net.guardedLinks.size());
            net.guardedLinks.push_back(static_cast<std::uint32_t>(l));
        }
        (s.sync ? syncOf : asyncOf)[from].push_back(static_cast<std::uint32_t>(l));
    }
    for (std::size_t i = 0; i < n; ++i) {
        SimComponent& s = net.components[i];
        s.firstSync = static_cast<std::uint32_t>(net.links.size());
        for (const std::uint32_t l : syncOf[i])
            net.links.push_back(links[l]);
        s.endSync = s.firstAsync = static_cast<std::uint32_t>(net.links.size());
        for (const std::uint32_t l : asyncOf[i])
            net.links.push_back(links[l]);
        s.endAsync = static_cast<std::uint32_t>(net.links.size());
        s.firstReplica = static_cast<std::uint32_t>(net.replicaOf.size());
        for (const std::uint32_t r : feeds[i])
            net.replicaOf.push_back(r);
        s.endReplica = static_cast<std::uint32_t>(net.replicaOf.size());
        if (s.endReplica > s.firstReplica)
            s.writeProbability = model.components[i].valueOr(Field::WriteFraction, 1.0);
    }
    return net;
}

} // namespace headroom::engine::sim
