// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::model {

/// QUndoCommand::id() of the commands that merge with their successor. Commands
/// that never merge return -1.
enum class CommandId : int {
    SetComponentField = 1,
    SetComponentText,
    SetLinkField,
    NudgeComponents,
    SetWhatIf,
};

constexpr int commandId(CommandId id)
{
    return static_cast<int>(id);
}

} // namespace headroom::model
