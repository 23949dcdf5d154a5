// SPDX-License-Identifier: MIT
#include "Resources.h"

#include <QtCore/QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void registerHeadroomResources()
{
    Q_INIT_RESOURCE(headroom);
}

namespace headroom::ui {

void initResources()
{
    static const bool once = [] {
        registerHeadroomResources();
        return true;
    }();
    Q_UNUSED(once);
}

} // namespace headroom::ui
