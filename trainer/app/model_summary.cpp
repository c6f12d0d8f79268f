#include "app/model_summary.hpp"

#include <cstdio>
#include <string>

namespace palpa::app {
namespace {

std::string format(const char* fmt, double a, double b, double c) {
    char buf[96];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

std::string cm(const glm::vec3& v) { return format("(%7.2f, %7.2f, %7.2f) cm", v.x * 100, v.y * 100, v.z * 100); }

}  // namespace

void printModelSummary(std::ostream& out, const std::string& source, const scene::Scene& s) {
    out << "model: " << source << '\n';
    out << "frame: patient RAS, metres (+X right, +Y anterior, +Z superior; origin at the umbilicus)\n";
    out << s.layers.size() << " layers, " << s.meshes.size() << " meshes, " << s.triangleCount()
        << " triangles, " << s.landmarks.size() << " landmarks\n";
    const scene::Bounds b = s.bounds();
    out << "bounds: min " << cm(b.min) << "  max " << cm(b.max) << "  size " << cm(b.size()) << "\n\n";
    out << "layers (deepest first):\n";
    for (const scene::Layer& layer : s.layers) {
        std::size_t tris = 0;
        for (std::uint32_t m : layer.meshes) tris += s.meshes[m].triangleCount();
        out << "  " << layer.name << ": " << layer.meshes.size() << " meshes, " << tris << " triangles\n";
        for (std::uint32_t m : layer.meshes) {
            const scene::Mesh& mesh = s.meshes[m];
            char line[160];
            std::snprintf(line, sizeof line, "    %-26s %8zu tris  size %5.1f x %5.1f x %5.1f cm\n",
                          mesh.name.c_str(), mesh.triangleCount(), mesh.bounds.size().x * 100,
                          mesh.bounds.size().y * 100, mesh.bounds.size().z * 100);
            out << line;
        }
    }
    out << "\nlandmarks:\n";
    for (const scene::Landmark& l : s.landmarks) {
        char line[128];
        std::snprintf(line, sizeof line, "  %-24s ", l.name.c_str());
        out << line << cm(l.position) << '\n';
    }
}

}  // namespace palpa::app
