// SPDX-License-Identifier: MIT
#include "DiagramScene.h"

#include "ComponentItem.h"
#include "LinkItem.h"
#include "LinkLabelItem.h"
#include "Theme.h"

#include "document/Clipboard.h"
#include "document/ComponentCommands.h"
#include "document/Document.h"
#include "document/Editing.h"
#include "document/LinkCommands.h"
#include "document/LiveSolver.h"

#include <QtWidgets/QGraphicsLineItem>
#include <QtWidgets/QGraphicsSceneDragDropEvent>
#include <QtWidgets/QGraphicsSceneHelpEvent>
#include <QtWidgets/QGraphicsSceneMouseEvent>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtGui/QKeyEvent>
#include <QtCore/QMimeData>
#include <QtGui/QPainter>
#include <QtWidgets/QToolTip>

#include <cmath>

namespace headroom::ui {

using model::ComponentId;
using model::LinkId;

namespace {

constexpr qreal kReverseOffset = 7.0;
constexpr qreal kGridDotStep = 20.0;

struct DroppedKind {
    engine::ComponentKind kind;
    std::optional<engine::DatabaseRole> role;
};

std::optional<DroppedKind> droppedKind(const QMimeData* mime)
{
    if (!mime || !mime->hasFormat(QString::fromLatin1(model::kComponentMimeType)))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(mime->data(QString::fromLatin1(model::kComponentMimeType))).object();
    const auto kind = engine::parseKind(o.value(QLatin1String("kind")).toString().toStdString());
    if (!kind)
        return std::nullopt;
    DroppedKind dropped{*kind, std::nullopt};
    if (o.contains(QLatin1String("role")))
        dropped.role = engine::parseRole(o.value(QLatin1String("role")).toString().toStdString());
    return dropped;
}

} // namespace

DiagramScene::DiagramScene(model::Document* document, const model::LiveSolver* solver, QObject* parent)
    : QGraphicsScene(parent), m_document(document)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(document, &model::Document::modelReset, this, &DiagramScene::rebuild);
    connect(document, &model::Document::componentAdded, this, [this](ComponentId id) {
        addComponentItem(id);
        attachAllLinks();
    });
    connect(document, &model::Document::componentRemoved, this, [this](ComponentId id) {
        removeComponentItem(id);
        attachAllLinks();
    });
    connect(document, &model::Document::componentChanged, this, [this](ComponentId id, engine::Field) {
        if (ComponentItem* item = itemFor(id))
            item->syncFromDocument();
    });
    connect(document, &model::Document::componentMoved, this, [this](ComponentId id) {
        if (ComponentItem* item = itemFor(id))
            item->syncFromDocument();
    });
    connect(document, &model::Document::componentTextChanged, this, [this](ComponentId id, model::ComponentText which) {
        if (ComponentItem* item = itemFor(id))
            item->syncFromDocument();
        if (which == model::ComponentText::Id)
            attachAllLinks();
    });
    connect(document, &model::Document::componentKindChanged, this, [this](ComponentId id) {
        if (ComponentItem* item = itemFor(id))
            item->syncFromDocument();
    });
    connect(document, &model::Document::linkAdded, this, [this](LinkId id) {
        addLinkItem(id);
        // A reverse twin now needs its offset.
        if (LinkItem* item = itemFor(id); item && item->from() && item->to()) {
            const LinkId reverse = m_document->findLink(item->toId(), item->fromId());
            if (LinkItem* twin = itemFor(reverse))
                attachLink(twin);
        }
    });
    connect(document, &model::Document::linkRemoved, this, [this](LinkId id) { removeLinkItem(id); });
    connect(document, &model::Document::linkChanged, this, [this](LinkId id) {
        if (LinkItem* item = itemFor(id)) {
            attachLink(item);
            item->syncFromDocument();
        }
    });
    rebuild();
    setSolver(solver);
}

DiagramScene::~DiagramScene()
{
    // QGraphicsScene's destructor deletes the items, and deleting selected items emits
    // selectionChanged: nobody may act on that while the scene goes.
    blockSignals(true);
    // Items point at each other; clear the maps before QGraphicsScene deletes them.
    m_components.clear();
    m_links.clear();
    m_linksByComponent.clear();
}

