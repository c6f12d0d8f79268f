#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "core/error.hpp"
#include "headset/table.hpp"
#include "scene/loader.hpp"
#include "xr/pose.hpp"

namespace palpa::headset {
namespace {

glm::vec3 apply(const glm::mat4& m, const glm::vec3& p) {
    return glm::vec3(m * glm::vec4(p, 1.0f));
}

TEST(TablePose, ParsesFourNumbersAndRejectsTheRest) {
    const TablePose p = parseTablePose("0.1,0.9,-0.5,45");
    EXPECT_FLOAT_EQ(p.position.x, 0.1f);
    EXPECT_FLOAT_EQ(p.position.z, -0.5f);
    EXPECT_FLOAT_EQ(p.yaw_deg, 45.0f);
    EXPECT_EQ(formatTablePose(p), "0.100,0.900,-0.500,45.0");
    EXPECT_THROW(parseTablePose("1,2,3"), InputError);
    EXPECT_THROW(parseTablePose("1,2,x,4"), InputError);
    EXPECT_THROW(parseTablePose("1,2,3,4,5"), InputError);
    try {
        parseTablePose("1,2,nan,4");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), "--table");
    }
}

TEST(TablePose, DefaultPutsTheHeadToTheStudentsRight) {
    const glm::mat4 m = spaceFromPatient(TablePose{});
    const glm::vec3 navel = apply(m, glm::vec3(0.0f));
    EXPECT_NEAR(navel.y, 0.92f, 1e-6f);
    EXPECT_NEAR(navel.z, -0.45f, 1e-6f);
    // Superior (+Z patient) runs toward +X of the play space, anterior (+Y) stays up.
    const glm::vec3 head = apply(m, glm::vec3(0.0f, 0.0f, 0.3f)) - navel;
    EXPECT_NEAR(head.x, 0.3f, 1e-5f);
    EXPECT_NEAR(head.z, 0.0f, 1e-5f);
    const glm::vec3 up = apply(m, glm::vec3(0.0f, 0.1f, 0.0f)) - navel;
    EXPECT_NEAR(up.y, 0.1f, 1e-6f);
}

TEST(TablePose, RecentringPlacesThePatientInFrontOfTheStudent) {
    // Looking along -Z and down: the default pose comes back.
    TablePose p = recentred({0.0f, 1.5f, 0.05f}, glm::normalize(glm::vec3(0.0f, -1.0f, -1.0f)));
    EXPECT_NEAR(p.position.x, 0.0f, 1e-5f);
    EXPECT_NEAR(p.position.y, 0.92f, 1e-5f);
    EXPECT_NEAR(p.position.z, -0.40f, 1e-5f);
    EXPECT_NEAR(p.yaw_deg, 90.0f, 1e-4f);
    // Turned to face +X: the navel 45 cm ahead along +X, the head to the right (+Z).
    p = recentred({1.0f, 1.7f, 0.0f}, {1.0f, -0.2f, 0.0f});
    EXPECT_NEAR(p.position.x, 1.45f, 1e-5f);
    EXPECT_NEAR(p.position.y, 1.12f, 1e-5f);
    const glm::vec3 head = apply(spaceFromPatient(p), {0.0f, 0.0f, 1.0f}) - p.position;
    EXPECT_NEAR(head.z, 1.0f, 1e-5f);
    // Looking straight down still gives a sensible pose (no NaN).
    p = recentred({0.0f, 1.5f, 0.0f}, {0.0f, -1.0f, 0.0f});
    EXPECT_TRUE(std::isfinite(p.yaw_deg));
}

