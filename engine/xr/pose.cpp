#include "xr/pose.hpp"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace palpa::xr {

glm::mat4 toMatrix(const Pose& p) {
    glm::mat4 m = glm::mat4_cast(p.orientation);
    m[3] = glm::vec4(p.position, 1.0f);
    return m;
}

Pose fromMatrix(const glm::mat4& m) {
    Pose p;
    p.position = glm::vec3(m[3]);
    p.orientation = glm::normalize(glm::quat_cast(glm::mat3(m)));
    return p;
}

glm::mat4 projection(const Fov& f, float n, float far_m) {
    glm::mat4 m = glm::frustum(std::tan(f.left) * n, std::tan(f.right) * n, std::tan(f.down) * n,
                               std::tan(f.up) * n, n, far_m);
    for (int c = 0; c < 4; ++c) m[c][1] = -m[c][1];  // Vulkan: +Y down in clip space
    return m;
}

}  // namespace palpa::xr
