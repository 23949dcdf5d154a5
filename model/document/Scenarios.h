// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"

#include <QtCore/QString>

#include <optional>
#include <string>

namespace headroom::model {

// Scenario edits, each one undo step (a ChangeScenariosCommand). A scenario is a saved
// what-if: switching to one loads it into the what-if layer; saving stores the layer.

/// Why `name` cannot name a scenario (empty, or taken by another than `renaming`), or nothing.
std::optional<QString> scenarioNameProblem(const Document& document, const QString& name,
                                           const QString& renaming = {});

/// Saves the what-if layer as the scenario `name` (replacing one of that name, in place)
/// and names the layer after it.
void saveScenario(Document& document, const std::string& name);
/// Renames a scenario; the layer follows if it is that scenario.
void renameScenario(Document& document, const std::string& from, const std::string& to);
/// Deletes a scenario. The layer keeps its settings, as an unsaved what-if.
void deleteScenario(Document& document, const std::string& name);
/// Loads the scenario `name` into the what-if layer; an empty name is the base model.
void switchScenario(Document& document, const std::string& name);
/// Clears the what-if layer: the figures are the base model's again.
void resetWhatIf(Document& document);

} // namespace headroom::model
