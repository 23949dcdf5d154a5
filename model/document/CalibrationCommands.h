// SPDX-License-Identifier: MIT
#pragma once

#include "document/Document.h"
#include "engine/calibration/Calibration.h"

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtGui/QUndoCommand>

#include <optional>
#include <utility>
#include <vector>

namespace headroom::model {

/// Sets where calibrated fields came from (the marks of `calibrated`'s components and
/// links that differ from the document's) and replaces the kept measurements. The
/// field values themselves are pushed before it, as the edits a hand would make.
class SetCalibrationCommand : public QUndoCommand {
public:
    SetCalibrationCommand(Document* document, const engine::Model& calibrated,
                          std::vector<engine::Measurement> measurements, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    using Marks = std::vector<engine::CalibrationMark>;
    Document* m_document = nullptr;
    QList<std::pair<ComponentId, std::pair<Marks, Marks>>> m_components; ///< id, (before, after)
    QList<std::pair<LinkId, std::pair<Marks, Marks>>> m_links;
    std::vector<engine::Measurement> m_oldMeasurements;
    std::vector<engine::Measurement> m_newMeasurements;
};

/// Applies a calibration (File > Import Measurements) as one undo step named `text`:
/// the changed fields (pushModelEdits), their marks, and `measurements` added to the
/// project's. Returns why it does not fit the document as it is now, pushing nothing.
std::optional<QString> pushCalibration(Document& document, const engine::CalibrationResult& calibration,
                                       std::span<const engine::Measurement> measurements, const QString& text);

} // namespace headroom::model