void DiagramScene::rebuild()
{
    cancelLinkDrag();
    for (LinkItem* item : std::as_const(m_links)) {
        delete item->labelItem();
        delete item;
    }
    for (ComponentItem* item : std::as_const(m_components))
        delete item;
    m_links.clear();
    m_components.clear();
    m_linksByComponent.clear();
    for (const ComponentId id : m_document->componentIds())
        addComponentItem(id);
    for (const LinkId id : m_document->linkIds())
        addLinkItem(id);
    setSceneRect(diagramRect().adjusted(-2000, -2000, 2000, 2000));
}

void DiagramScene::addComponentItem(ComponentId id)
{
    if (m_components.contains(id))
        return;
    auto* item = new ComponentItem(m_document, id);
    addItem(item);
    m_components.insert(id, item);
    item->showFigures(id == m_bottleneck);
    // Keep room around the diagram to scroll into.
    const QRectF needed = item->sceneBoundingRect().adjusted(-1000, -1000, 1000, 1000);
    if (!sceneRect().contains(needed))
        setSceneRect(sceneRect().united(needed));
}

void DiagramScene::removeComponentItem(ComponentId id)
{
    ComponentItem* item = m_components.take(id);
    if (!item)
        return;
    if (m_linkTarget == item)
        m_linkTarget = nullptr;
    if (m_linkFrom == id)
        cancelLinkDrag();
    const QList<LinkItem*> links = m_linksByComponent.values(id);
    m_linksByComponent.remove(id);
    for (LinkItem* link : links)
        link->detach(item);
    delete item;
}

void DiagramScene::addLinkItem(LinkId id)
{
    if (m_links.contains(id))
        return;
    auto* item = new LinkItem(m_document, id);
    auto* label = new LinkLabelItem(item);
    addItem(item);
    addItem(label);
    item->setLabelItem(label);
    m_links.insert(id, item);
    attachLink(item);
    item->showPoolFigures();
}

void DiagramScene::removeLinkItem(LinkId id)
{
    LinkItem* item = m_links.take(id);
    if (!item)
        return;
    for (auto it = m_linksByComponent.begin(); it != m_linksByComponent.end();) {
        if (it.value() == item)
            it = m_linksByComponent.erase(it);
        else
            ++it;
    }
    const ComponentId from = item->fromId();
    const ComponentId to = item->toId();
    delete item->labelItem();
    delete item;
    // Its reverse twin can go back to the middle.
    if (LinkItem* twin = itemFor(m_document->findLink(to, from)))
        attachLink(twin);
}

void DiagramScene::attachLink(LinkItem* item)
{
    const LinkId id = item->linkId();
    for (const ComponentId end : {item->fromId(), item->toId()}) {
        if (end.isValid())
            m_linksByComponent.remove(end, item);
    }
    const ComponentId from = m_document->linkSource(id);
    const ComponentId to = m_document->linkTarget(id);
    const bool twin = m_document->findLink(to, from).isValid();
    item->setEnds(itemFor(from), itemFor(to), twin ? kReverseOffset : 0.0);
    if (from.isValid())
        m_linksByComponent.insert(from, item);
    if (to.isValid() && to != from)
        m_linksByComponent.insert(to, item);
}

void DiagramScene::attachAllLinks()
{
    for (LinkItem* item : std::as_const(m_links))
        attachLink(item);
}

void DiagramScene::componentItemMoved(ComponentItem* item)
{
    const auto range = m_linksByComponent.equal_range(item->componentId());
    for (auto it = range.first; it != range.second; ++it)
        it.value()->reroute();
}

QRectF DiagramScene::diagramRect() const
{
    QRectF rect;
    for (const ComponentItem* item : std::as_const(m_components))
        rect = rect.united(item->sceneBoundingRect());
    return rect;
}

QList<ComponentId> DiagramScene::selectedComponents() const
{
    QList<ComponentId> out;
    for (const ComponentId id : m_document->componentIds()) {
        if (const ComponentItem* item = itemFor(id); item && item->isSelected())
            out.append(id);
    }
    return out;
}

QList<LinkId> DiagramScene::selectedLinks() const
{
    QList<LinkId> out;
    for (const LinkId id : m_document->linkIds()) {
        if (const LinkItem* item = itemFor(id); item && item->isSelected())
            out.append(id);
    }
    return out;
}

void DiagramScene::selectOnly(const QList<ComponentId>& components, const QList<LinkId>& links)
{
    QSignalBlocker blocker(this);
    clearSelection();
    for (const ComponentId id : components) {
        if (ComponentItem* item = itemFor(id))
            item->setSelected(true);
    }
    for (const LinkId id : links) {
        if (LinkItem* item = itemFor(id))
            item->setSelected(true);
    }
    blocker.unblock();
    emit selectionChanged();
}

