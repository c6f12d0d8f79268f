// Landmark relations and depths of the bundled model against the published averages it cites
// (docs/anatomy.md). Distances in metres; tolerances say how far the model may drift.
#include <gtest/gtest.h>

#include <cmath>

#include "anatomy/generator.hpp"
#include "anatomy_fixture.hpp"

namespace palpa::anatomy {
namespace {

using test::bundled;
using test::down;
using test::firstHit;

TEST(Landmarks, AllNamedLandmarksArePresent) {
    for (const char* name : {"umbilicus", "xiphoid", "pubic_symphysis", "asis_left", "asis_right",
                             "psoas_belly_left", "psoas_belly_right", "lesser_trochanter_left",
                             "lesser_trochanter_right", "aortic_bifurcation", "L1", "L2", "L3", "L4", "L5"})
        EXPECT_NE(bundled().findLandmark(name), nullptr) << name;
}

TEST(Landmarks, UmbilicusIsTheOriginBetweenXiphoidAndSymphysis) {
    const scene::Scene& s = bundled();
    const glm::vec3 u = s.landmark("umbilicus"), x = s.landmark("xiphoid"), p = s.landmark("pubic_symphysis");
    EXPECT_NEAR(glm::length(u), 0.0f, 1e-6f);
    EXPECT_GT(x.z, u.z);
    EXPECT_LT(p.z, u.z);
    EXPECT_NEAR(x.z - u.z, 0.185f, 0.01f);
    EXPECT_NEAR(u.z - p.z, 0.160f, 0.01f);
    EXPECT_NEAR(x.x, 0.0f, 1e-4f);
    EXPECT_NEAR(p.x, 0.0f, 1e-4f);
}

TEST(Landmarks, UmbilicusLiesOverTheL4Body) {
    const scene::Scene& s = bundled();
    const scene::Mesh* l4 = s.findMesh("vertebra_L4");
    ASSERT_NE(l4, nullptr);
    EXPECT_LT(l4->bounds.min.z, 0.0f);
    EXPECT_GT(l4->bounds.max.z, 0.0f);
    // And the vertebral landmarks run L1 (superior) to L5 in steps of one body and one disc.
    for (int i = 1; i < 5; ++i) {
        const float step = s.landmark("L" + std::to_string(i)).z - s.landmark("L" + std::to_string(i + 1)).z;
        EXPECT_NEAR(step, 0.037f, 0.004f) << "L" << i;
    }
}

TEST(Landmarks, AsisAreSymmetricAndSitOnThePelvis) {
    const scene::Scene& s = bundled();
    const glm::vec3 l = s.landmark("asis_left"), r = s.landmark("asis_right"), p = s.landmark("pubic_symphysis");
    EXPECT_LT(l.x, 0.0f);  // patient's left is -X
    EXPECT_NEAR(l.x, -r.x, 0.001f);
    EXPECT_NEAR(l.y, r.y, 0.001f);
    EXPECT_NEAR(l.z, r.z, 0.001f);
    EXPECT_NEAR(r.x - l.x, 0.24f, 0.01f);
    EXPECT_LT(l.z, -0.02f);                   // a few cm inferior of the umbilicus
    EXPECT_GT(l.z, -0.09f);
    EXPECT_NEAR(l.z - p.z, 0.09f, 0.01f);     // ~9 cm superior of the symphysis
    // The ASIS is under the skin and on the hip bone.
    const auto skin = firstHit(s, "skin", down(l.x, l.z));
    ASSERT_TRUE(skin);
    EXPECT_GT(skin->point.y, l.y + 0.005f);
    const auto bone = firstHit(s, "hip_bone_left", down(l.x, l.z));
    ASSERT_TRUE(bone);
    EXPECT_NEAR(bone->point.y, l.y, 0.006f);
}

TEST(Landmarks, AortaDividesAtL4LeftOfTheMidlineInFrontOfTheSpine) {
    const scene::Scene& s = bundled();
    const glm::vec3 b = s.landmark("aortic_bifurcation"), l4 = s.landmark("L4");
    EXPECT_NEAR(b.z, l4.z, 0.0135f + 0.005f);
    EXPECT_LT(b.x, 0.0f);
    EXPECT_GT(b.x, -0.015f);
    // Straight down just above the bifurcation: aorta first, then the L4 body behind it.
    const auto aorta = firstHit(s, "aorta", down(b.x, b.z + 0.015f));
    const auto spine = firstHit(s, "vertebra_L4", down(b.x, b.z + 0.015f));
    ASSERT_TRUE(aorta && spine);
    EXPECT_LT(aorta->t, spine->t);
    EXPECT_GT(aorta->point.y, spine->point.y + 0.015f);  // the whole aortic diameter in front
}

TEST(Landmarks, AortaRunsOnThePatientsLeftOfTheVenaCava) {
    const scene::Scene& s = bundled();
    for (float z : {0.03f, 0.06f, 0.10f}) {
        const glm::vec3 a = test::sectionCentroid(*s.findMesh("aorta"), z);
        const glm::vec3 v = test::sectionCentroid(*s.findMesh("inferior_vena_cava"), z);
        EXPECT_LT(a.x, v.x) << "z " << z;
        EXPECT_LT(a.x, 0.0f);
        EXPECT_GT(v.x, 0.0f);
    }
}

TEST(Landmarks, SkinToAortaAtTheUmbilicus) {
    const scene::Scene& s = bundled();
    const float x = s.landmark("aortic_bifurcation").x;
    const auto aorta = firstHit(s, "aorta", down(x, 0.01f));
    ASSERT_TRUE(aorta);
    EXPECT_NEAR(-aorta->point.y, 0.045f, 0.003f);  // skin at the navel is the origin
}

TEST(Landmarks, PsoasCentreLateralOfTheMidlineAtL3L4L5) {
    const scene::Scene& s = bundled();
    const float expected[] = {0.040f, 0.047f, 0.055f};
    for (int i = 0; i < 3; ++i) {
        const float z = s.landmark("L" + std::to_string(i + 3)).z;
        const glm::vec3 left = test::sectionCentroid(*s.findMesh("psoas_major_left"), z);
        const glm::vec3 right = test::sectionCentroid(*s.findMesh("psoas_major_right"), z);
        EXPECT_NEAR(-left.x, expected[i], 0.004f) << "L" << i + 3;
        EXPECT_NEAR(right.x, expected[i], 0.004f) << "L" << i + 3;
    }
}

TEST(Landmarks, PsoasBellyIsEightToNineCentimetresUnderTheSkin) {
    const scene::Scene& s = bundled();
    for (const char* side : {"left", "right"}) {
        const glm::vec3 belly = s.landmark(std::string("psoas_belly_") + side);
        const auto skin = firstHit(s, "skin", down(belly.x, belly.z));
        const auto psoas = firstHit(s, std::string("psoas_major_") + side, down(belly.x, belly.z));
        ASSERT_TRUE(skin && psoas) << side;
        const float depth = skin->point.y - psoas->point.y;
        EXPECT_GE(depth, 0.080f) << side;
        EXPECT_LE(depth, 0.090f) << side;
        EXPECT_NEAR(psoas->point.y, belly.y, 0.003f) << "landmark on the psoas's front";
    }
}

TEST(Landmarks, PsoasEndsAtTheLesserTrochanter) {
    const scene::Scene& s = bundled();
    for (const char* side : {"left", "right"}) {
        const glm::vec3 lt = s.landmark(std::string("lesser_trochanter_") + side);
        float psoasGap = 1e9f, femurGap = 1e9f;
        for (const auto& v : s.findMesh(std::string("psoas_major_") + side)->vertices)
            psoasGap = std::min(psoasGap, glm::length(v.position - lt));
        for (const auto& v : s.findMesh(std::string("femur_") + side)->vertices)
            femurGap = std::min(femurGap, glm::length(v.position - lt));
        EXPECT_LT(psoasGap, 0.01f) << side;
        EXPECT_LT(femurGap, 0.01f) << side;
        EXPECT_LT(lt.z, s.landmark("pubic_symphysis").z) << "below the hip joint";
    }
}

}  // namespace
}  // namespace palpa::anatomy
