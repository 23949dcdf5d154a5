// SPDX-License-Identifier: MIT
#include "engine/calibration/CalibrationMarks.h"

namespace headroom::engine {

std::string markSource(const CalibrationMark& mark)
{
    const auto source = parseSource(mark.source);
    std::string text = "calibrated from " + (source ? std::string(sourceTitle(*source)) : mark.source);
    if (!mark.object.empty())
        text += " '" + mark.object + "'";
    if (!mark.at.empty())
        text += " of " + mark.at;
    return text;
}

std::optional<double> markedFigure(const Model& model, const SolveResult& result, const CalibrationTarget& owner,
                                   const CalibrationMark& mark)
{
    const auto source = parseSource(mark.source);
    if (!source)
        return std::nullopt;
    if (auto figure = modelledFigure(model, result, owner, *source, mark.object, mark.figure))
        return figure;
    if (owner.isLink())
        return std::nullopt;
    for (const Link& l : model.links) {
        if (l.to != owner.component || !l.get(LinkField::PoolSize))
            continue;
        if (auto figure = modelledFigure(model, result, {l.from, l.to}, *source, mark.object, mark.figure))
            return figure;
    }
    return std::nullopt;
}

} // namespace headroom::engine
