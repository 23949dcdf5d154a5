// SPDX-License-Identifier: MIT
#include "document/CalibrationCommands.h"

#include "document/IssueText.h"
#include "document/ModelEditCommands.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QUndoStack>

namespace headroom::model {

SetCalibrationCommand::SetCalibrationCommand(Document* document, const engine::Model& calibrated,
                                             std::vector<engine::Measurement> measurements, QUndoCommand* parent)
    : QUndoCommand(parent),
      m_document(document),
      m_oldMeasurements(document->measurements()),
      m_newMeasurements(std::move(measurements))
{
    for (const engine::Component& c : calibrated.components) {
        const ComponentId id = document->findComponent(c.id);
        if (id.isValid() && document->component(id).calibrated != c.calibrated)
            m_components.append({id, {document->component(id).calibrated, c.calibrated}});
    }
    for (const engine::Link& l : calibrated.links) {
        const LinkId id = document->findLink(document->findComponent(l.from), document->findComponent(l.to));
        if (id.isValid() && document->link(id).calibrated != l.calibrated)
            m_links.append({id, {document->link(id).calibrated, l.calibrated}});
    }
    setText(QCoreApplication::translate("SetCalibrationCommand", "mark calibrated fields"));
}

void SetCalibrationCommand::redo()
{
    for (const auto& [id, marks] : m_components)
        m_document->setCalibrationMarks(id, marks.second);
    for (const auto& [id, marks] : m_links)
        m_document->setLinkCalibrationMarks(id, marks.second);
    m_document->setMeasurements(m_newMeasurements);
}

void SetCalibrationCommand::undo()
{
    for (const auto& [id, marks] : m_components)
        m_document->setCalibrationMarks(id, marks.first);
    for (const auto& [id, marks] : m_links)
        m_document->setLinkCalibrationMarks(id, marks.first);
    m_document->setMeasurements(m_oldMeasurements);
}

std::optional<QString> pushCalibration(Document& document, const engine::CalibrationResult& calibration,
                                       std::span<const engine::Measurement> measurements, const QString& text)
{
    const std::vector<engine::ModelEdit> edits = calibration.edits();
    // Checked before the macro opens: an empty or half step would be worse than none.
    if (const auto checked = engine::applyEdits(document.model(), edits); !checked)
        return issuesText(checked.issues());
    std::vector<engine::Measurement> kept = document.measurements();
    kept.insert(kept.end(), measurements.begin(), measurements.end());
    QUndoStack* stack = document.undoStack();
    stack->beginMacro(text);
    pushModelEdits(document, edits, text);
    stack->push(new SetCalibrationCommand(&document, calibration.model, std::move(kept)));
    stack->endMacro();
    return std::nullopt;
}

} // namespace headroom::model
