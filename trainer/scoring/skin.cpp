#include "scoring/skin.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <glm/geometric.hpp>

namespace palpa::scoring {

SkinSurface SkinSurface::plane(float y0, float slope_x, float slope_z) {
    SkinSurface s;
    s.y0_ = y0;
    s.slope_x_ = slope_x;
    s.slope_z_ = slope_z;
    return s;
}

SkinSurface SkinSurface::grid(float x_min, float z_min, float step_x, float step_z, int nx, int nz,
                              std::vector<float> heights) {
    if (nx < 2 || nz < 2) throw std::invalid_argument("a skin grid needs at least 2 x 2 heights");
    if (!(step_x > 0.0f) || !(step_z > 0.0f))
        throw std::invalid_argument("skin grid steps must be positive");
    if (heights.size() != static_cast<size_t>(nx) * static_cast<size_t>(nz))
        throw std::invalid_argument("skin grid has " + std::to_string(heights.size()) +
                                    " heights, expected nx * nz = " + std::to_string(nx * nz));
    for (float h : heights)
        if (!std::isfinite(h)) throw std::invalid_argument("skin grid height is not finite");
    SkinSurface s;
    s.x_min_ = x_min;
    s.z_min_ = z_min;
    s.step_x_ = step_x;
    s.step_z_ = step_z;
    s.nx_ = nx;
    s.nz_ = nz;
    s.heights_ = std::move(heights);
    return s;
}

void SkinSurface::sample(float x, float z, float& h, float& gx, float& gz) const {
    if (heights_.empty()) {
        h = y0_ + slope_x_ * x + slope_z_ * z;
        gx = slope_x_;
        gz = slope_z_;
        return;
    }
    // Cell coordinates, clamped to the grid: outside it the edge heights continue flat.
    const float u = (x - x_min_) / step_x_;
    const float v = (z - z_min_) / step_z_;
    const float umax = static_cast<float>(nx_ - 1), vmax = static_cast<float>(nz_ - 1);
    const bool outside_x = !(u >= 0.0f && u <= umax);
    const bool outside_z = !(v >= 0.0f && v <= vmax);
    const float uc = std::clamp(u, 0.0f, umax), vc = std::clamp(v, 0.0f, vmax);
    const int ix = std::min(static_cast<int>(uc), nx_ - 2);
    const int iz = std::min(static_cast<int>(vc), nz_ - 2);
    const float fx = uc - static_cast<float>(ix), fz = vc - static_cast<float>(iz);
    const size_t row0 = static_cast<size_t>(iz) * static_cast<size_t>(nx_);
    const size_t row1 = row0 + static_cast<size_t>(nx_);
    const float h00 = heights_[row0 + static_cast<size_t>(ix)];
    const float h10 = heights_[row0 + static_cast<size_t>(ix) + 1];
    const float h01 = heights_[row1 + static_cast<size_t>(ix)];
    const float h11 = heights_[row1 + static_cast<size_t>(ix) + 1];
    const float a = h00 + (h10 - h00) * fx;
    const float b = h01 + (h11 - h01) * fx;
    h = a + (b - a) * fz;
    gx = outside_x ? 0.0f : ((h10 - h00) * (1.0f - fz) + (h11 - h01) * fz) / step_x_;
    gz = outside_z ? 0.0f : (b - a) / step_z_;
}

float SkinSurface::height(float x, float z) const {
    float h, gx, gz;
    sample(x, z, h, gx, gz);
    return h;
}

glm::vec3 SkinSurface::normal(float x, float z) const {
    float h, gx, gz;
    sample(x, z, h, gx, gz);
    return glm::normalize(glm::vec3(-gx, 1.0f, -gz));
}

float SkinSurface::depthBelow(const glm::vec3& p) const {
    float h, gx, gz;
    sample(p.x, p.z, h, gx, gz);
    // Distance to the tangent plane at the skin point above p: (h - y) * n.y.
    return (h - p.y) / std::sqrt(1.0f + gx * gx + gz * gz);
}

}  // namespace palpa::scoring
