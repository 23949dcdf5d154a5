// SPDX-License-Identifier: MIT
#include "project/RecoveryOffer.h"

namespace headroom::model {

std::vector<RecoveryEntry> RecoveryOffer::pending() const
{
    std::vector<RecoveryEntry> found = m_store.entries();
    std::erase_if(found, [](const RecoveryEntry& entry) { return entry.inUse; });
    return found;
}

std::optional<RecoveryEntry> RecoveryOffer::run(const Ask& ask) const
{
    for (RecoveryEntry& entry : pending()) {
        const RecoveryChoice choice = ask(entry);
        if (choice == RecoveryChoice::Discard)
            m_store.remove(entry.path);
        else if (choice == RecoveryChoice::Restore && entry.problems.empty())
            return std::move(entry);
    }
    return std::nullopt;
}

} // namespace headroom::model
