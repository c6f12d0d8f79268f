// The patient built from the model: its answers with probes (the per-frame path) agree with
// exact searches, the body size is measured, and a model it cannot use is refused by name.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/geometric.hpp>

#include "core/error.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using testing::bundledPatient;

// A joint's path: down from 10 cm above the skin to 5 cm deep while sliding across the left
// abdomen, in steps of up to a few millimetres, with a jitter-like wobble.
std::vector<glm::vec3> path() {
    std::vector<glm::vec3> out;
    for (int i = 0; i <= 600; ++i) {
        const float u = static_cast<float>(i) / 600.0f;
        out.push_back({-0.02f - 0.06f * u + 0.002f * std::sin(37.0f * u), 0.10f - 0.15f * u,
                       0.03f - 0.04f * u + 0.002f * std::cos(53.0f * u)});
    }
    return out;
}

TEST(Patient, ProbedDepthsAgreeWithExactSearches) {
    const Patient& p = bundledPatient();
    SkinProbe probe;
    double worst = 0.0;
    for (const glm::vec3& q : path()) {
        const SkinSample fast = p.skin(q, probe), exact = p.skin(q);
        // Pressing matters within a few centimetres of the skin: there a third of a millimetre.
        if (std::abs(exact.depth) < 0.05f) worst = std::max(worst, static_cast<double>(std::abs(fast.depth - exact.depth)));
        EXPECT_NEAR(fast.depth, exact.depth, 0.002f) << q.x << "," << q.y << "," << q.z;
    }
    EXPECT_LT(worst, 0.0004);
}

TEST(Patient, ProbedVesselDistancesAgreeWithExactSearches) {
    const Patient& p = bundledPatient();
    VesselProbe probe;
    int near = 0;
    // In toward the aorta from the left, wobbling.
    std::vector<glm::vec3> toward;
    for (int i = 0; i <= 600; ++i) {
        const float u = static_cast<float>(i) / 600.0f;
        toward.push_back({-0.06f + 0.04f * u + 0.002f * std::sin(41.0f * u), -0.01f - 0.03f * u, 0.03f - 0.03f * u});
    }
    for (const glm::vec3& q : toward) {
        const auto fast = p.nearestVessel(q, 0.04f, probe), exact = p.nearestVessel(q, 0.04f);
        ASSERT_EQ(fast.has_value(), exact.has_value()) << q.y;
        if (!exact) continue;
        ++near;
        EXPECT_NEAR(fast->distance, exact->distance, 0.0002f);
        EXPECT_EQ(fast->name, exact->name);
    }
    EXPECT_GT(near, 50);
}

TEST(Patient, BodySizeIsMeasuredOnTheModel) {
    const BodySize& b = bundledPatient().body();
    EXPECT_GT(b.waist_cm, 70.0);  // a normal-weight adult's waist: 70-95 cm
    EXPECT_LT(b.waist_cm, 95.0);
    EXPECT_NEAR(b.vessel_depth_cm, 4.0, 0.5);  // the aorta's front 4.5 cm under the navel, a little aside
    EXPECT_EQ(bundledPatient().identity().file, "psoas-region.glb");
    EXPECT_EQ(bundledPatient().identity().sha256.size(), 64u);
}

TEST(Patient, AModelItCannotUseIsRefusedByName) {
    scene::Scene model = testing::bundledScene();
    std::erase_if(model.landmarks, [](const scene::Landmark& l) { return l.name == "umbilicus"; });
    try {
        Patient::fromScene(model, {"atlas.glb", ""});
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("atlas.glb"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("umbilicus"), std::string::npos) << e.what();
    }
    model = testing::bundledScene();
    for (scene::Layer& l : model.layers)
        if (l.name == "skin") l.meshes.clear();
    EXPECT_THROW(Patient::fromScene(model, {"atlas.glb", ""}), InputError);
}

}  // namespace
}  // namespace palpa::scoring
