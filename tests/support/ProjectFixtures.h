// SPDX-License-Identifier: MIT
// Models and helpers shared by the project tests and their helper program: generated
// models of any size (valid by the model's rules), the model a crash-test save writes for
// a counter, the bundled examples, and raw SQLite access for crafting bad files.
#pragma once

#include "engine/Model.h"
#include "io/ModelJson.h"
#include "project/Project.h"

#include <QtCore/QByteArray>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <sqlite3.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include <sys/mount.h>

namespace headroom::testing {

/// The project clock (model::ProjectClock) in a test's hands: it stands still until told
/// to move, so that saves that must differ in time are a step apart with no sleep.
class ManualClock {
public:
    ManualClock() = default;
    void advance(qint64 milliseconds = 1000) { m_now = m_now.addMSecs(milliseconds); }
    [[nodiscard]] QDateTime now() const { return m_now; }

private:
    QDateTime m_now{QDate(2026, 3, 2), QTime(9, 30), Qt::UTC};
    model::ProjectClock m_clock{[this] { return m_now; }};
};

/// A valid model of `count` components: one open clients component and a tree of every
/// other kind beneath it, with pools into databases, labels and notes in many scripts,
/// flags, positions and three scenarios. Deterministic for a count and a salt.
inline engine::Model generatedModel(int count, int salt = 0)
{
    using engine::ComponentKind;
    using engine::Field;
    constexpr std::array<ComponentKind, 10> kKinds{
        ComponentKind::LoadBalancer, ComponentKind::WebServer, ComponentKind::AppServer, ComponentKind::Worker,
        ComponentKind::Cache,        ComponentKind::Cdn,       ComponentKind::Database,  ComponentKind::Queue,
        ComponentKind::External,     ComponentKind::Station,
    };
    constexpr std::array<const char*, 6> kLabels{
        "Service", "Dienst für Bestellungen", "サービス", "خدمة", "Сервис ✓", "Service 🚀",
    };
    engine::Model model;
    model.name = "Generated " + std::to_string(count) + " (" + std::to_string(salt) + ")";
    model.description = "A generated architecture for the project tests.\nSecond line: \"quotes\", 'apostrophes', "
                        "and a backslash \\.";
    engine::Component users;
    users.id = "users";
    users.kind = ComponentKind::Clients;
    users.label = "Users";
    users.set(Field::RateRps, 100.0 + salt);
    users.set(Field::X, 0.0);
    users.set(Field::Y, 0.0);
    model.components.push_back(users);
    for (int i = 1; i < count; ++i) {
        engine::Component c;
        c.id = "c" + std::to_string(i);
        c.kind = kKinds[static_cast<std::size_t>(i) % kKinds.size()];
        if (i % 3 == 0)
            c.label = std::string(kLabels[static_cast<std::size_t>(i) % kLabels.size()]) + " " + std::to_string(i);
        if (i % 7 == 0)
            c.notes = "Notes for " + c.id + ":\n\tline two, with a tab; and 0.1 + 0.2 = 0.30000000000000004";
        c.set(Field::X, 180.0 * (i % 50));
        c.set(Field::Y, 110.0 * (i / 50) + 0.5);
        c.set(Field::CostPerInstanceMonth, 100.0 + i % 900 + salt * 0.01);
        if (c.kind == ComponentKind::External) {
            c.set(Field::LatencyMs, 20.0 + (i % 13) * 0.1);
        } else {
            c.set(Field::Servers, 1.0 + i % 8);
            c.set(Field::Instances, 1.0 + i % 3);
            c.set(Field::ServiceMs, 0.5 + (i % 17) * 0.25 + salt * 1e-6);
            if (i % 5 == 0)
                c.set(Field::ServiceCv, 0.7);
            if (i % 11 == 0)
                c.set(Field::Capacity, 64.0);
            if (i % 13 == 0)
                c.set(Field::Stateful, i % 2 == 0 ? 1.0 : 0.0);
        }
        if (engine::hasHitRatio(c.kind))
            c.set(Field::HitRatio, 0.5 + (i % 5) * 0.1);
        if (c.kind == ComponentKind::Database) {
            c.role = engine::DatabaseRole::Primary;
            c.set(Field::MaxConnections, 500.0);
            c.set(Field::WriteFraction, 0.3);
        }
        model.components.push_back(std::move(c));
        // A tree: each component is called by an earlier one that can call others.
        int parent = (i - 1) / 2;
        if (parent > 0 && model.components[static_cast<std::size_t>(parent)].kind == ComponentKind::External)
            parent = 0;
        engine::Link link;
        link.from = model.components[static_cast<std::size_t>(parent)].id;
        link.to = model.components.back().id;
        link.set(engine::LinkField::Calls, parent == 0 ? 1.0 / count : 0.5);
        if (model.components.back().kind == ComponentKind::Database && parent != 0) {
            link.set(engine::LinkField::PoolSize, 10.0);
            if (i % 4 == 0)
                link.set(engine::LinkField::PoolOverheadMs, 0.1);
        }
        if (i % 9 == 0 && model.components.back().kind != ComponentKind::Queue)
            link.kind = engine::LinkKind::Sync;
        model.links.push_back(std::move(link));
    }
    if (count > 2) {
        model.scenarios.push_back({"Black Friday", 8.0, {{"c1", Field::Instances, 12.0}}, {}});
        model.scenarios.push_back({"Ünïcode 🔥 scenario", std::nullopt, {{"c2", Field::Servers, 16.0}}, {}});
        model.scenarios.push_back({"Empty", 2.5, {}, {}});
        // A bigger connection pool in the first scenario, on the first pooled link.
        for (const engine::Link& link : model.links) {
            if (link.get(engine::LinkField::PoolSize)) {
                // In key order, as the JSON reader returns them, so that the JSON round trip keeps them.
                model.scenarios.front().linkOverrides = {{link.from, link.to, engine::LinkField::PoolOverheadMs, 0.2},
                                                         {link.from, link.to, engine::LinkField::PoolSize, 20.0}};
                break;
            }
        }
    }
    return model;
}

/// The project the crash test's helper saves for a counter: the model changes with the
/// counter (its size too), so that a mix of two saves could not pass for either.
inline model::Project crashProject(long long counter)
{
    model::Project project;
    project.model = generatedModel(150 + static_cast<int>(counter % 7) * 10, static_cast<int>(counter % 1000));
    project.model.name = "save " + std::to_string(counter);
    project.settings.viewState["counter"] = std::to_string(counter);
    project.settings.planningMultiplier = 1.0 + static_cast<double>(counter % 97);
    return project;
}

inline QString sourceDir()
{
    return QStringLiteral(HEADROOM_SOURCE_DIR);
}

/// Every bundled example, found at run time.
inline QStringList exampleFiles()
{
    const QDir dir(sourceDir() + QStringLiteral("/resources/examples"));
    QStringList files;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline QByteArray fileHash(const QString& path)
{
    return QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex();
}

/// The issues as one line each, for failure messages.
inline QByteArray joined(const engine::Issues& issues)
{
    QByteArray out;
    for (const engine::Issue& issue : issues)
        out += "\n  " + QByteArray::fromStdString(engine::issueText(issue));
    return out;
}

/// The issues of a failed result, or nothing for a good one (safe in QVERIFY2's message,
/// which Qt 6.4 evaluates whatever the outcome).
template <typename T>
QByteArray problems(const engine::Checked<T>& checked)
{
    return checked.ok() ? QByteArray() : joined(checked.issues());
}

/// A tmpfs of `size` mounted for the length of a test (root only): a small disk to fill.
/// Unmounted when it goes out of scope, also when the test fails.
class SmallTmpfs {
public:
    SmallTmpfs(const QString& where, const char* size) : m_where(where)
    {
        QDir().mkpath(where);
        const std::string options = std::string("size=") + size + ",mode=0777";
        if (::mount("tmpfs", QFile::encodeName(where).constData(), "tmpfs", 0, options.c_str()) == 0)
            m_mounted = true;
        else
            m_error = std::strerror(errno);
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;
    ~SmallTmpfs()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_where).constData(), MNT_DETACH);
    }

    [[nodiscard]] bool mounted() const { return m_mounted; }
    [[nodiscard]] const std::string& error() const { return m_error; }
    bool remountReadOnly()
    {
        return ::mount("tmpfs", QFile::encodeName(m_where).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }

private:
    QString m_where;
    bool m_mounted = false;
    std::string m_error;
};

/// A plain SQLite connection, without the project's defensive settings: for crafting bad
/// files and holding locks from "another program".
class RawDatabase {
public:
    explicit RawDatabase(const QString& path)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK) {
            m_error = m_db ? sqlite3_errmsg(m_db) : "cannot open";
        }
    }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;
    ~RawDatabase() { sqlite3_close_v2(m_db); }

    /// Runs SQL; false (and error()) on failure.
    bool exec(const std::string& sql)
    {
        char* message = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        m_error = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        return false;
    }

    [[nodiscard]] const std::string& error() const { return m_error; }

private:
    sqlite3* m_db = nullptr;
    std::string m_error;
};

/// Runs SQL on a file; the error, or an empty string.
inline std::string execOn(const QString& path, const std::string& sql)
{
    RawDatabase db(path);
    return db.exec(sql) ? std::string() : db.error();
}

} // namespace headroom::testing
