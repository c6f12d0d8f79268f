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
        {"viscera", {"colon", "small_bowel"}},
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
    EXPECT_LE(s.triangleCount(), 600000u);  // the whole patient's budget
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
        const auto bowel = firstHit(s, "small_bowel", down(belly.x, belly.z));
        const auto bowelBack = firstHit(s, "small_bowel", down(belly.x, belly.z), false);
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

TEST(Structure, EverythingLiesInsideTheSkin) {
    const scene::Scene& s = test::bundled();
    const scene::Mesh& skin = *s.findMesh("skin");
    const test::SkinCrossings crossings(skin);
    std::size_t checked = 0;
    for (const scene::Mesh& m : s.meshes) {
        if (&m == &skin) continue;
        for (std::size_t i = 0; i < m.vertices.size(); i += 3) {
            ASSERT_TRUE(test::insideSkin(crossings, m.vertices[i].position))
                << m.name << " vertex " << i << " at " << m.vertices[i].position.x << ", " << m.vertices[i].position.y
                << ", " << m.vertices[i].position.z << " lies outside the skin";
            ++checked;
        }
    }
    EXPECT_GT(checked, 15000u);
}

}  // namespace
}  // namespace palpa::anatomy

namespace palpa::anatomy {
namespace {

// The whole patient lies supine with everything where an atlas puts it, read off the model.
TEST(WholeBody, FromHeadToFeetInAtlasOrder) {
    const scene::Scene& s = test::bundled();
    const glm::vec3 xiphoid = s.landmark("xiphoid"), pubis = s.landmark("pubic_symphysis");
    const scene::Mesh& skin = *s.findMesh("skin");
    // About 1.75 m from the crown to the soles, lying along z.
    EXPECT_NEAR(skin.bounds.size().z, 1.78f, 0.08f);
    // The head lies beyond the xiphoid, the feet beyond the pubis.
    const scene::Mesh* skull = s.findMesh("skull");
    ASSERT_NE(skull, nullptr);
    EXPECT_GT(skull->bounds.min.z, xiphoid.z + 0.2f);
    for (const char* foot : {"foot_bones_left", "foot_bones_right"}) {
        const scene::Mesh* m = s.findMesh(foot);
        ASSERT_NE(m, nullptr) << foot;
        EXPECT_LT(m->bounds.max.z, pubis.z - 0.6f) << foot;
    }
    // The true ribs (1-7) lie above the xiphoid's tip; the floating twelfth reaches below it.
    for (int rib = 1; rib <= 7; ++rib)
        for (const char* side : {"_left", "_right"}) {
            const scene::Mesh* m = s.findMesh("rib_" + std::to_string(rib) + side);
            ASSERT_NE(m, nullptr) << rib << side;
            EXPECT_GT(m->bounds.centre().z, xiphoid.z) << "rib " << rib << side;
        }
    // The kidneys lie lateral of the psoas at their own height.
    for (const char* side : {"_left", "_right"}) {
        const scene::Mesh& kidney = *s.findMesh(std::string("kidney") + side);
        const scene::Mesh& psoas = *s.findMesh(std::string("psoas_major") + side);
        const float z = kidney.bounds.centre().z;
        const glm::vec3 k = test::sectionCentroid(kidney, z, 0.01f), p = test::sectionCentroid(psoas, z, 0.01f);
        ASSERT_LT(std::abs(p.x), 1.0f) << "the psoas reaches the kidney's height";
        EXPECT_GT(std::abs(k.x), std::abs(p.x) + 0.03f) << side;
    }
    // Arms at the sides: each hand lies beside its thigh, outside it.
    for (const float side : {-1.0f, 1.0f}) {
        const scene::Mesh& hand = *s.findMesh(side < 0.0f ? "hand_bones_left" : "hand_bones_right");
        const scene::Mesh& femur = *s.findMesh(side < 0.0f ? "femur_left" : "femur_right");
        EXPECT_GT(side * hand.bounds.centre().x, side * femur.bounds.centre().x + 0.08f);
        EXPECT_LT(hand.bounds.max.z, pubis.z + 0.1f);
    }
}

}  // namespace
}  // namespace palpa::anatomy
