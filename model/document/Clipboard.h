// SPDX-License-Identifier: MIT
#pragma once

#include "document/Ids.h"
#include "engine/Issue.h"
#include "engine/Model.h"

#include <QtCore/QList>

#include <memory>

class QMimeData;

namespace headroom::model {

class Document;

/// The clipboard format: a model fragment in the JSON interchange format.
inline constexpr char kFragmentMimeType[] = "application/x-headroom-fragment+json";
/// The format the palette drags: {"kind": "...", "role": "..."}.
inline constexpr char kComponentMimeType[] = "application/x-headroom-component";

/// The components and the links that run between them (links to components left
/// out are dropped; so are scenarios).
engine::Model copyFragment(const Document& document, const QList<ComponentId>& components);

/// The fragment under kFragmentMimeType, and as plain JSON text for other programs.
std::unique_ptr<QMimeData> fragmentMimeData(const engine::Model& fragment);

/// Whether the clipboard holds something paste can read.
bool canPaste(const QMimeData* mime);

/// Reads a fragment from kFragmentMimeType, or from text that is a Headroom model.
engine::Checked<engine::Model> fragmentFromMimeData(const QMimeData* mime);

} // namespace headroom::model
