// Role: writes a Scene through Assimp's exporters (glTF 2 binary by default). Meshes are
// grouped under one node per layer ("layer_<name>"), landmarks under "landmarks", so the
// file keeps the layering for other tools too. Throws palpa::Error on failure.
#pragma once

#include <filesystem>
#include <string>

#include "scene/scene.hpp"

namespace palpa::scene {

// Writes `scene` to `path` in Assimp export format `formatId` ("glb2", "gltf2", "obj", ...).
void exportScene(const Scene& scene, const std::filesystem::path& path,
                 const std::string& formatId = "glb2", const std::string& rootName = "model");

}  // namespace palpa::scene
