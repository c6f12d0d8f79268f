// Role: a closed mesh from an implicit surface (a signed field, negative inside) by surface
// nets on a rectilinear grid: one vertex per cell the surface crosses, one quad per grid edge
// it crosses, then each vertex moved onto the field's zero set. The grid may be finer where
// detail matters (its axes are any increasing coordinates). Generic geometry for generators.
#pragma once

#include <functional>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/mesh_builder.hpp"

namespace palpa::scene::build {

using Field = std::function<float(const glm::vec3&)>;

struct IsoGrid {
    std::vector<float> xs, ys, zs;  // increasing sample coordinates along each axis
};

// Axis coordinates from lo to hi stepping `coarse`, refined to `fine` within `band` of each
// focus (and graded in between, so neighbouring cells differ by at most half).
std::vector<float> gradedAxis(float lo, float hi, float coarse, float fine, const std::vector<float>& foci,
                              float band);

// The zero set of `field` inside the grid, closed and wound outward (the field must be
// positive on the grid's boundary). `project` Newton steps move each vertex onto the surface.
MeshData surfaceNets(const Field& field, const IsoGrid& grid, int project = 3);

// Whether every edge is shared by exactly two triangles. Surface nets can pinch where the
// surface passes twice through one cell (a thin groove); meshing again on a grid shifted by a
// fraction of a cell resolves it.
bool everyEdgeShared(const MeshData& mesh);

}  // namespace palpa::scene::build
