// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace headroom::model {

/// Issues as the editor says them: one "subject: message" line each.
inline QString issuesText(const engine::Issues& issues, engine::SubjectWords words = engine::SubjectWords::Path)
{
    QStringList lines;
    for (const engine::Issue& issue : issues)
        lines << QString::fromStdString(engine::issueText(issue, words));
    return lines.join(QLatin1Char('\n'));
}

} // namespace headroom::model
