// SPDX-License-Identifier: MIT
#include "document/DocumentProject.h"

#include "document/Document.h"

namespace headroom::model {

Project projectOf(const Document& document, ProjectSettings settings)
{
    Project project;
    project.model = document.model();
    project.measurements = document.measurements();
    // An unsaved what-if is not a scenario: the file would refuse a name the model lacks.
    const std::string& shown = document.whatIf().name;
    settings.activeScenario = !shown.empty() && project.model.findScenario(shown) ? shown : std::string();
    project.settings = std::move(settings);
    return project;
}

ProjectSettings loadProjectInto(Document& document, Project project)
{
    document.load(std::move(project.model), project.settings.activeScenario);
    document.setMeasurements(std::move(project.measurements));
    return std::move(project.settings);
}

} // namespace headroom::model
