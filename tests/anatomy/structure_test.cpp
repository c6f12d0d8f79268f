// Structure of the generated model: layers and meshes, closed outward surfaces, relative
// positions of the deep structures, the body-size parameter, and that the committed .glb is
// exactly what the generator writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "anatomy/generator.hpp"
#include "anatomy_fixture.hpp"
#include "scene/exporter.hpp"
#include "scene/topology.hpp"

namespace palpa::anatomy {
namespace {

namespace fs = std::filesystem;
using test::bundled;
using test::down;
using test::firstHit;

TEST(Structure, LayersHoldTheNamedStructures) {
    const scene::Scene& s = bundled();
    const std::vector<std::pair<const char*, std::vector<const char*>>> expected{
        {"skeleton", {"vertebra_T12", "vertebra_L1", "vertebra_L5", "disc_L4_L5", "sacrum",
                      "hip_bone_left", "hip_bone_right", "femur_left", "femur_right"}},
        {"vessels", {"aorta", "inferior_vena_cava"}},
        {"muscles_deep", {"psoas_major_left", "psoas_major_right", "iliacus_left", "iliacus_right",
                          "quadratus_lumborum_left", "quadratus_lumborum_right"}},
        {"viscera", {"bowel"}},
        {"abdominal_wall", {"rectus_abdominis_left", "rectus_abdominis_right", "external_oblique_left",
                            "internal_oblique_right", "linea_alba"}},
        {"skin", {"skin"}}};
    for (const auto& [layerName, meshes] : expected) {
        const scene::Layer* layer = s.findLayer(layerName);
        ASSERT_NE(layer, nullptr) << layerName;
        for (const char* name : meshes) {
            const scene::Mesh* m = s.findMesh(name);
            ASSERT_NE(m, nullptr) << name;
            EXPECT_EQ(s.layers[m->layer].name, layerName) << name;
        }
    }
}

TEST(Structure, EveryMeshIsClosedAndWoundOutward) {
    for (const scene::Mesh& m : bundled().meshes) {
        const scene::TopologyReport r = scene::analyseTopology(m);
        EXPECT_TRUE(r.closed()) << m.name << ": " << r.boundary_edges << " boundary, "
                                << r.nonmanifold_edges << " non-manifold, " << r.misoriented_edges
                                << " misoriented edges";
        EXPECT_TRUE(r.outward()) << m.name;
        EXPECT_EQ(r.triangles, m.triangleCount()) << m.name << " has degenerate triangles";
    }
}

TEST(Structure, TriangleBudgetColoursAndNormals) {
    const scene::Scene& s = bundled();
    EXPECT_GE(s.triangleCount(), 100000u);
    EXPECT_LE(s.triangleCount(), 400000u);
    std::set<std::tuple<float, float, float>> colours;
    for (const scene::Mesh& m : s.meshes) {
        const glm::vec4 c = s.materials.at(m.material).base_color;
        colours.insert({c.r, c.g, c.b});
        for (const scene::Vertex& v : m.vertices) ASSERT_NEAR(glm::length(v.normal), 1.0f, 1e-3f) << m.name;
    }
    EXPECT_EQ(colours.size(), s.meshes.size()) << "each structure has its own colour";
    // Smooth skin normals face anterior over the abdomen.
    const auto hit = firstHit(s, "skin", down(0.05f, 0.05f));
    ASSERT_TRUE(hit);
    const scene::Mesh& skin = *s.findMesh("skin");
    const glm::vec3 n = skin.vertices[skin.indices[hit->triangle * 3]].normal;
    EXPECT_GT(n.y, 0.95f);
}

TEST(Structure, NavelIsASmallDimpleInTheSkin) {
    const scene::Scene& s = bundled();
    const auto centre = firstHit(s, "skin", down(0.0f, 0.0f));
    const auto beside = firstHit(s, "skin", down(0.02f, 0.0f));
    ASSERT_TRUE(centre && beside);
    EXPECT_LT(centre->point.y, -0.004f);
    EXPECT_GT(beside->point.y, -0.0015f);
}

TEST(Structure, PsoasLiesLateralOfTheVertebralBodies) {
    const scene::Scene& s = bundled();
    for (int level = 3; level <= 5; ++level) {
        const std::string name = "L" + std::to_string(level);
        // Through the posterior half of the body, where the psoas lies beside it.
        const glm::vec3 c = s.landmark(name) - glm::vec3(0.0f, 0.008f, 0.0f);
        for (float dir : {-1.0f, 1.0f}) {
            const scene::Ray ray{c, {dir, 0.0f, 0.0f}};
            const auto bodyExit = firstHit(s, "vertebra_" + name, ray, false);
            const auto psoas = firstHit(s, dir < 0 ? "psoas_major_left" : "psoas_major_right", ray);
            ASSERT_TRUE(bodyExit && psoas) << name << " " << dir;
            EXPECT_GT(psoas->t, bodyExit->t) << name << ": psoas starts beyond the body's side";
        }
    }
}

TEST(Structure, PsoasLiesPosteriorOfTheViscera) {
    const scene::Scene& s = bundled();
    for (const char* side : {"left", "right"}) {
        const glm::vec3 belly = s.landmark(std::string("psoas_belly_") + side);
        const auto bowel = firstHit(s, "bowel", down(belly.x, belly.z));
        const auto bowelBack = firstHit(s, "bowel", down(belly.x, belly.z), false);
        const auto psoas = firstHit(s, std::string("psoas_major_") + side, down(belly.x, belly.z));
        ASSERT_TRUE(bowel && bowelBack && psoas) << side;
        EXPECT_LT(bowel->t, psoas->t);
        EXPECT_LE(bowelBack->t, psoas->t) << "the bowel ends before the psoas begins";
        // And the abdominal wall and skin come first.
        EXPECT_LT(firstHit(s, "skin", down(belly.x, belly.z))->t, bowel->t);
    }
}

float skinToAorta(const scene::Scene& s) {
    const auto hit = firstHit(s, "aorta", down(s.landmark("aortic_bifurcation").x, 0.01f));
    return hit ? -hit->point.y : -1.0f;
}

TEST(Structure, BodyMassSetsTheSoftTissueDepth) {
    EXPECT_NEAR(skinToAorta(generatePsoasRegion({27.5f})), 0.057f, 0.003f);
    const scene::Scene obese = generatePsoasRegion({32.5f});
    EXPECT_NEAR(skinToAorta(obese), 0.079f, 0.003f);
    // Deep landmarks move back with the skin fixed at the origin; heights do not change.
    EXPECT_LT(obese.landmark("psoas_belly_left").y, bundled().landmark("psoas_belly_left").y - 0.02f);
    EXPECT_NEAR(obese.landmark("L4").z, bundled().landmark("L4").z, 1e-6f);
    EXPECT_NEAR(glm::length(obese.landmark("umbilicus")), 0.0f, 1e-6f);
    EXPECT_GT(obese.findMesh("skin")->bounds.size().x, bundled().findMesh("skin")->bounds.size().x);
}

void expectSameScene(const scene::Scene& a, const scene::Scene& b, float tolerance) {
    ASSERT_EQ(a.meshes.size(), b.meshes.size());
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (std::size_t i = 0; i < a.layers.size(); ++i) EXPECT_EQ(a.layers[i].name, b.layers[i].name);
    for (std::size_t i = 0; i < a.meshes.size(); ++i) {
        const scene::Mesh& x = a.meshes[i];
        const scene::Mesh* y = b.findMesh(x.name);
        ASSERT_NE(y, nullptr) << x.name;
        ASSERT_EQ(x.vertices.size(), y->vertices.size()) << x.name;
        ASSERT_EQ(x.indices, y->indices) << x.name;
        float worst = 0.0f;
        for (std::size_t v = 0; v < x.vertices.size(); ++v)
            worst = std::max(worst, glm::length(x.vertices[v].position - y->vertices[v].position));
        EXPECT_LE(worst, tolerance) << x.name;
        EXPECT_EQ(a.materials[x.material].base_color, b.materials[y->material].base_color) << x.name;
    }
    ASSERT_EQ(a.landmarks.size(), b.landmarks.size());
    for (const scene::Landmark& l : a.landmarks)
        EXPECT_LE(glm::length(l.position - b.landmark(l.name)), tolerance) << l.name;
}

TEST(Structure, CommittedModelIsTheGeneratorsOutput) {
    // Regenerate into a temporary file and compare it with the committed asset.
    const fs::path out = fs::temp_directory_path() / "palpa_regenerated.glb";
    writePsoasRegion(out);
    const fs::path map = fs::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.layers.json";
    const scene::Scene regenerated = scene::loadScene(out, map);
    expectSameScene(regenerated, bundled(), 1e-6f);
    fs::remove(out);
}

TEST(Structure, GlbRoundTripKeepsEverything) {
    const scene::Scene generated = generatePsoasRegion();
    const fs::path out = fs::temp_directory_path() / "palpa_roundtrip.glb";
    scene::exportScene(generated, out);
    const scene::Scene back =
        scene::loadScene(out, fs::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.layers.json");
    expectSameScene(generated, back, 0.0f);  // float32 in, float32 out
    fs::remove(out);
}

}  // namespace
}  // namespace palpa::anatomy

namespace palpa::anatomy {
namespace {

// Crossings of an upward (+Y) ray from p with the skin, using z-buckets of skin triangles.
class SkinCrossings {
public:
    explicit SkinCrossings(const scene::Mesh& skin) : skin_(skin) {
        for (std::uint32_t t = 0; t < skin.triangleCount(); ++t) {
            float lo = 1e9f, hi = -1e9f;
            for (int k = 0; k < 3; ++k) {
                const float z = skin.vertices[skin.indices[t * 3 + k]].position.z;
                lo = std::min(lo, z);
                hi = std::max(hi, z);
            }
            for (int b = bucket(lo); b <= bucket(hi); ++b) buckets_[b].push_back(t);
        }
    }
    // Signed crossings above p: +1 entering the skin, -1 leaving it, nearest first.
    std::vector<int> above(const glm::vec3& p) const {
        std::vector<std::pair<float, int>> hits;
        const auto it = buckets_.find(bucket(p.z));
        if (it == buckets_.end()) return {};
        for (std::uint32_t t : it->second) {
            const glm::vec3& a = skin_.vertices[skin_.indices[t * 3]].position;
            const glm::vec3& b = skin_.vertices[skin_.indices[t * 3 + 1]].position;
            const glm::vec3& c = skin_.vertices[skin_.indices[t * 3 + 2]].position;
            // Project on the x-z plane: is (p.x, p.z) inside the triangle?
            const float d = (b.x - a.x) * (c.z - a.z) - (c.x - a.x) * (b.z - a.z);
            if (std::abs(d) < 1e-14f) continue;
            const float u = ((p.x - a.x) * (c.z - a.z) - (c.x - a.x) * (p.z - a.z)) / d;
            const float v = ((b.x - a.x) * (p.z - a.z) - (p.x - a.x) * (b.z - a.z)) / d;
            if (u < 0.0f || v < 0.0f || u + v > 1.0f) continue;
            const float y = a.y + u * (b.y - a.y) + v * (c.y - a.y);
            if (y < p.y) continue;
            const glm::vec3 n = glm::cross(b - a, c - a);
            hits.push_back({y, n.y < 0.0f ? +1 : -1});
        }
        std::sort(hits.begin(), hits.end());
        std::vector<int> out;
        for (const auto& h : hits) out.push_back(h.second);
        return out;
    }

private:
    static int bucket(float z) { return static_cast<int>(std::floor(z / 0.005f)); }
    const scene::Mesh& skin_;
    std::map<int, std::vector<std::uint32_t>> buckets_;
};

TEST(Structure, EverythingLiesInsideTheSkin) {
    const scene::Scene& s = test::bundled();
    const scene::Mesh& skin = *s.findMesh("skin");
    const SkinCrossings crossings(skin);
    std::size_t checked = 0;
    for (const scene::Mesh& m : s.meshes) {
        if (&m == &skin) continue;
        for (std::size_t i = 0; i < m.vertices.size(); i += 3) {
            // Inside a closed surface, the crossings above a point end with an exit and
            // exits outnumber entries by one.
            const std::vector<int> c = crossings.above(m.vertices[i].position);
            int balance = 0;
            for (int k : c) balance += k;
            ASSERT_TRUE(!c.empty() && c.back() == -1 && balance == -1)
                << m.name << " vertex " << i << " at y " << m.vertices[i].position.y << " lies outside the skin";
            ++checked;
        }
    }
    EXPECT_GT(checked, 15000u);
}

}  // namespace
}  // namespace palpa::anatomy
