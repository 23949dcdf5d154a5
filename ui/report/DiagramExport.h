// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QRectF>

#include <memory>
#include <optional>

class QPainter;

namespace headroom::model {
class Document;
class LiveSolver;
} // namespace headroom::model

namespace headroom::ui {
class DiagramScene;
}

namespace headroom::ui::report {

struct ReportContent;

/// The architecture diagram of a report: the editor's own scene (cards coloured by
/// utilization, badges, links, pools) for the report's model and figures, on a white
/// page without the editing grid. The figures reach the scene as in the editor: a live
/// solver of a private document, at the report's traffic (the what-if multiplier), which
/// gives the report's own solve. Drawn through QPainter, so it stays vector in a PDF and
/// an SVG.
class DiagramExport {
public:
    explicit DiagramExport(const ReportContent& content);
    ~DiagramExport();
    DiagramExport(const DiagramExport&) = delete;
    DiagramExport& operator=(const DiagramExport&) = delete;

    /// The diagram's extent in scene units (its natural size).
    [[nodiscard]] QRectF bounds() const;
    /// Draws the diagram into `target`, scaled to fit and centred.
    void render(QPainter* painter, const QRectF& target) const;
    /// The diagram as an SVG document (for the HTML report and the SVG export).
    [[nodiscard]] QByteArray svg() const;

    /// The diagram as a PNG image at twice its natural size (less for a huge diagram),
    /// or nothing when it cannot be drawn that large.
    [[nodiscard]] std::optional<QByteArray> png() const;

private:
    std::unique_ptr<model::Document> m_document;
    std::unique_ptr<model::LiveSolver> m_solver;
    std::unique_ptr<DiagramScene> m_scene;
};

} // namespace headroom::ui::report
