// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Issue.h"

#include <QByteArray>
#include <QString>

#include <string_view>

namespace headroom::model {

/// The bytes of a file that is checked to be a regular file before anything is read from
/// it: a named pipe would block for ever and a device may never end. At most `maxBytes` + 1
/// bytes are read, so that the caller can tell a file over its limit. `what` names the
/// kind of file in messages ("model file"): "is not a regular file (a named pipe, a device
/// or a socket), so it is not a model file". Resource paths (":/...") are read through Qt.
engine::Checked<QByteArray> readRegularFile(const QString& path, qint64 maxBytes, std::string_view what);

} // namespace headroom::model