TEST(XrPose, MatricesRoundTripAndProjectionMatchesTheFrustum) {
    xr::Pose pose;
    pose.position = {0.1f, 1.6f, -0.2f};
    pose.orientation = glm::angleAxis(0.7f, glm::normalize(glm::vec3(0.3f, 1.0f, 0.2f)));
    const xr::Pose back = xr::fromMatrix(xr::toMatrix(pose));
    EXPECT_NEAR(glm::length(back.position - pose.position), 0.0f, 1e-6f);
    EXPECT_NEAR(std::abs(glm::dot(back.orientation, pose.orientation)), 1.0f, 1e-6f);

    const xr::Fov fov{-0.8f, 0.6f, 0.7f, -0.9f};
    const glm::mat4 p = xr::projection(fov, 0.05f, 10.0f);
    auto ndc = [&](const glm::vec3& v) {
        const glm::vec4 c = p * glm::vec4(v, 1.0f);
        return glm::vec3(c) / c.w;
    };
    // A point on the left edge of the frustum maps to x = -1; the top edge to y = -1 (Vulkan).
    EXPECT_NEAR(ndc({std::tan(fov.left), 0.0f, -1.0f}).x, -1.0f, 1e-5f);
    EXPECT_NEAR(ndc({std::tan(fov.right), 0.0f, -1.0f}).x, 1.0f, 1e-5f);
    EXPECT_NEAR(ndc({0.0f, std::tan(fov.up), -1.0f}).y, -1.0f, 1e-5f);
    EXPECT_NEAR(ndc({0.0f, std::tan(fov.down), -1.0f}).y, 1.0f, 1e-5f);
    EXPECT_NEAR(ndc({0.0f, 0.0f, -0.05f}).z, 0.0f, 1e-5f);
    EXPECT_NEAR(ndc({0.0f, 0.0f, -10.0f}).z, 1.0f, 1e-5f);
}

}  // namespace
}  // namespace palpa::headset

namespace palpa::headset {
namespace {

// The room around the bundled patient on its table: it encloses both with space to stand,
// and it is darker than the skin and the table, which stay the brightest things in view.
TEST(Room, EnclosesThePatientAndTableAndStaysDarker) {
    scene::Scene s = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    addTable(s, 0.92f);
    addRoom(s, 0.92f);
    const scene::Layer* room = s.findLayer("room");
    const scene::Layer* table = s.findLayer("table");
    ASSERT_NE(room, nullptr);
    ASSERT_NE(table, nullptr);
    scene::Bounds inside;
    inside.min = glm::vec3(1e9f);
    inside.max = glm::vec3(-1e9f);
    for (const scene::Mesh& m : s.meshes)
        if (s.layers[m.layer].name != "room") {
            inside.min = glm::min(inside.min, m.bounds.min);
            inside.max = glm::max(inside.max, m.bounds.max);
        }
    scene::Bounds walls;
    walls.min = glm::vec3(1e9f);
    walls.max = glm::vec3(-1e9f);
    auto brightness = [&](const scene::Mesh& m) {
        const glm::vec4 c = s.materials.at(m.material).base_color;
        return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
    };
    const float skin = brightness(*s.findMesh("skin")), top = brightness(s.meshes[table->meshes.at(0)]);
    ASSERT_GE(room->meshes.size(), 5u);
    for (std::uint32_t i : room->meshes) {
        const scene::Mesh& m = s.meshes[i];
        walls.min = glm::min(walls.min, m.bounds.min);
        walls.max = glm::max(walls.max, m.bounds.max);
        EXPECT_LT(brightness(m), skin) << m.name;
        EXPECT_LE(brightness(m), top + 0.02f) << m.name;
    }
    // A metre to stand beside the table, the floor where the table's legs end.
    EXPECT_LT(walls.min.x, inside.min.x - 1.0f);
    EXPECT_GT(walls.max.x, inside.max.x + 1.0f);
    EXPECT_LT(walls.min.z, inside.min.z - 0.5f);
    EXPECT_GT(walls.max.z, inside.max.z + 0.5f);
    EXPECT_NEAR(walls.min.y + 0.08f, inside.min.y, 0.01f) << "the floor under the table's feet";
    EXPECT_GT(walls.max.y, 1.6f) << "a ceiling above a standing student";
}

// A recentre by the runtime re-expresses the table in the new play space: the pose read back
// from its transform is the pose it was made from (any yaw, any position).
TEST(TablePose, ReadsBackFromItsTransform) {
    for (float yaw : {-170.0f, -45.0f, 0.0f, 80.0f, 90.0f, 179.0f}) {
        TablePose p;
        p.position = {0.3f, 0.9f, -0.6f};
        p.yaw_deg = yaw;
        const TablePose back = tablePoseOf(spaceFromPatient(p));
        EXPECT_NEAR(glm::length(back.position - p.position), 0.0f, 1e-5f);
        EXPECT_NEAR(back.yaw_deg, yaw, 1e-3f);
    }
}

}  // namespace
}  // namespace palpa::headset
