// SPDX-License-Identifier: MIT
#include "advisor/TemplateGallery.h"

#include "Examples.h"
#include "Format.h"
#include "advisor/AdvisorText.h"
#include "advisor/DiagramPreview.h"
#include "advisor/StageNotes.h"
#include "Theme.h"

#include "engine/StageDetection.h"
#include "io/ModelFile.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>

namespace headroom::ui {

namespace {

constexpr QSize kThumbnail(168, 96);
constexpr QSize kPreview(520, 260);

} // namespace

TemplateGallery::TemplateGallery(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("templateGallery"));
    setWindowTitle(tr("New from Template"));

    struct Loaded {
        Template info;
        QPixmap thumbnail;
    };
    QList<Loaded> loaded;
    for (const examples::Example& example : examples::bundled()) {
        const auto model = model::loadModelFile(example.path);
        if (!model)
            continue;
        Loaded entry;
        entry.info.path = example.path;
        entry.info.name = example.title;
        entry.info.description = format::text(model->description);
        // The stage the architecture is at, as the advisor sees it (no solving).
        const engine::StageAssessment stage = engine::detectStage(*model);
        entry.info.stage = stage.stage;
        entry.info.stageExample = example.path.section(QLatin1Char('/'), -1).startsWith(QLatin1String("stage"));
        entry.info.title = entry.info.stageExample ? advisor::stageHeadline(stage) : example.title;
        entry.thumbnail = renderDiagramPreview(*model, kThumbnail, devicePixelRatioF());
        loaded.append(entry);
    }
    // The playbook's stages in order first; other examples (a load test) after them.
    std::stable_sort(loaded.begin(), loaded.end(), [](const Loaded& a, const Loaded& b) {
        const bool aStage = a.info.stageExample;
        const bool bStage = b.info.stageExample;
        return aStage != bStage ? aStage : aStage && a.info.stage < b.info.stage;
    });

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setIconSize(kThumbnail);
    m_list->setSpacing(2);
    m_list->setMinimumWidth(kThumbnail.width() + 250);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setWordWrap(true);
    for (const Loaded& entry : loaded) {
        m_templates.append(entry.info);
        auto* item = new QListWidgetItem(QIcon(entry.thumbnail), entry.info.title, m_list);
        item->setToolTip(entry.info.name);
    }

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("templateTitle"));
    m_title->setWordWrap(true);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setMinimumSize(kPreview);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(
        QStringLiteral("border: 1px solid %1; background: %2;").arg(theme::kFrame.name(), theme::kCanvas.name()));
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("templateDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addWidget(m_preview);
    right->addWidget(m_details, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &TemplateGallery::showCurrent);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    m_create->setEnabled(false);
    if (!m_templates.isEmpty())
        m_list->setCurrentRow(0);
    resize(1040, 640);
}

void TemplateGallery::select(int index)
{
    m_list->setCurrentRow(index);
}

int TemplateGallery::currentIndex() const
{
    return m_list->currentRow();
}

QString TemplateGallery::selectedPath() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_templates.size() ? m_templates[row].path : QString();
}

void TemplateGallery::showCurrent()
{
    const int row = m_list->currentRow();
    m_create->setEnabled(row >= 0);
    if (row < 0 || row >= m_templates.size())
        return;
    const Template& t = m_templates[row];
    m_title->setText(QStringLiteral("<h3>%1</h3>%2").arg(t.title.toHtmlEscaped(), t.name.toHtmlEscaped()));
    if (const auto model = model::loadModelFile(t.path))
        m_preview->setPixmap(renderDiagramPreview(*model, kPreview, devicePixelRatioF()));
    QString html;
    if (const advisor::StageNote note = advisor::stageNote(t.stage); t.stageExample && !note.what.isEmpty()) {
        html += tr("<p><b>The stage</b> (%1): %2</p><p><b>What to watch:</b> %3</p>")
                    .arg(note.users.toHtmlEscaped(), note.what.toHtmlEscaped(), note.watch.toHtmlEscaped());
    }
    if (!t.description.isEmpty())
        html += tr("<p><b>This architecture:</b> %1</p>").arg(t.description.toHtmlEscaped());
    m_details->setText(html);
}

} // namespace headroom::ui
