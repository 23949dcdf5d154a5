// SPDX-License-Identifier: MIT
#pragma once

#include "engine/Advisor.h"
#include "engine/CapacityPlan.h"
#include "engine/LoadShedding.h"
#include "engine/Model.h"
#include "engine/PoolSizing.h"
#include "engine/ReplicaLag.h"
#include "engine/Sweep.h"
#include "engine/TenX.h"

#include <span>
#include <string>

namespace headroom::model {

// The analyses as JSON, beside resultToJson (ResultJson.h): the sweep and the plan of spec
// section 5, the analyses of section 7 and the advice of section 8, keys in the contract's
// order, each document ending with a newline. Components are named by their ids.

std::string sweepToJson(const engine::Model& model, std::span<const engine::SweepPoint> points);
std::string planToJson(const engine::Model& model, const engine::CapacityPlan& plan);
std::string tenXToJson(const engine::Model& model, const engine::TenXAnswer& answer);
/// `multiplier` is the absolute traffic the sizing is at.
std::string poolSizingToJson(const engine::Model& model, const engine::PoolSizing& sizing, double multiplier);
std::string replicaLagToJson(const engine::Model& model, const engine::ReplicaLagAnswer& answer);
std::string loadSheddingToJson(const engine::Model& model, const engine::LoadSheddingAnswer& answer);
std::string adviceToJson(const engine::Advice& advice);

} // namespace headroom::model
