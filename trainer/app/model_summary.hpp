// Role: the human-readable model summary printed by `palpa info` and the main job.
#pragma once

#include <ostream>
#include <string>

#include "scene/scene.hpp"

namespace palpa::app {

// Writes layers (deepest first) with their meshes and triangle counts, bounds and landmarks.
void printModelSummary(std::ostream& out, const std::string& source, const scene::Scene& scene);

}  // namespace palpa::app
