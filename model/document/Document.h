// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "document/WhatIfKey.h"
#include "engine/Model.h"
#include "engine/calibration/Measurement.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointF>
#include <QtGui/QUndoStack>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace headroom::model {

/// The text properties of a component (everything that is not a number, kind or role).
enum class ComponentText : quint8 { Id, Label, Notes };

/// The editable architecture: an engine::Model plus a stable id for every
/// component and link, the undo history, and one signal per kind of change.
///
/// Readers use the const accessors. The mutators below are the only way the
/// model changes; they are called by undo commands (model/document/*Command*)
/// and by load/new, so that every user edit can be undone.
class Document : public QObject {
    Q_OBJECT

public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    // ---- reading -------------------------------------------------------------------
    [[nodiscard]] const engine::Model& model() const { return m_model; }
    [[nodiscard]] QUndoStack* undoStack() { return &m_undoStack; }

    /// Component and link ids in model order (parallel to model().components / links).
    [[nodiscard]] const QList<ComponentId>& componentIds() const { return m_componentIds; }
    [[nodiscard]] const QList<LinkId>& linkIds() const { return m_linkIds; }

    [[nodiscard]] bool contains(ComponentId id) const { return m_componentIndex.contains(id); }
    [[nodiscard]] bool contains(LinkId id) const { return m_linkIndex.contains(id); }
    /// Position in model().components, or -1.
    [[nodiscard]] qsizetype indexOf(ComponentId id) const { return m_componentIndex.value(id, -1); }
    [[nodiscard]] qsizetype indexOf(LinkId id) const { return m_linkIndex.value(id, -1); }
    /// @pre contains(id)
    [[nodiscard]] const engine::Component& component(ComponentId id) const;
    /// @pre contains(id)
    [[nodiscard]] const engine::Link& link(LinkId id) const;

    /// The first component whose text id is `name`, or invalid.
    [[nodiscard]] ComponentId findComponent(std::string_view name) const;
    /// The link from `from` to `to`, or invalid.
    [[nodiscard]] LinkId findLink(ComponentId from, ComponentId to) const;
    /// The components a link joins (invalid when the link names a missing component).
    [[nodiscard]] ComponentId linkSource(LinkId id) const;
    [[nodiscard]] ComponentId linkTarget(LinkId id) const;
    /// Every link that starts or ends at the component, in model order.
    [[nodiscard]] QList<LinkId> linksOf(ComponentId id) const;
    /// The component's diagram position (its centre), 0 for a missing coordinate.
    [[nodiscard]] QPointF position(ComponentId id) const;

    /// A text id not used by any component nor in `reserved`, built from `base`
    /// ("app", "app-2", ...).
    [[nodiscard]] std::string uniqueName(std::string_view base, const std::set<std::string>& reserved = {}) const;

    /// Fresh ids: a command takes its ids once, at construction, so that redo after
    /// undo brings back the same ids.
    [[nodiscard]] ComponentId allocateComponentId() { return ComponentId{++m_lastId}; }
    [[nodiscard]] LinkId allocateLinkId() { return LinkId{++m_lastId}; }
    /// A fresh gesture (a slider drag, from press to release): what-if commands of one
    /// gesture merge into one undo step (SetWhatIfCommand).
    [[nodiscard]] quint64 beginGesture() { return ++m_lastGesture; }

    /// The measurements the model was calibrated from (File > Import Measurements), kept in
    /// the project so that the inspector can show measured beside modelled figures.
    [[nodiscard]] const std::vector<engine::Measurement>& measurements() const { return m_measurements; }

    // ---- the what-if layer ------------------------------------------------------------
    /// What the figures are computed for is the model with this layer on top: a traffic
    /// multiplier and field overrides, in engine::Scenario's shape (engine::applyScenario).
    /// The inspector edits the model; the what-if panel edits the layer. Its name is the
    /// scenario it was switched to or saved as, empty for an unsaved what-if. Overrides
    /// are kept sorted by component (link) and field key, the order a model file reads back.
    [[nodiscard]] const engine::Scenario& whatIf() const { return m_whatIf; }
    /// Whether the layer changes anything: a multiplier other than 1 or an override.
    [[nodiscard]] bool whatIfChangesModel() const;
    /// Whether a what-if or a scenario is shown instead of the base model.
    [[nodiscard]] bool whatIfActive() const { return whatIfChangesModel() || !m_whatIf.name.empty(); }
    /// Whether the layer is a saved scenario whose settings were changed since.
    [[nodiscard]] bool whatIfModified() const;
    /// The layer's value for one control, empty when the base value applies.
    [[nodiscard]] std::optional<double> whatIfValue(const WhatIfKey& key) const;
    /// The model's own value for one control (1 for the multiplier), empty for a default.
    [[nodiscard]] std::optional<double> baseValue(const WhatIfKey& key) const;

    // ---- loading (not undoable: clears the history) --------------------------------
    /// Replaces the model, gives every component a position if it has none, and clears
    /// the undo history. The what-if layer starts as the scenario `activeScenario` (a
    /// project's), or empty. Emits modelReset().
    void load(engine::Model model, std::string_view activeScenario = {});

