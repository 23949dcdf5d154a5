// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"

#include <QtCore/QString>

#include <string_view>

namespace headroom::engine {
struct Link;
}

namespace headroom::model {

class Document;

/// UTF-8 text of the engine (ids, labels, field labels) as a QString.
inline QString qs(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
}

/// A command's text in the user's language ("Set servers of app").
QString commandText(const char* text);

/// The component's text id, or nothing when it is gone.
QString nameOf(const Document& document, ComponentId id);
/// "app → db".
QString nameOf(const engine::Link& link);
/// The link's name, or nothing when it is gone.
QString nameOf(const Document& document, LinkId id);

} // namespace headroom::model
