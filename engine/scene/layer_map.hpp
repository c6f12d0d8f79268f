// Role: the layer-map file that tells the loader how a model's meshes group into layers and
// which nodes are landmarks, so that models authored elsewhere load without code changes.
// Format: docs/layer-map-format.md. A LayerMap is plain data, owned by value.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <glm/mat3x3.hpp>

namespace palpa::scene {

struct LayerRule {
    std::string name;                   // layer name ("skin", "muscles_deep", ...)
    std::vector<std::string> patterns;  // glob patterns (* and ?) on mesh names
};

struct LayerMap {
    std::string source;                 // file it came from (for messages)
    std::vector<LayerRule> layers;      // deepest first
    std::vector<std::pair<std::string, std::string>> landmarks;  // landmark name -> node name
    std::vector<std::string> required_layers{"skin"};            // must receive a mesh
    // Names for people, by code name (a mesh, landmark or layer; a name given without a
    // _left/_right suffix serves both sides): "asis" -> "Anterior superior iliac spine".
    std::vector<std::pair<std::string, std::string>> names;
    float scale = 1.0f;                 // model units to metres
    glm::mat3 axes{1.0f};               // model axes to patient RAS axes (signed permutation)

    // Parses a layer map; throws InputError naming `sourceName`, the field and the problem.
    static LayerMap parse(std::string_view json, const std::string& sourceName);
    // Reads and parses a file; throws InputError.
    static LayerMap load(const std::filesystem::path& path);
    // Index of the first layer with a pattern matching the mesh name, or -1.
    int layerFor(std::string_view meshName) const;
};

// Shell-style glob: '*' any run, '?' any one character; case-sensitive.
bool globMatch(std::string_view pattern, std::string_view text);

// The conventional layer map beside a model: "<model without extension>.layers.json".
std::filesystem::path layerMapBeside(const std::filesystem::path& model);

}  // namespace palpa::scene
