// SPDX-License-Identifier: MIT
#pragma once

#include "project/RecoveryFile.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace headroom::model {

/// The user's answer to "restore the work a crash left?".
enum class RecoveryChoice : std::uint8_t {
    Restore, ///< open it (as unsaved changes to the document it copies)
    Discard, ///< delete it
    Later,   ///< keep it and ask again at the next start
};

/// What the editor does at start with the recovery files crashes left: asks about each, newest
/// first, through a function (a dialog in the editor, a fixed answer in tests), deletes the ones
/// declined and stops at the first one to restore. Widget-free, so that the decision is tested
/// without a modal dialog.
class RecoveryOffer {
public:
    using Ask = std::function<RecoveryChoice(const RecoveryEntry&)>;

    explicit RecoveryOffer(RecoveryStore store = RecoveryStore()) : m_store(std::move(store)) {}

    /// The entries to offer: every recovery file no running editor owns, newest first.
    [[nodiscard]] std::vector<RecoveryEntry> pending() const;

    /// Asks about each pending entry until one is to be restored, and returns it. An entry that
    /// cannot be read is never restored (Restore counts as Later); a discarded one is deleted.
    std::optional<RecoveryEntry> run(const Ask& ask) const;

private:
    RecoveryStore m_store;
};

} // namespace headroom::model
