// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

namespace headroom::model {
class Document;
}

namespace headroom::ui {

/// What the figures are for, in a few words: "Base model", "Scenario Peak", "Scenario
/// Peak (changed)", "Unsaved what-if".
QString whatIfTitle(const model::Document& document);
/// The what-if layer's settings in words, each against the model's own value:
/// "traffic 3×; app instances 6 (model 2); pool app → db 40 (model 20)". Empty for none.
QString whatIfSettings(const model::Document& document);

} // namespace headroom::ui
