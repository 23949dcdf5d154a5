// SPDX-License-Identifier: MIT
#include "project/Project.h"

#include <utility>

namespace headroom::model {

namespace {

std::function<QDateTime()>& clock()
{
    static std::function<QDateTime()> now;
    return now;
}

} // namespace

std::string_view applicationVersion()
{
    return HEADROOM_VERSION;
}

QDateTime projectTime()
{
    return clock() ? clock()() : QDateTime::currentDateTimeUtc();
}

ProjectClock::ProjectClock(std::function<QDateTime()> now) : m_previous(std::exchange(clock(), std::move(now)))
{
}

ProjectClock::~ProjectClock()
{
    clock() = std::move(m_previous);
}

} // namespace headroom::model
