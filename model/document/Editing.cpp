// SPDX-License-Identifier: MIT
#include "document/Editing.h"

#include "document/ComponentCommands.h"
#include "document/SetValueCommand.h"
#include "engine/ComponentDefaults.h"
#include "engine/Validation.h"

#include <QtCore/QCoreApplication>

namespace headroom::model {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("headroom::model::Editing", text);
}

bool isPrimary(const engine::Component& c)
{
    return c.kind == engine::ComponentKind::Database && c.effectiveRole() == engine::DatabaseRole::Primary;
}

bool isReplica(const engine::Component& c)
{
    return c.kind == engine::ComponentKind::Database && c.effectiveRole() == engine::DatabaseRole::Replica;
}

} // namespace

std::optional<QString> linkProblem(const Document& document, ComponentId from, ComponentId to)
{
    if (!document.contains(from) || !document.contains(to))
        return tr("a link joins two components");
    if (from == to)
        return tr("a component cannot call itself");
    if (document.component(to).kind == engine::ComponentKind::Clients)
        return tr("nothing can call a clients component: clients are where the workload starts");
    if (document.findLink(from, to).isValid())
        return tr("%1 already links to %2; edit the calls of that link instead")
            .arg(QString::fromStdString(document.component(from).id), QString::fromStdString(document.component(to).id));
    return std::nullopt;
}

engine::Link newLink(const Document& document, ComponentId from, ComponentId to)
{
    engine::Link link;
    link.from = document.component(from).id;
    link.to = document.component(to).id;
    if (isPrimary(document.component(from)) && isReplica(document.component(to)))
        link.kind = engine::LinkKind::Replication;
    return link;
}

ComponentId addComponent(Document& document, engine::ComponentKind kind, std::optional<engine::DatabaseRole> role,
                         QPointF position)
{
    engine::Component c = engine::defaultComponent(kind, role);
    c.id = document.uniqueName(engine::idStem(kind, role));
    c.set(engine::Field::X, position.x());
    c.set(engine::Field::Y, position.y());
    auto* command = new AddComponentCommand(&document, std::move(c));
    const ComponentId id = command->componentId();
    document.undoStack()->push(command);
    return id;
}

void changeKind(Document& document, ComponentId id, engine::ComponentKind kind,
                std::optional<engine::DatabaseRole> role)
{
    const engine::Component& before = document.component(id);
    if (kind != engine::ComponentKind::Database)
        role.reset();
    if (before.kind == kind && before.role == role)
        return;
    const engine::DatabaseRole effectiveRole = role.value_or(engine::DatabaseRole::Primary);
    QUndoStack* stack = document.undoStack();
    stack->beginMacro(tr("Make %1 a %2")
                          .arg(QString::fromStdString(before.id),
                               QString::fromUtf8(engine::kindTitle(kind).data()).toLower()));
    stack->push(new SetComponentKindCommand(&document, id, {kind, role}));
    const engine::Component defaults = engine::defaultComponent(kind, role);
    for (const engine::Field field : engine::allFields()) {
        const engine::Component& now = document.component(id);
        if (now.has(field) && !engine::fieldApplies(field, kind, effectiveRole))
            stack->push(new SetComponentFieldCommand(&document, {id, field}, std::nullopt));
        else if (!now.has(field) && engine::isRequired(field, now) && defaults.has(field))
            stack->push(new SetComponentFieldCommand(&document, {id, field}, defaults.get(field)));
    }
    for (const LinkId linkId : document.linksOf(id)) {
        const engine::Link& link = document.link(linkId);
        const ComponentId source = document.linkSource(linkId);
        const ComponentId target = document.linkTarget(linkId);
        if (!source.isValid() || !target.isValid())
            continue;
        if (target == id && kind != engine::ComponentKind::Database) {
            for (const engine::LinkField field :
                 {engine::LinkField::PoolSize, engine::LinkField::PoolOverheadMs, engine::LinkField::ConnectMs}) {
                if (link.get(field))
                    stack->push(new SetLinkFieldCommand(&document, {linkId, field}, std::nullopt));
            }
        }
        const bool replicationFits = isPrimary(document.component(source)) && isReplica(document.component(target));
        if (document.link(linkId).kind == engine::LinkKind::Replication && !replicationFits)
            stack->push(new SetLinkKindCommand(&document, linkId, std::nullopt));
    }
    stack->endMacro();
}

std::optional<QString> renameProblem(const Document& document, ComponentId id, const QString& name)
{
    const std::string text = name.toStdString();
    if (!engine::isValidId(text))
        return tr("use 1 to 64 letters, digits, '_', '-' or '.'");
    const ComponentId other = document.findComponent(text);
    if (other.isValid() && other != id)
        return tr("another component is already called %1").arg(name);
    return std::nullopt;
}

} // namespace headroom::model
