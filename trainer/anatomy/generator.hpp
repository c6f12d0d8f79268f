// Role: the deterministic procedural generator of the layered psoas-region model (adult lower
// torso, supine, patient frame). Same options give the same scene, bit for bit, on the same
// build; docs/anatomy.md lists the measurements and their sources.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

#include "anatomy/body_plan.hpp"
#include "scene/scene.hpp"

namespace palpa::anatomy {

// Layer names, deepest first: the order the model's layer map and the renderer use.
inline constexpr std::array<std::string_view, 6> kLayerOrder{
    "skeleton", "vessels", "muscles_deep", "viscera", "abdominal_wall", "skin"};

struct GeneratorOptions {
    float bmi = 22.0f;  // body-mass index: sets the soft-tissue thickness
};

// Builds the whole scene: layers, one material per structure, landmarks.
scene::Scene generatePsoasRegion(const GeneratorOptions& options = {});

// Builds the scene and writes it as glTF 2 binary to `path`.
void writePsoasRegion(const std::filesystem::path& path, const GeneratorOptions& options = {});

}  // namespace palpa::anatomy
