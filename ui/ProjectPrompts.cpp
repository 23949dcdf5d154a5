// SPDX-License-Identifier: MIT
#include "ProjectPrompts.h"

#include "Format.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>

namespace headroom::ui {

namespace {

QString projectFilter()
{
    return QObject::tr("Headroom projects (*.headroom)");
}

QString jsonFilter()
{
    return QObject::tr("JSON models (*.json)");
}

model::RecoveryChoice askRecovery(QWidget* parent, const model::RecoveryEntry& entry)
{
    const QString document = entry.documentPath.isEmpty() ? QObject::tr("an untitled model")
                                                           : QDir::toNativeSeparators(entry.documentPath);
    const QString when = QLocale().toString(entry.saved.toLocalTime(), QLocale::ShortFormat);
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(QObject::tr("Recover unsaved work"));
    const bool readable = entry.problems.empty();
    const QString name = entry.modelName.empty() ? QString() : QObject::tr(" (\u201c%1\u201d)").arg(format::shortText(entry.modelName));
    box.setText(QObject::tr("Headroom stopped without saving changes to %1%2. A copy from %3 was kept.")
                    .arg(document, name, when));
    if (readable) {
        box.setInformativeText(QObject::tr("Restore it as unsaved changes, discard it, or decide at the next start?"));
    } else {
        QStringList reasons;
        for (const engine::Issue& issue : entry.problems)
            reasons << format::shortText(issue.message, format::kMostMessageCharacters);
        box.setInformativeText(QObject::tr("The copy cannot be read: %1").arg(reasons.join(QLatin1String("; "))));
    }
    QPushButton* restore = readable ? box.addButton(QObject::tr("&Restore"), QMessageBox::AcceptRole) : nullptr;
    QPushButton* discard = box.addButton(QObject::tr("&Discard"), QMessageBox::DestructiveRole);
    QPushButton* later = box.addButton(QObject::tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore ? restore : later);
    box.setEscapeButton(later);
    box.exec();
    if (restore && box.clickedButton() == restore)
        return model::RecoveryChoice::Restore;
    return box.clickedButton() == discard ? model::RecoveryChoice::Discard : model::RecoveryChoice::Later;
}

} // namespace

QString withProjectSuffix(const QString& path, bool json)
{
    const QString suffix = QFileInfo(path).suffix();
    const auto is = [&](const char* wanted) { return suffix.compare(QLatin1String(wanted), Qt::CaseInsensitive) == 0; };
    if (is("headroom") || is("json"))
        return path;
    return path + (json ? QStringLiteral(".json") : QStringLiteral(".headroom"));
}

ProjectPrompts ProjectPrompts::dialogs(QWidget* parent)
{
    ProjectPrompts prompts;
    prompts.openPath = [parent](const QString& directory) {
        const QString filters = QObject::tr("All supported (*.headroom *.json)") + QStringLiteral(";;") + projectFilter() +
                                QStringLiteral(";;") + jsonFilter() + QStringLiteral(";;") + QObject::tr("All files (*)");
        return QFileDialog::getOpenFileName(parent, QObject::tr("Open a project or model"), directory, filters);
    };
    prompts.savePath = [parent](const QString& suggested) {
        QString chosen = QFileInfo(suggested).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
                             ? jsonFilter() : projectFilter();
        const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Save the project"), suggested,
                                                          projectFilter() + QStringLiteral(";;") + jsonFilter(), &chosen);
        return path.isEmpty() ? path : withProjectSuffix(path, chosen == jsonFilter());
    };
    prompts.unsavedChanges = [parent](const QString& documentName) {
        const auto answer = QMessageBox::question(
            parent, QObject::tr("Unsaved changes"),
            QObject::tr("%1 has changes that are not saved. Save them?").arg(documentName),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Save)
            return UnsavedChoice::Save;
        return answer == QMessageBox::Discard ? UnsavedChoice::Discard : UnsavedChoice::Cancel;
    };
    prompts.recovery = [parent](const model::RecoveryEntry& entry) { return askRecovery(parent, entry); };
    prompts.error = [parent](const QString& title, const QString& text) { QMessageBox::warning(parent, title, text); };
    return prompts;
}

} // namespace headroom::ui
