// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

class QMenu;

namespace headroom::ui {

/// The files opened or saved last, most recent first, kept in QSettings (so every window and
/// the next start share them), and the File > Open Recent menu that shows them.
class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr qsizetype kMaximum = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    /// Absolute paths, most recent first.
    [[nodiscard]] QStringList files() const;
    /// Puts the file first (moving it up if it is listed), keeping at most kMaximum.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();
    /// Drops the files that no longer exist; returns them.
    QStringList removeMissing();

    /// Fills the menu with the files, a note on the ones just dropped as missing, and
    /// "Clear Recent"; refilled every time it opens. A file chosen is reported by openRequested.
    void attach(QMenu* menu);

signals:
    void openRequested(const QString& path);

private:
    void fill(QMenu* menu);
    void store(const QStringList& files);
};

} // namespace headroom::ui
