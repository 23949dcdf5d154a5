// SPDX-License-Identifier: MIT
#include "project/Project.h"

#ifndef HEADROOM_VERSION
#define HEADROOM_VERSION "0.0.0"
#endif

namespace headroom::model {

std::string_view applicationVersion()
{
    return HEADROOM_VERSION;
}

} // namespace headroom::model
