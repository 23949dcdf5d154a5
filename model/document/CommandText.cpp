// SPDX-License-Identifier: MIT
#include "document/CommandText.h"

#include "document/Document.h"

#include <QtCore/QCoreApplication>

namespace headroom::model {

QString commandText(const char* text)
{
    return QCoreApplication::translate("headroom::model::Commands", text);
}

QString nameOf(const Document& document, ComponentId id)
{
    return document.contains(id) ? qs(document.component(id).id) : QString();
}

QString nameOf(const engine::Link& link)
{
    return qs(link.from) + QStringLiteral(" \u2192 ") + qs(link.to);
}

QString nameOf(const Document& document, LinkId id)
{
    return document.contains(id) ? nameOf(document.link(id)) : QString();
}

} // namespace headroom::model
