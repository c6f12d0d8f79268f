// Role: the undeformed skin of the patient as a height field over the patient frame's
// transverse plane: y_skin(x, z) and the outward normal. Either a plane (tests, simple
// patients) or a regular grid of heights, bilinearly interpolated and clamped at its edges.
// The trainer builds the grid by ray casting the model; technique files carry a default.
#pragma once

#include <vector>

#include <glm/vec3.hpp>

namespace palpa::scoring {

class SkinSurface {
  public:
    // The plane y = y0 + slope_x * x + slope_z * z (default: the plane y = 0, normal +Y).
    static SkinSurface plane(float y0 = 0.0f, float slope_x = 0.0f, float slope_z = 0.0f);
    // A grid of nx * nz heights, row-major by z (heights[iz * nx + ix] is the height at
    // x = x_min + ix * step_x, z = z_min + iz * step_z). Throws std::invalid_argument when
    // nx or nz < 2, a step is not positive, the count is wrong or a height is not finite.
    static SkinSurface grid(float x_min, float z_min, float step_x, float step_z, int nx, int nz,
                            std::vector<float> heights);

    // Skin height (y) above the point (x, z).
    float height(float x, float z) const;
    // Unit outward normal of the skin above (x, z) (mostly +Y, i.e. anterior).
    glm::vec3 normal(float x, float z) const;
    // The skin point straight above or below p (same x and z).
    glm::vec3 onSkin(const glm::vec3& p) const { return {p.x, height(p.x, p.z), p.z}; }
    // How far p lies below the skin, measured along the normal (negative above the skin).
    float depthBelow(const glm::vec3& p) const;
    // Whether this is a plane (no grid).
    bool isPlane() const { return heights_.empty(); }

  private:
    // Height and gradient (dh/dx, dh/dz) at (x, z).
    void sample(float x, float z, float& h, float& gx, float& gz) const;

    float y0_ = 0.0f, slope_x_ = 0.0f, slope_z_ = 0.0f;                  // plane
    float x_min_ = 0.0f, z_min_ = 0.0f, step_x_ = 1.0f, step_z_ = 1.0f;  // grid
    int nx_ = 0, nz_ = 0;
    std::vector<float> heights_;
};

}  // namespace palpa::scoring
