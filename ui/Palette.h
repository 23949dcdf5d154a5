// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Kinds.h"

#include <QtWidgets/QListWidget>

#include <memory>
#include <optional>

namespace headroom::ui {

/// Every kind of component, with its icon. Dragging an entry starts a QDrag whose
/// QMimeData carries application/x-headroom-component with the kind (and role);
/// the diagram's drop adds the component. Double-click or Enter asks to add it at
/// the centre of the view (keyboard users, and a QDrag-free path).
class Palette : public QListWidget {
    Q_OBJECT

public:
    explicit Palette(QWidget* parent = nullptr);

    /// The drag payload of one entry.
    [[nodiscard]] std::unique_ptr<QMimeData> mimeDataForRow(int row) const;
    /// The row of a kind (and role), or -1.
    [[nodiscard]] int rowOf(engine::ComponentKind kind, std::optional<engine::DatabaseRole> role = {}) const;

signals:
    void addRequested(headroom::engine::ComponentKind kind, std::optional<headroom::engine::DatabaseRole> role);

protected:
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;

private:
    void requestAdd(QListWidgetItem* item);
};

} // namespace headroom::ui
