// Role: loads any model Assimp reads (glTF/GLB, OBJ, FBX, DAE, ...) into a Scene, grouping
// meshes into layers and finding landmarks as the layer map says. Throws InputError naming
// the file and the problem on any bad input; never returns a half-built scene.
#pragma once

#include <filesystem>

#include "scene/layer_map.hpp"
#include "scene/scene.hpp"

namespace palpa::scene {

// Loads `model` with an already parsed layer map.
Scene loadScene(const std::filesystem::path& model, const LayerMap& map);
// Loads `model` with the layer map at `layerMap`, or beside the model when that is empty.
Scene loadScene(const std::filesystem::path& model, const std::filesystem::path& layerMap = {});

}  // namespace palpa::scene
