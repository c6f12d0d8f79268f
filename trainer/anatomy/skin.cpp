// The skin: one closed surface from head to feet, meshed from the figure's implicit skin by
// surface nets. The grid is finer around the navel so that its dimple is smooth and the
// abdomen keeps the lower-torso plan's exact shape (vertices lie on the field's zero set).
#include <algorithm>
#include <cmath>

#include "anatomy/parts.hpp"
#include "core/error.hpp"
#include "scene/isosurface.hpp"

namespace palpa::anatomy {

Part buildSkin(const BodyPlan& plan, const Figure& figure) {
    namespace b = scene::build;
    const float coarse = 0.006f, fine = 0.0015f, band = 0.025f;
    b::IsoGrid grid;
    grid.xs = b::gradedAxis(-0.46f, 0.46f, coarse, fine, {0.0f}, band);
    grid.ys = b::gradedAxis(figure.table_y - 0.03f, figure.table_y + 0.36f, coarse, coarse, {}, 0.0f);
    grid.zs = b::gradedAxis(std::min(figure.leg.heel.z, figure.leg.toe.z) - 0.05f, figure.head_centre.z + figure.head_radii.z + 0.03f, coarse,
                            fine, {0.0f}, band);
    const auto field = [&](const glm::vec3& p) { return skinField(plan, figure, p); };
    b::MeshData m = b::surfaceNets(field, grid);
    // A pinched edge (the surface through one cell twice): mesh again, the grid shifted
    // up by a fraction of a cell (deterministic: the same body takes the same tries).
    for (const float shift : {0.31f, 0.57f, 0.83f}) {
        if (b::everyEdgeShared(m)) break;
        b::IsoGrid shifted = grid;
        for (float& y : shifted.ys) y += shift * coarse;
        m = b::surfaceNets(field, shifted);
    }
    if (!b::everyEdgeShared(m)) throw Error("generator: the skin surface pinches at every grid tried");
    // The umbilicus: a small dimple (about 1.5 cm across, 6 mm deep) at the origin.
    b::deform(m, [](const glm::vec3& q) {
        if (q.y < -0.05f) return q;
        const float r2 = q.x * q.x + q.z * q.z;
        return q - glm::vec3(0.0f, 0.006f * std::exp(-r2 / (2.0f * 0.0038f * 0.0038f)), 0.0f);
    });
    return {"skin", "skin", std::move(m), glm::vec3(0.87f, 0.68f, 0.56f), false};
}

}  // namespace palpa::anatomy
