// Role: instructors' scripted anatomy tours as data (assets/walkthroughs/*.json,
// docs/walkthrough-format.md). Each step sets layers, highlights, labels, a viewpoint and
// narration. Loading validates the file; check() validates it against a model (every layer,
// structure and landmark it names must exist) so that a typo fails before class, not during.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scene/scene.hpp"

namespace palpa::walkthrough {

struct Camera {
    float yaw = 0.0f, pitch = 0.0f;  // radians, as render::Orbit
    float zoom = 1.0f;               // 1 frames the whole model; 2 is twice as close
    std::optional<std::string> target;  // a landmark or structure to centre on
};

struct Step {
    std::string title;
    std::string narration;
    std::string view = "front";              // a named viewpoint ...
    std::optional<Camera> camera;            // ... or an explicit one
    std::map<std::string, float> layers;     // opacity per layer; layers not named keep 1
    std::vector<std::string> highlight;      // structures (mesh names)
    std::vector<std::string> labels;         // landmarks or structures to label
    bool xray = false;
    std::string clip;                        // as `palpa render --clip`
    std::string leg_lift;                    // "left" or "right": the patient lifts that leg
};

struct Walkthrough {
    std::string source;
    std::string id;
    std::string title;
    std::vector<Step> steps;
};

// Parses and validates a walkthrough; throws InputError naming `source` and the field.
Walkthrough parseWalkthrough(std::string_view text, const std::string& source);
Walkthrough loadWalkthrough(const std::filesystem::path& path);
// Throws InputError (the walkthrough's file, "steps[i].field") for names the scene lacks.
void check(const Walkthrough& walkthrough, const scene::Scene& scene);

}  // namespace palpa::walkthrough
