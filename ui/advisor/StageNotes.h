// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

namespace headroom::ui::advisor {

/// What the scaling playbook says of one stage, in the user's words: the template
/// gallery shows it beside each architecture.
struct StageNote {
    QString users;   ///< "2M-10M users"
    QString what;    ///< what the stage is and the pattern it adopts
    QString watch;   ///< what to watch, and what breaks if it is ignored
};

/// The note of stage 0..7; an empty note outside.
StageNote stageNote(int stage);

} // namespace headroom::ui::advisor