void DiagramScene::selectEverything()
{
    QSignalBlocker blocker(this);
    for (ComponentItem* item : std::as_const(m_components))
        item->setSelected(true);
    for (LinkItem* item : std::as_const(m_links))
        item->setSelected(true);
    blocker.unblock();
    emit selectionChanged();
}

QPointF DiagramScene::snap(QPointF position) const
{
    if (!m_snap)
        return position;
    return {std::round(position.x() / kGridSize) * kGridSize, std::round(position.y() / kGridSize) * kGridSize};
}

void DiagramScene::setSolver(const model::LiveSolver* solver)
{
    model::followSolver(m_solver, solver, this, &DiagramScene::showSolve);
}

const engine::ComponentResult* DiagramScene::figures(ComponentId id) const
{
    return m_solver && m_solver->result() ? m_solver->result()->find(id) : nullptr;
}

const engine::PoolResult* DiagramScene::poolFigures(LinkId id) const
{
    return m_solver && m_solver->result() ? m_solver->result()->pool(id) : nullptr;
}

void DiagramScene::showSolve()
{
    const ComponentId before = m_bottleneck;
    const std::optional<model::LiveResult>* result = m_solver ? &m_solver->result() : nullptr;
    m_bottleneck = result && *result ? (*result)->bottleneck() : ComponentId{};
    if (result && *result) {
        for (auto it = m_components.cbegin(); it != m_components.cend(); ++it)
            it.value()->showFigures(it.key() == m_bottleneck);
    } else {
        // No figures: the components at fault are marked with their errors.
        QHash<ComponentId, QStringList> byComponent;
        for (const model::LiveIssue& issue : m_solver ? m_solver->issues() : QList<model::LiveIssue>{}) {
            if (issue.component.isValid() && issue.severity == model::LiveIssue::Severity::Error)
                byComponent[issue.component].append(issue.field.isEmpty() ? issue.message
                                                                          : issue.field + QStringLiteral(": ") +
                                                                                issue.message);
        }
        for (auto it = m_components.cbegin(); it != m_components.cend(); ++it)
            it.value()->setProblems(byComponent.value(it.key()));
    }
    for (LinkItem* item : std::as_const(m_links))
        item->showPoolFigures();
    // The bottleneck tag takes room above its card: labels move out of its way.
    if (before != m_bottleneck) {
        for (LinkItem* item : std::as_const(m_links))
            item->placeLabel();
    }
}

ComponentItem* DiagramScene::componentAt(QPointF scenePos) const
{
    for (QGraphicsItem* item : items(scenePos)) {
        if (auto* component = qgraphicsitem_cast<ComponentItem*>(item))
            return component;
    }
    return nullptr;
}

// ---- palette drops ---------------------------------------------------------------------

void DiagramScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event)
{
    event->setAccepted(droppedKind(event->mimeData()).has_value());
    if (event->isAccepted())
        event->acceptProposedAction();
}

void DiagramScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event)
{
    event->setAccepted(droppedKind(event->mimeData()).has_value());
    if (event->isAccepted())
        event->acceptProposedAction();
}

void DiagramScene::dropEvent(QGraphicsSceneDragDropEvent* event)
{
    const auto dropped = droppedKind(event->mimeData());
    if (!dropped) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    const ComponentId id = model::addComponent(*m_document, dropped->kind, dropped->role, snap(event->scenePos()));
    selectOnly({id});
}

