// SPDX-License-Identifier: MIT
#include "advisor/StageNotes.h"

#include <QtCore/QCoreApplication>

namespace headroom::ui::advisor {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::ui::StageNotes", text);
}

} // namespace

// From the scaling playbook (../shared/docs/scaling-playbook.md): the rough figures
// practitioners quote, which the advisor then replaces with this model's own.
StageNote stageNote(int stage)
{
    switch (stage) {
    case 0:
        return {tr("0\u201310K users"),
                tr("One server runs everything: the team's challenge is feature velocity, so keep it simple."),
                tr("Watch for over-engineering: patterns the load does not need delay the launch.")};
    case 1:
        return {tr("10K\u2013100K users"),
                tr("A bigger server and basic tuning: no code change, cost roughly linear in capacity."),
                tr("Profile, fix queries and indexes and tune pools before buying hardware; the largest machine is "
                   "a hard ceiling.")};
    case 2:
        return {tr("100K\u2013500K users"),
                tr("The database is separated: writes go to a primary, reads spread over read replicas, "
                   "through connection pools."),
                tr("Replication lag (seconds under heavy writes breaks read-your-writes) and pool waits; "
                   "the database is the bottleneck if ignored.")};
    case 3:
        return {tr("500K\u20132M users"),
                tr("A cache (Redis, Memcached) takes repeated reads off the database; the hit ratio decides how "
                   "much."),
                tr("The hit ratio and what the misses still cost: without it every request hits the database.")};
    case 4:
        return {tr("2M\u201310M users"),
                tr("Several stateless app servers behind a load balancer: the horizontal path."),
                tr("N+1: losing one instance at peak must lose no capacity; sessions and uploads belong in "
                   "shared stores.")};
    case 5:
        return {tr("10M\u201350M users"),
                tr("Long operations move to workers behind a job queue, so requests return at once."),
                tr("The queue's backlog and wait: synchronous slow work blocks requests if ignored.")};
    case 6:
        return {tr("50M\u2013200M users"),
                tr("The data is split over several databases by key when one primary can no longer take the "
                   "writes."),
                tr("Hot keys and uneven splits make one shard the bottleneck; vertical scaling is exhausted.")};
    case 7:
        return {tr("200M+ users"),
                tr("The monolith is decomposed into services, each owning its data."),
                tr("Every service's own capacity, and load shedding at the edge: a layer without backpressure "
                   "becomes an unbounded queue.")};
    default:
        return {};
    }
}

} // namespace headroom::ui::advisor
