// Role: checks a glTF 2.0 model (.glb or .gltf) before Assimp reads it, so that a malformed or
// hostile file is refused with one line naming the file, the place and what was expected,
// never drawn or allowed to reach outside its folder: the container's sizes before anything
// is allocated, extensions the loader does not know, buffers (external URIs only relative and
// inside the model's folder), buffer views and accessors within their buffers, indices within
// their vertices, and node transforms finite and invertible. Limits: docs/layer-map-format.md.
#pragma once

#include <filesystem>

namespace palpa::scene {

// Throws InputError when `model` is a glTF file that breaks a rule; other formats pass.
void checkGltf(const std::filesystem::path& model);

}  // namespace palpa::scene
