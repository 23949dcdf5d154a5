// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"
#include "project/Project.h"

#include <string>
#include <string_view>

namespace headroom::model {

/// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or stray bytes).
bool isValidUtf8(std::string_view text);

/// The ranges of the settings: what is wrong with each, about the setting
/// (engine::Subject::setting) or the view state.
engine::Issues checkSettings(const ProjectSettings& settings);

/// What a project must satisfy to be saved so that it reads back: UTF-8 text, finite
/// numbers and settings in range. The model's own rules (engine::validateModel) are not
/// required: the editor saves work in progress.
engine::Issues checkStorable(const Project& project, const engine::Subject& subject);

/// The model's rules (engine::validateModel) and the settings that refer to the model (the
/// active scenario), as issues with `subject` (the file) as their subject and messages that
/// name the component and field: "component 'app': servers: must be an integer ...".
engine::Issues checkModelRules(const Project& project, const engine::Subject& subject);

/// "component 'app'", the way project messages name a component.
std::string componentName(std::string_view id);

} // namespace headroom::model
