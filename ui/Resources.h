// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::ui {

/// Registers the icons compiled into the (static) ui library. Idempotent; MainWindow
/// calls it, and so does anything that draws icons without one (tests, benchmarks).
void initResources();

} // namespace headroom::ui
