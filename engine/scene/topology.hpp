// Role: checks that a mesh is a closed, consistently wound, outward-facing surface.
// Vertices at the same position are welded first (flat caps and file formats split them) and
// triangles that collapse under welding are ignored.
#pragma once

#include <cstddef>
#include <vector>

#include "scene/scene.hpp"

namespace palpa::scene {

struct TopologyReport {
    std::size_t triangles = 0;         // non-degenerate triangles after welding
    std::size_t boundary_edges = 0;    // edges used by one triangle: holes
    std::size_t nonmanifold_edges = 0; // edges used by more than two triangles
    std::size_t misoriented_edges = 0; // edges both neighbours traverse the same way
    std::size_t components = 0;        // connected shells
    std::vector<double> volumes;       // signed volume per shell (m^3); > 0 means outward

    // Closed and consistently wound.
    bool closed() const { return boundary_edges == 0 && nonmanifold_edges == 0 && misoriented_edges == 0; }
    // Every shell encloses positive volume (normals point out).
    bool outward() const;
};

// Analyses one mesh; weld tolerance in metres.
TopologyReport analyseTopology(const Mesh& mesh, float weld = 1e-6f);

}  // namespace palpa::scene
