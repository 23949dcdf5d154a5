// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Model.h"
#include "engine/calibration/Measurement.h"
#include "engine/PlanDefaults.h"

#include <QDateTime>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

/// The project file format this build writes, and the newest it reads (docs/project-format.md).
inline constexpr int kProjectFormatVersion = 2;
/// SQLite's application_id (PRAGMA application_id) in every project this build writes: "Hdrm".
inline constexpr int kProjectApplicationId = 0x4864726d;

/// What a project keeps beside the model: the figures the analyses start from, and the
/// editor's view. JSON models cannot hold these; a project does.
struct ProjectSettings {
    double planningMultiplier = engine::kDefaultPlanningMultiplier; ///< the "10x question" multiplier, above 0
    /// Plans keep the busiest instance at or under this, in (0, 1].
    double targetUtilization = engine::kDefaultTargetUtilization;
    /// The acceptable chance of waiting for a pooled connection, in (0, 1].
    double targetWait = engine::kDefaultTargetWait;
    std::string currency = "USD";     ///< for cost_per_instance_month; 1-16 characters
    std::string activeScenario;       ///< the scenario shown; empty for the base model
    /// Free-form view state the editor stores (zoom, scroll, dock layout): UTF-8 keys and
    /// values; binary state (QMainWindow::saveState) belongs here base64-encoded.
    std::map<std::string, std::string> viewState;

    bool operator==(const ProjectSettings&) const = default;
};

/// Facts about the file rather than the architecture.
struct ProjectMetadata {
    int formatVersion = kProjectFormatVersion; ///< the project format of the data (after any migration)
    std::string appVersion;                    ///< the Headroom version that last wrote the file
    QDateTime created;                         ///< UTC; kept across saves
    QDateTime modified;                        ///< UTC; set by every save
    /// The format the file had on disk when it was opened, if older than kProjectFormatVersion:
    /// it was migrated in memory, and the file changes only when it is saved.
    std::optional<int> migratedFrom;
    /// For a recovery file: the document it is a copy of (empty for an untitled document).
    std::optional<std::string> recoveryOf;

    bool operator==(const ProjectMetadata&) const = default;
};

/// A Headroom project: the model, its settings, the measurements it was calibrated from
/// (File > Import Measurements, format 2) and the file's metadata.
struct Project {
    engine::Model model;
    std::vector<engine::Measurement> measurements;
    ProjectSettings settings;
    ProjectMetadata metadata;

    bool operator==(const Project&) const = default;
};

/// The version of this build of Headroom ("0.1.0"), written into every project it saves
/// and shown by `headroom-cli --version` and the editor: the one place it is defined.
std::string_view applicationVersion();

/// The time that stamps a save (ProjectMetadata::created and modified): the system's UTC
/// time, unless a ProjectClock is in place.
QDateTime projectTime();

/// Puts another clock behind projectTime() while it lives, so that tests order saves in
/// time without waiting for the system clock to move.
class ProjectClock {
public:
    explicit ProjectClock(std::function<QDateTime()> now);
    ~ProjectClock();
    ProjectClock(const ProjectClock&) = delete;
    ProjectClock& operator=(const ProjectClock&) = delete;

private:
    std::function<QDateTime()> m_previous;
};

} // namespace headroom::model
