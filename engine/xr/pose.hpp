// Role: poses and fields of view as palpa's own plain types at the OpenXR seam, and the
// maths the renderer needs from them (view and Vulkan projection matrices, rigid transforms).
#pragma once

#include <glm/gtc/quaternion.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

namespace palpa::xr {

// A rigid pose: rotate, then translate (OpenXR's XrPosef).
struct Pose {
    glm::vec3 position{0.0f};
    glm::quat orientation = glm::identity<glm::quat>();
};

// Half-angles of an eye's frustum in radians (left and down negative), as XrFovf.
struct Fov {
    float left = -0.785f, right = 0.785f, up = 0.785f, down = -0.785f;
};

// The matrix taking points from the pose's frame into its parent's frame.
glm::mat4 toMatrix(const Pose& pose);
// A pose from a rigid matrix (rotation and translation only).
Pose fromMatrix(const glm::mat4& m);
// A Vulkan clip-space projection (depth 0..1, +Y down) for an asymmetric frustum.
glm::mat4 projection(const Fov& fov, float near_m, float far_m);

}  // namespace palpa::xr
