// SPDX-License-Identifier: MIT
#pragma once

#include "project/Project.h"

namespace headroom::model {

class Document;

/// The project that saving the document writes: its model (positions included, as the `x`
/// and `y` fields), its scenarios, `settings` as the project had them, and the scenario shown
/// as the active one when it is a saved scenario of the model.
Project projectOf(const Document& document, ProjectSettings settings);

/// Puts a project's model into the document (clearing the undo history), showing its active
/// scenario. Returns the settings the document does not hold, to be saved back with it.
ProjectSettings loadProjectInto(Document& document, Project project);

} // namespace headroom::model
