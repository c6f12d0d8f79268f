#include "scene/limb_warp.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "scene/scene.hpp"

namespace palpa::scene {
namespace {

float smoothstep(float e0, float e1, float x) {
    const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

}  // namespace

glm::mat4 Hinge::matrix() const {
    glm::mat4 m = glm::translate(glm::mat4(1.0f), pivot);
    m = glm::rotate(m, angle, axis);
    return glm::translate(m, -pivot);
}

float Hinge::weight(const glm::vec3& rest) const {
    return smoothstep(-blend, blend, glm::dot(rest - pivot, distal));
}

LimbWarp LimbWarp::legLift(float side, const glm::vec3& hip, const glm::vec3& knee, const glm::vec3& ankle,
                           float hip_flexion_rad, float knee_flexion_rad) {
    const glm::vec3 up{0.0f, 1.0f, 0.0f};
    LimbWarp w;
    w.side_normal = {side < 0.0f ? -1.0f : 1.0f, 0.0f, 0.0f};
    w.side_offset = 0.004f;
    w.side_blend = 0.02f;
    w.proximal.pivot = hip;
    w.proximal.distal = glm::normalize(knee - hip);
    w.proximal.axis = glm::normalize(glm::cross(w.proximal.distal, up));  // the knee rises
    w.proximal.angle = hip_flexion_rad;
    w.proximal.blend = 0.06f;
    w.distal.pivot = knee;
    w.distal.distal = glm::normalize(ankle - knee);
    w.distal.axis = glm::normalize(glm::cross(up, w.distal.distal));  // the heel drops back
    w.distal.angle = knee_flexion_rad;
    w.distal.blend = 0.05f;
    return w;
}

float LimbWarp::sideWeight(const glm::vec3& rest) const {
    const float out = glm::dot(rest, side_normal);
    const float inner = smoothstep(0.0f, side_blend, out - side_offset);
    if (lateral_limit <= 0.0f) return inner;
    return inner * (1.0f - smoothstep(lateral_limit - lateral_blend, lateral_limit, out));
}

glm::vec3 LimbWarp::apply(const glm::vec3& rest) const {
    const float s = sideWeight(rest);
    if (s <= 0.0f) return rest;
    const float wd = s * distal.weight(rest), wp = s * proximal.weight(rest);
    const glm::vec3 p1 = glm::mix(rest, glm::vec3(distal.matrix() * glm::vec4(rest, 1.0f)), wd);
    return glm::mix(p1, glm::vec3(proximal.matrix() * glm::vec4(p1, 1.0f)), wp);
}

glm::vec3 LimbWarp::applyNormal(const glm::vec3& rest, const glm::vec3& normal) const {
    const float s = sideWeight(rest);
    if (s <= 0.0f) return normal;
    const float wd = s * distal.weight(rest), wp = s * proximal.weight(rest);
    const glm::mat3 d(distal.matrix()), p(proximal.matrix());
    const glm::vec3 n1 = glm::mix(normal, d * normal, wd);
    return glm::normalize(glm::mix(n1, p * n1, wp));
}

std::optional<std::pair<float, float>> widestGap(const Mesh& mesh, const glm::vec3& normal, float z, float slab,
                                                 float min_gap) {
    std::vector<float> out;
    for (const Vertex& v : mesh.vertices)
        if (std::abs(v.position.z - z) < slab && glm::dot(v.position, normal) > 0.0f)
            out.push_back(glm::dot(v.position, normal));
    std::sort(out.begin(), out.end());
    std::optional<std::pair<float, float>> best;
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i] - out[i - 1] >= min_gap && (!best || out[i] - out[i - 1] > best->second - best->first))
            best = std::pair{out[i - 1], out[i]};
    return best;
}

glm::vec3 Bulge::apply(const glm::vec3& p) const {
    const glm::vec3 line = insertion - origin;
    const float len2 = glm::dot(line, line);
    if (amount == 0.0f || len2 <= 0.0f) return p;
    const float t = std::clamp(glm::dot(p - origin, line) / len2, 0.0f, 1.0f);
    const glm::vec3 c = origin + t * line;
    return c + (p - c) * (1.0f + amount * std::sin(3.14159265f * t));
}

}  // namespace palpa::scene
