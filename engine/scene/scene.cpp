#include "scene/scene.hpp"

#include <algorithm>

#include <glm/common.hpp>

#include "core/error.hpp"
#include "scene/names.hpp"

namespace palpa::scene {

void Bounds::add(const glm::vec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
}

void Bounds::add(const Bounds& other) {
    if (other.empty()) return;
    add(other.min);
    add(other.max);
}

namespace {
template <typename T>
const T* findByName(const std::vector<T>& items, std::string_view name) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
    return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Layer* Scene::findLayer(std::string_view name) const { return findByName(layers, name); }
const Mesh* Scene::findMesh(std::string_view name) const { return findByName(meshes, name); }
const Landmark* Scene::findLandmark(std::string_view name) const {
    return findByName(landmarks, name);
}

glm::vec3 Scene::landmark(std::string_view name) const {
    if (const Landmark* l = findLandmark(name)) return l->position;
    throw Error("scene has no landmark '" + std::string(name) + "'");
}

std::string Scene::nameOf(std::string_view code) const {
    for (const auto& [c, name] : names)
        if (c == code) return name;
    for (std::string_view side : {"left", "right"}) {
        const std::string suffix = "_" + std::string(side);
        if (code.size() <= suffix.size() || code.substr(code.size() - suffix.size()) != suffix) continue;
        const std::string_view base = code.substr(0, code.size() - suffix.size());
        for (const auto& [c, name] : names)
            if (c == base) return name + " (" + std::string(side) + ")";
    }
    return displayName(code);
}

std::size_t Scene::triangleCount() const {
    std::size_t n = 0;
    for (const Mesh& m : meshes) n += m.triangleCount();
    return n;
}

Bounds Scene::bounds() const {
    Bounds b;
    for (const Mesh& m : meshes) b.add(m.bounds);
    return b;
}

void Scene::updateBounds() {
    for (Mesh& m : meshes) {
        m.bounds = Bounds{};
        for (const Vertex& v : m.vertices) m.bounds.add(v.position);
    }
}

}  // namespace palpa::scene
