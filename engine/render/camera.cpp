#include "render/camera.hpp"

#include <cstdlib>

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/matrix.hpp>

namespace palpa::render {

bool parseViewpoint(std::string_view n, Viewpoint& out) {
    if (n == "front") out = Viewpoint::Front;
    else if (n == "left") out = Viewpoint::Left;
    else if (n == "right") out = Viewpoint::Right;
    else if (n == "top") out = Viewpoint::Top;
    else if (n == "oblique") out = Viewpoint::Oblique;
    else return false;
    return true;
}

std::optional<glm::vec4> parseClipPlane(std::string_view spec) {
    if (spec.size() < 3 || spec.size() > 64) return std::nullopt;
    const int index = spec[0] == 'x' ? 0 : spec[0] == 'y' ? 1 : spec[0] == 'z' ? 2 : -1;
    const char op = spec[1];
    if (index < 0 || (op != '<' && op != '>')) return std::nullopt;
    const std::string number(spec.substr(2));
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || !std::isfinite(value) || std::abs(value) > 100.0) return std::nullopt;
    glm::vec4 plane(0.0f);
    plane[index] = op == '>' ? 1.0f : -1.0f;
    plane.w = static_cast<float>(op == '>' ? -value : value);
    return plane;
}

Orbit frame(const scene::Bounds& b, Viewpoint vp, float aspect) {
    Orbit o;
    o.target = b.centre();
    const float pi = 3.14159265f;
    switch (vp) {
        case Viewpoint::Front: o.yaw = 0.0f; o.pitch = 0.0f; break;          // from anterior
        case Viewpoint::Left: o.yaw = -0.5f * pi; o.pitch = 0.0f; break;     // from the patient's left
        case Viewpoint::Right: o.yaw = 0.5f * pi; o.pitch = 0.0f; break;
        case Viewpoint::Top: o.yaw = 0.0f; o.pitch = 0.5f * pi - 0.001f; break;  // from the head
        case Viewpoint::Oblique: o.yaw = -0.6f; o.pitch = 0.45f; break;
    }
    const float radius = 0.5f * glm::length(b.size());
    const float fov = std::min(o.fov_y, 2.0f * std::atan(std::tan(0.5f * o.fov_y) * aspect));
    o.distance = radius / std::sin(0.5f * fov) * 0.92f;
    return o;
}

Orbit bedside(const scene::Bounds& b, const glm::vec3& target, float aspect) {
    Orbit o = frame(b, Viewpoint::Front, aspect);
    o.lying = true;
    o.target = target;
    o.yaw = -1.83f;   // from the patient's left, a little toward the feet
    o.pitch = 0.85f;  // about 50 degrees above the horizontal: a standing therapist's eyes
    o.distance *= 0.95f;
    return o;
}

scene::Ray pixelRay(const View& v, float x, float y, float width, float height) {
    const glm::mat4 inv = glm::inverse(v.projection * v.view);
    const glm::vec2 ndc(2.0f * x / width - 1.0f, 2.0f * y / height - 1.0f);
    glm::vec4 far = inv * glm::vec4(ndc, 1.0f, 1.0f);
    far /= far.w;
    return {v.eye, glm::vec3(far) - v.eye};
}

std::vector<View> views(const Orbit& o, float aspect, int count, float ipd) {
    // Camera offset from the target: yaw turns around +Z from +Y (anterior), pitch toward +Z;
    // for a lying body, yaw turns around +Y and pitch rises toward +Y.
    const glm::vec3 dir = o.lying ? glm::vec3{std::sin(o.yaw) * std::cos(o.pitch), std::sin(o.pitch),
                                              std::cos(o.yaw) * std::cos(o.pitch)}
                                  : glm::vec3{std::sin(o.yaw) * std::cos(o.pitch), std::cos(o.yaw) * std::cos(o.pitch),
                                              std::sin(o.pitch)};
    const glm::vec3 centre = o.target + dir * o.distance;
    // Screen up: toward the head (+Z) unless looking along it, then toward anterior; for a
    // lying body toward the ceiling (+Y) unless looking straight down, then toward the head.
    glm::vec3 up = o.lying ? (std::abs(dir.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0))
                           : (std::abs(dir.z) > 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(0, 0, 1));
    const glm::vec3 forward = glm::normalize(o.target - centre);
    const glm::vec3 right = glm::normalize(glm::cross(forward, up));
    up = glm::cross(right, forward);
    glm::mat4 proj = glm::perspective(o.fov_y, aspect, 0.02f, 10.0f);
    proj[1][1] *= -1.0f;  // Vulkan clip space: +Y down
    std::vector<View> out;
    for (int i = 0; i < count; ++i) {
        const float offset = count == 1 ? 0.0f : (i == 0 ? -0.5f : 0.5f) * ipd;
        const glm::vec3 eye = centre + right * offset;
        out.push_back({glm::lookAt(eye, eye + forward * o.distance, up), proj, eye});
    }
    return out;
}

std::vector<View> viewsInRegion(const Orbit& orbit, const PixelRect& region, float width, float height, int count) {
    if (!(width > 0.0f && height > 0.0f && region.width() > 1.0f && region.height() > 1.0f))
        return views(orbit, width > 0.0f && height > 0.0f ? width / height : 1.0f, count);
    std::vector<View> out = views(orbit, region.width() / region.height(), count);
    // Clip space is scaled to the region's share of the image and moved to its centre (NDC y
    // grows downward, as pixel rows do).
    const float sx = region.width() / width, sy = region.height() / height;
    const float cx = (region.x0 + region.x1) / width - 1.0f, cy = (region.y0 + region.y1) / height - 1.0f;
    glm::mat4 lens(1.0f);
    lens[0][0] = sx;
    lens[1][1] = sy;
    lens[3][0] = cx;
    lens[3][1] = cy;
    for (View& v : out) v.projection = lens * v.projection;
    return out;
}

}  // namespace palpa::render
