// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtWidgets/QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace headroom::ui {

/// File > New from Template: one realistic architecture per stage of the scaling
/// playbook (the bundled examples), each with a preview of its diagram, what the
/// stage is and what to watch, and its own description. Create opens the chosen one
/// as a new, untitled document.
class TemplateGallery : public QDialog {
    Q_OBJECT

public:
    struct Template {
        QString path;        ///< ":/examples/stage3-caching.json"
        QString title;       ///< "Stage 3 · Caching"
        QString name;        ///< the model's name
        QString description; ///< the model's description
        int stage = -1;      ///< the playbook stage the architecture is at
        bool stageExample = false; ///< one of the playbook's stage examples (stageN-*.json)
    };

    explicit TemplateGallery(QWidget* parent = nullptr);

    /// Stage examples in stage order, then any other bundled example.
    [[nodiscard]] const QList<Template>& templates() const { return m_templates; }
    void select(int index);
    [[nodiscard]] int currentIndex() const;
    /// The chosen template's path, empty if none.
    [[nodiscard]] QString selectedPath() const;
    [[nodiscard]] QPushButton* createButton() const { return m_create; }

private:
    void showCurrent();

    QList<Template> m_templates;
    QListWidget* m_list = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_details = nullptr;
    QPushButton* m_create = nullptr;
};

} // namespace headroom::ui
