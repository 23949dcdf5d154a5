// SPDX-License-Identifier: MIT
#include "ProjectSettingsDialog.h"

#include "Format.h"
#include "Theme.h"

#include "document/IssueText.h"
#include "engine/Sweep.h"
#include "project/ProjectRules.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace headroom::ui {

namespace {

QDoubleSpinBox* spinBox(QWidget* parent, const QString& name, double from, double to, int decimals,
                        const QString& suffix, double value)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(from, to);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setValue(value);
    box->setAccelerated(true);
    return box;
}

QLabel* note(QWidget* parent, const QString& text)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kMutedText.name()));
    return label;
}

} // namespace

ProjectSettingsDialog::ProjectSettingsDialog(const model::ProjectSettings& settings, QWidget* parent)
    : QDialog(parent), m_given(settings)
{
    setObjectName(QStringLiteral("projectSettingsDialog"));
    setWindowTitle(tr("Project Settings"));
    setMinimumWidth(440);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note(this, tr("What the analyses plan for. The project file keeps these; a JSON model "
                                    "holds the architecture only.")));

    auto* form = new QFormLayout;
    // The spin boxes' ranges are the rules' (above 0, at most 100%); the smallest step
    // they show is the lower end.
    m_planning = spinBox(this, QStringLiteral("planningMultiplier"), 0.01, engine::kMaxMultiplier, 2, tr("\u00d7"),
                         settings.planningMultiplier);
    m_planning->setToolTip(tr("The growth the 10x question asks about, times the traffic shown: the 10x chart, "
                              "the lag chart's range, the advisor and the report plan for it"));
    form->addRow(tr("Plan for &traffic growth"), m_planning);
    m_target = spinBox(this, QStringLiteral("targetUtilization"), 0.1, 100.0, 1, tr(" %"),
                       settings.targetUtilization * 100.0);
    m_target->setToolTip(tr("A capacity plan adds instances until the busiest instance of each station is at "
                            "or under this"));
    form->addRow(tr("Target &utilization"), m_target);
    m_wait = spinBox(this, QStringLiteral("targetWait"), 0.1, 100.0, 1, tr(" %"), settings.targetWait * 100.0);
    m_wait->setToolTip(tr("Pool sizing recommends the smallest pool that keeps the chance of waiting for a "
                          "connection under this"));
    form->addRow(tr("Acceptable pool &wait"), m_wait);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("settingsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1;").arg(theme::kBottleneck.name()));
    m_problem->hide();
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QDoubleSpinBox* box : {m_planning, m_target, m_wait})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ProjectSettingsDialog::check);
    check();
}

model::ProjectSettings ProjectSettingsDialog::settings() const
{
    model::ProjectSettings settings = m_given;
    settings.planningMultiplier = m_planning->value();
    settings.targetUtilization = m_target->value() / 100.0;
    settings.targetWait = m_wait->value() / 100.0;
    return settings;
}

void ProjectSettingsDialog::check()
{
    const engine::Issues issues = model::checkSettings(settings());
    m_problem->setVisible(!issues.empty());
    m_problem->setText(issues.empty() ? QString() : model::issuesText(issues, engine::SubjectWords::Sentence));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(issues.empty());
}

} // namespace headroom::ui
