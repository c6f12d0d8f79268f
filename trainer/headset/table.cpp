#include "headset/table.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "core/error.hpp"
#include "scene/mesh_builder.hpp"

namespace palpa::headset {

TablePose parseTablePose(const std::string& text, const std::string& option) {
    std::vector<float> v;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            std::size_t used = 0;
            const float f = std::stof(part, &used);
            if (used != part.size() || !std::isfinite(f)) throw std::invalid_argument(part);
            v.push_back(f);
        } catch (const std::exception&) {
            throw InputError(
                option, "\"" + text + "\"",
                "expected four numbers x,y,z,yaw (metres, degrees), got \"" + part + "\"");
        }
    }
    if (v.size() != 4)
        throw InputError(option, "\"" + text + "\"",
                         "expected four numbers x,y,z,yaw (metres, degrees)");
    return {{v[0], v[1], v[2]}, v[3]};
}

std::string formatTablePose(const TablePose& p) {
    // Rounded first, and +0.0 turns a rounded -0 into 0: "-0.000" reads as a different place.
    auto mm = [](float v) { return std::round(v * 1000.0f) / 1000.0f + 0.0f; };
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3f,%.3f,%.3f,%.1f", mm(p.position.x), mm(p.position.y),
                  mm(p.position.z), std::round(p.yaw_deg * 10.0f) / 10.0f + 0.0f);
    return buf;
}

glm::mat4 spaceFromPatient(const TablePose& p) {
    const glm::mat4 t = glm::translate(glm::mat4(1.0f), p.position);
    return glm::rotate(t, glm::radians(p.yaw_deg), glm::vec3(0.0f, 1.0f, 0.0f));
}

TablePose tablePoseOf(const glm::mat4& space_from_patient) {
    TablePose p;
    p.position = glm::vec3(space_from_patient[3]);
    const glm::vec3 x = glm::mat3(space_from_patient) * glm::vec3(1.0f, 0.0f, 0.0f);  // the patient's right
    p.yaw_deg = glm::degrees(std::atan2(-x.z, x.x));
    return p;
}

TablePose recentred(const glm::vec3& head, const glm::vec3& forward, float reach, float drop) {
    glm::vec3 flat(forward.x, 0.0f, forward.z);
    if (glm::length(flat) < 1e-3f) flat = glm::vec3(0.0f, 0.0f, -1.0f);  // looking straight down
    flat = glm::normalize(flat);
    const glm::vec3 right = glm::cross(flat, glm::vec3(0.0f, 1.0f, 0.0f));
    TablePose p;
    p.position = head + flat * reach - glm::vec3(0.0f, drop, 0.0f);
    p.yaw_deg =
        glm::degrees(std::atan2(right.x, right.z));  // the patient's +Z (head) along `right`
    return p;
}

void addTable(scene::Scene& scene, float navel_height) {
    const scene::Bounds b = scene.bounds();
    const float top = b.min.y - 0.002f, floor = -navel_height;
    const glm::vec3 lo(std::min(-0.35f, b.min.x - 0.04f), top - 0.05f, b.min.z - 0.10f),
        hi(std::max(0.35f, b.max.x + 0.04f), top, b.max.z + 0.10f);
    scene::build::MeshData table = scene::build::box(lo, hi);
    const float leg = 0.05f, inset = 0.04f;
    if (floor < lo.y - 0.05f)
        for (const float x : {lo.x + inset, hi.x - inset - leg})
            for (const float z : {lo.z + inset, hi.z - inset - leg})
                table.append(scene::build::box({x, floor, z}, {x + leg, lo.y, z + leg}));
    const auto material = static_cast<std::uint32_t>(scene.materials.size());
    scene.materials.push_back({"table", {0.30f, 0.32f, 0.36f, 1.0f}});
    scene::Mesh mesh = scene::build::finish("table", table, material);
    mesh.layer = static_cast<std::uint32_t>(scene.layers.size());
    scene.layers.push_back({"table", {static_cast<std::uint32_t>(scene.meshes.size())}});
    scene.meshes.push_back(std::move(mesh));
}

void addRoom(scene::Scene& scene, float navel_height) {
    const float floor = -navel_height, ceiling = floor + 2.6f, wall = 0.08f;
    const glm::vec3 lo(-2.0f, floor, -2.5f), hi(2.0f, ceiling, 2.5f);
    struct Piece {
        const char* name;
        glm::vec3 min, max, colour;
    };
    const glm::vec3 walls(0.29f, 0.30f, 0.32f);
    const Piece pieces[] = {
        {"room_floor", {lo.x, floor - wall, lo.z}, {hi.x, floor, hi.z}, {0.20f, 0.18f, 0.16f}},
        {"room_ceiling", {lo.x, ceiling, lo.z}, {hi.x, ceiling + wall, hi.z}, {0.30f, 0.30f, 0.31f}},
        {"room_wall_left", {lo.x - wall, floor, lo.z}, {lo.x, ceiling, hi.z}, walls},
        {"room_wall_right", {hi.x, floor, lo.z}, {hi.x + wall, ceiling, hi.z}, walls * 0.97f},
        {"room_wall_feet", {lo.x, floor, lo.z - wall}, {hi.x, ceiling, lo.z}, walls * 0.94f},
        {"room_wall_head", {lo.x, floor, hi.z}, {hi.x, ceiling, hi.z + wall}, walls * 0.91f},
    };
    scene::Layer layer{"room", {}};
    for (const Piece& p : pieces) {
        const auto material = static_cast<std::uint32_t>(scene.materials.size());
        scene.materials.push_back({p.name, glm::vec4(p.colour, 1.0f)});
        scene::Mesh mesh = scene::build::finish(p.name, scene::build::box(p.min, p.max), material);
        mesh.layer = static_cast<std::uint32_t>(scene.layers.size());
        layer.meshes.push_back(static_cast<std::uint32_t>(scene.meshes.size()));
        scene.meshes.push_back(std::move(mesh));
    }
    scene.layers.push_back(std::move(layer));
}

}  // namespace palpa::headset
