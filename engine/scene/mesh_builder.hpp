// Role: procedural construction of closed, outward-wound triangle meshes (tubes swept along a
// path, ellipsoids, thick shell patches) for generators. Pure geometry; results are plain
// MeshData owned by the caller and turned into scene::Mesh (with smooth normals) by finish().
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "scene/scene.hpp"

namespace palpa::scene::build {

// Positions and triangles under construction; every primitive below appends closed shells.
struct MeshData {
    std::vector<glm::vec3> positions;
    std::vector<std::uint32_t> indices;

    // Appends another shell, re-basing its indices.
    void append(const MeshData& other);
    std::size_t triangleCount() const { return indices.size() / 3; }
};

// One cross-section of a swept tube: centre and the two half-axes of its ellipse.
struct Section {
    glm::vec3 centre;
    float rx;  // half-axis along the section's "side" direction (up x tangent)
    float ry;  // half-axis along the section's "up" direction (up hint made normal to the path)
};

enum class Cap {
    Round,  // a dome of extra rings closing to a pole (smooth, rounded end)
    Flat,   // a flat disc with its own rim vertices (a sharp cut end)
};

struct TubeOptions {
    int segments = 24;                    // vertices around each ring
    glm::vec3 up{0.0f, 1.0f, 0.0f};       // orients the ellipses; must not follow the path
    Cap start = Cap::Round;
    Cap end = Cap::Round;
    int cap_rings = 4;                    // rings in a Round cap
    // Optional: scales the ring radius at (section index fraction 0..1, angle radians).
    std::function<float(float along, float angle)> radius_scale;
};

// A closed tube through the sections (at least two), capped at both ends.
MeshData tube(const std::vector<Section>& path, const TubeOptions& options);

// Catmull-Rom resampling of a few control sections into n sections (smooth paths).
std::vector<Section> smoothPath(const std::vector<Section>& controls, int n);

// A closed ellipsoid with the given half-axes (along X, Y, Z) around centre, optionally
// displaced radially by bump(unit direction) metres.
MeshData ellipsoid(const glm::vec3& centre, const glm::vec3& radii, int rings, int segments,
                   const std::function<float(const glm::vec3&)>& bump = {});

// A surface patch with its outward normal at (u, v) in [0,1]^2.
struct SurfacePoint {
    glm::vec3 position;
    glm::vec3 normal;
};
using Surface = std::function<SurfacePoint(float u, float v)>;

// A closed shell of thickness(u, v) grown inward (against the normal) from the surface.
// Winding is made outward whichever way the parameters run.
MeshData shell(const Surface& surface, const std::function<float(float, float)>& thickness,
               int nu, int nv);

// The mirror image across the plane where coordinate `axis` (0=x, 1=y, 2=z) is zero, with
// triangle winding reversed so that it still faces outward.
MeshData reflected(const MeshData& mesh, int axis);

// An axis-aligned box with its own vertices per face (flat shading once finished).
MeshData box(const glm::vec3& min, const glm::vec3& max);

// Applies f to every position (deformations such as a navel dimple).
void deform(MeshData& mesh, const std::function<glm::vec3(const glm::vec3&)>& f);

// Area-weighted smooth normals per vertex.
std::vector<glm::vec3> smoothNormals(const MeshData& mesh);

// A scene mesh from built data: smooth normals, bounds, the given material index.
Mesh finish(std::string name, const MeshData& data, std::uint32_t material);

}  // namespace palpa::scene::build
