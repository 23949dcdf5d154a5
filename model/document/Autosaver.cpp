// SPDX-License-Identifier: MIT
#include "document/Autosaver.h"

#include "engine/Issue.h"

#include <QtCore/QFileInfo>
#include <QtCore/QStringList>
#include <QtCore/QUuid>
#include <QtGui/QUndoStack>

#include <chrono>

namespace headroom::model {

namespace {

QString issuesLine(const engine::Issues& issues)
{
    QStringList parts;
    for (const engine::Issue& issue : issues)
        parts << QString::fromStdString(engine::issueText(issue));
    return parts.join(QLatin1String("; "));
}

} // namespace

Autosaver::Autosaver(QUndoStack* stack, std::function<Project()> snapshot, QObject* parent)
    : QObject(parent), m_stack(stack), m_snapshot(std::move(snapshot)),
      m_untitledKey(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    connect(m_stack, &QUndoStack::indexChanged, this, &Autosaver::onIndexChanged);
    // Back at the saved state (a save, or undoing every edit since): the file has it all.
    connect(m_stack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            discard();
    });
    // A coarse timer may fire up to 5% early, which would put the autosave off by a whole interval.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Autosaver::onTick);
    setPolicy(m_policy);
}

Autosaver::~Autosaver()
{
    discard();
}

void Autosaver::setPolicy(AutosavePolicy policy)
{
    m_policy = policy;
    m_timer.setInterval(std::chrono::milliseconds(m_policy.interval));
    restartClock();
}

void Autosaver::setStore(RecoveryStore store)
{
    discard();
    m_store = std::move(store);
    m_lock.reset();
}

void Autosaver::setDocumentPath(const QString& path)
{
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_documentPath && !absolute.isEmpty())
        return;
    discard();
    m_documentPath = absolute;
    if (m_documentPath.isEmpty())
        m_untitledKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_lock.reset();
}

QString Autosaver::recoveryPath() const
{
    return m_store.slotFor(m_documentPath, m_untitledKey);
}

bool Autosaver::autosaveNow()
{
    if (m_stack->isClean())
        return false;
    // The slot is locked at the first copy, not before: until then there is nothing to own,
    // and a window that is never edited (a screenshot, a test) leaves no trace.
    if (!m_lock)
        m_lock = std::make_unique<RecoveryLock>(recoveryPath());
    // Another running editor has this document open and keeps its own copy in this slot.
    if (!m_lock->isLocked())
        return false;
    const auto written = m_store.write(m_snapshot(), m_documentPath, m_untitledKey);
    m_edits = 0;
    restartClock();
    if (!written) {
        emit failed(issuesLine(written.issues()));
        return false;
    }
    emit autosaved(recoveryPath());
    return true;
}

void Autosaver::discard()
{
    if (m_lock && m_lock->isLocked())
        m_store.remove(recoveryPath());
    m_edits = 0;
    restartClock();
}

void Autosaver::restartClock()
{
    // The clock first, so that when the timer fires a whole interval has passed on it.
    m_sinceAutosave.start();
    m_timer.start();
}

void Autosaver::onIndexChanged()
{
    ++m_edits;
    onTick();
}

void Autosaver::onTick()
{
    const auto since = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::milliseconds(m_sinceAutosave.elapsed()));
    if (!m_stack->isClean() && m_policy.due(since, m_edits))
        autosaveNow();
}

} // namespace headroom::model