// ---- moving and linking ----------------------------------------------------------------

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        ComponentItem* item = componentAt(event->scenePos());
        if (item && item->handleContains(event->scenePos())) {
            m_linkFrom = item->componentId();
            m_rubberLink = addLine(QLineF(item->handleScenePos(), event->scenePos()),
                                   QPen(theme::kSelection, 2.0, Qt::DashLine, Qt::RoundCap));
            m_rubberLink->setZValue(10.0);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressed = event->button() == Qt::LeftButton;
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_rubberLink) {
        const ComponentItem* source = itemFor(m_linkFrom);
        if (!source) {
            cancelLinkDrag();
            return;
        }
        m_rubberLink->setLine(QLineF(source->handleScenePos(), event->scenePos()));
        ComponentItem* target = componentAt(event->scenePos());
        if (target == source)
            target = nullptr;
        if (target != m_linkTarget) {
            if (m_linkTarget)
                m_linkTarget->setLinkTarget(false);
            m_linkTarget = target;
            if (m_linkTarget)
                m_linkTarget->setLinkTarget(true);
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_rubberLink) {
        finishLinkDrag(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    // One command for the whole drag, and only if something moved.
    QList<model::MoveComponentsCommand::Move> moves;
    for (const ComponentId id : selectedComponents()) {
        const ComponentItem* item = itemFor(id);
        if (item->pos() != m_document->position(id))
            moves.append({id, item->pos()});
    }
    if (!moves.isEmpty())
        m_document->undoStack()->push(new model::MoveComponentsCommand(m_document, moves));
}

void DiagramScene::finishLinkDrag(QPointF scenePos)
{
    const ComponentId from = m_linkFrom;
    ComponentItem* target = componentAt(scenePos);
    cancelLinkDrag();
    if (!target || target->componentId() == from) {
        if (target)
            emit gestureRejected(tr("A component cannot call itself."));
        return;
    }
    const ComponentId to = target->componentId();
    if (const auto problem = model::linkProblem(*m_document, from, to)) {
        emit gestureRejected(*problem);
        return;
    }
    auto* command = new model::AddLinkCommand(m_document, model::newLink(*m_document, from, to));
    const LinkId id = command->linkId();
    m_document->undoStack()->push(command);
    selectOnly({}, {id});
}

void DiagramScene::cancelLinkDrag()
{
    delete m_rubberLink;
    m_rubberLink = nullptr;
    m_linkFrom = {};
    if (m_linkTarget)
        m_linkTarget->setLinkTarget(false);
    m_linkTarget = nullptr;
}

void DiagramScene::keyPressEvent(QKeyEvent* event)
{
    QPointF step;
    const qreal distance = event->modifiers() & Qt::ShiftModifier ? kGridSize * 5 : kGridSize;
    switch (event->key()) {
    case Qt::Key_Left:
        step = {-distance, 0};
        break;
    case Qt::Key_Right:
        step = {distance, 0};
        break;
    case Qt::Key_Up:
        step = {0, -distance};
        break;
    case Qt::Key_Down:
        step = {0, distance};
        break;
    case Qt::Key_Escape:
        if (m_rubberLink) {
            cancelLinkDrag();
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    const QList<ComponentId> selected = selectedComponents();
    if (step.isNull() || selected.isEmpty()) {
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    QList<model::MoveComponentsCommand::Move> moves;
    for (const ComponentId id : selected)
        moves.append({id, m_document->position(id) + step});
    m_document->undoStack()->push(
        new model::MoveComponentsCommand(m_document, moves, model::MoveComponentsCommand::MoveMode::Nudge));
    event->accept();
}

void DiagramScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    QString tip;
    for (QGraphicsItem* item : items(event->scenePos())) {
        if (const auto* component = qgraphicsitem_cast<ComponentItem*>(item)) {
            tip = component->richToolTip();
            break;
        }
        if (const auto* link = qgraphicsitem_cast<LinkItem*>(item)) {
            tip = link->richToolTip();
            break;
        }
        if (const auto* label = qgraphicsitem_cast<LinkLabelItem*>(item)) {
            tip = label->link()->richToolTip();
            break;
        }
    }
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->screenPos(), tip, event->widget());
    event->setAccepted(!tip.isEmpty());
}

void DiagramScene::drawBackground(QPainter* painter, const QRectF& rect)
{
    painter->fillRect(rect, theme::kCanvas);
    const qreal zoom = painter->worldTransform().m11();
    if (kGridDotStep * zoom < 9.0)
        return;
    painter->setPen(QPen(theme::kGridDot, 1.5 / zoom, Qt::SolidLine, Qt::RoundCap));
    const qreal left = std::floor(rect.left() / kGridDotStep) * kGridDotStep;
    const qreal top = std::floor(rect.top() / kGridDotStep) * kGridDotStep;
    QList<QPointF> dots;
    for (qreal x = left; x < rect.right(); x += kGridDotStep) {
        for (qreal y = top; y < rect.bottom(); y += kGridDotStep)
            dots.append({x, y});
    }
    painter->drawPoints(dots.constData(), static_cast<int>(dots.size()));
}

} // namespace headroom::ui