    // ---- mutators: for undo commands only ------------------------------------------
    void insertComponent(qsizetype index, ComponentId id, engine::Component component);
    /// Removes a component; its links must have been removed first.
    engine::Component takeComponent(ComponentId id);
    void insertLink(qsizetype index, LinkId id, engine::Link link);
    engine::Link takeLink(LinkId id);
    void setField(ComponentId id, engine::Field field, std::optional<double> value);
    /// Sets x and y together (each may be absent), emitting componentMoved once.
    void setPosition(ComponentId id, std::optional<double> x, std::optional<double> y);
    /// Renaming the id also renames the link ends and scenario overrides that use it.
    void setText(ComponentId id, ComponentText which, const std::string& text);
    void setKind(ComponentId id, engine::ComponentKind kind, std::optional<engine::DatabaseRole> role);
    void setLinkField(LinkId id, engine::LinkField field, std::optional<double> value);
    void setLinkKind(LinkId id, std::optional<engine::LinkKind> kind);

    /// Replaces the kept measurements (loading a project, importing, undo).
    void setMeasurements(std::vector<engine::Measurement> measurements);
    /// Replaces where the component's (link's) fields came from (calibration, undo).
    void setCalibrationMarks(ComponentId id, std::vector<engine::CalibrationMark> marks);
    void setLinkCalibrationMarks(LinkId id, std::vector<engine::CalibrationMark> marks);

    /// Sets one control of the what-if layer (empty: the base value applies again).
    void setWhatIfValue(const WhatIfKey& key, std::optional<double> value);
    /// Replaces the whole layer (switching scenarios, resetting, undo).
    void setWhatIf(engine::Scenario layer);
    /// Replaces the model's saved scenarios.
    void setScenarios(std::vector<engine::Scenario> scenarios);

    /// Where an override sat (a scenario's index, or kWhatIfLayer), so that it can be
    /// put back exactly.
    static constexpr std::size_t kWhatIfLayer = static_cast<std::size_t>(-1);
    template <typename T>
    struct Placed {
        std::size_t scenario = 0;
        std::size_t index = 0;
        T value;
    };
    struct TakenOverrides {
        std::vector<Placed<engine::Override>> components;
        std::vector<Placed<engine::LinkOverride>> links;
        [[nodiscard]] bool empty() const { return components.empty() && links.empty(); }
    };
    /// Removes every override of the named component and of the links at it, from the
    /// scenarios and the what-if layer (in ascending order).
    TakenOverrides takeOverrides(const std::string& component);
    /// Removes every override of the link from `from` to `to`.
    TakenOverrides takeLinkOverrides(const std::string& from, const std::string& to);
    /// Puts overrides back where takeOverrides() or takeLinkOverrides() found them.
    void restoreOverrides(const TakenOverrides& overrides);

signals:
    void componentAdded(headroom::model::ComponentId id);
    void componentRemoved(headroom::model::ComponentId id);
    /// A numeric field other than the position changed.
    void componentChanged(headroom::model::ComponentId id, headroom::engine::Field field);
    void componentMoved(headroom::model::ComponentId id);
    void componentTextChanged(headroom::model::ComponentId id, headroom::model::ComponentText which);
    /// The kind or the database role changed.
    void componentKindChanged(headroom::model::ComponentId id);
    void linkAdded(headroom::model::LinkId id);
    void linkRemoved(headroom::model::LinkId id);
    void linkChanged(headroom::model::LinkId id);
    /// The saved scenarios changed (added, removed, renamed, overrides removed or restored).
    void scenariosChanged();
    /// The what-if layer changed: its multiplier, an override, or all of it.
    void whatIfChanged();
    void modelReset();
    /// The kept measurements or a calibration mark changed.
    void calibrationChanged();

private:
    engine::Component& mutableComponent(ComponentId id);
    engine::Link& mutableLink(LinkId id);
    void reindexComponents();
    void reindexLinks();
    void rebuildNames() const;
    /// A scenario's overrides, or the what-if layer's for kWhatIfLayer.
    engine::Scenario& scenarioAt(std::size_t scenario);
    void emitOverrideSignals(const TakenOverrides& overrides);

    engine::Model m_model;
    engine::Scenario m_whatIf;
    std::vector<engine::Measurement> m_measurements;
    QList<ComponentId> m_componentIds;
    QList<LinkId> m_linkIds;
    QHash<ComponentId, qsizetype> m_componentIndex;
    QHash<LinkId, qsizetype> m_linkIndex;
    /// Text id -> first component with it; rebuilt lazily after structural changes.
    mutable std::unordered_map<std::string, ComponentId> m_byName;
    mutable bool m_namesDirty = true;
    quint64 m_lastId = 0;
    quint64 m_lastGesture = 0;
    QUndoStack m_undoStack;
};

} // namespace headroom::model

Q_DECLARE_METATYPE(headroom::model::ComponentText)
Q_DECLARE_METATYPE(headroom::engine::Field)
