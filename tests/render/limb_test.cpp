// The renderer's limb warp (a leg lift) against the same warp computed on the CPU: seen from
// the patient's left, the lifted foot and thigh show where scene::LimbWarp puts them, while
// the torso over the lumbar spine is drawn pixel for pixel as at rest.
#include <glm/trigonometric.hpp>

#include "render_fixture.hpp"

namespace palpa::render::test {
namespace {

constexpr std::uint32_t kW = 400, kH = 240;

FrameDesc sideView() {
    FrameDesc f;
    const float aspect = static_cast<float>(kW) / static_cast<float>(kH);
    f.views = render::views(render::frame(model().bounds(), Viewpoint::Left, aspect), aspect, 1);
    f.layers.resize(model().layers.size());
    return f;
}


TEST_F(RenderTest, LegLiftRaisesTheFootAndThighWhileTheSpineStays) {
    FrameDesc rest = sideView();
    const Rgba8Image flat = draw(rest, kW, kH)[0];
    FrameDesc lifted = rest;
    lifted.limb = leftLegLift();
    for (const char* fixed : {"vertebra_L1", "vertebra_L3", "vertebra_L5", "sacrum", "hip_bone_left"})
        lifted.limb_fixed.push_back(static_cast<std::uint32_t>(model().findMesh(fixed) - model().meshes.data()));
    const Rgba8Image up = draw(lifted, kW, kH)[0];

    const View& v = rest.views[0];
    const glm::vec3 navel = model().landmark("umbilicus");
    const int anterior = project(v, navel + glm::vec3(0.0f, 0.1f, 0.0f), kW, kH).x > project(v, navel, kW, kH).x ? 1 : -1;
    // Where the CPU warp puts the ankle and the middle of the thigh.
    const glm::vec3 ankle = model().landmark("ankle_left");
    const glm::vec3 midThigh = 0.5f * (model().landmark("hip_left") + model().landmark("knee_left"));
    for (const glm::vec3& restPoint : {ankle, midThigh}) {
        const glm::vec2 at = project(v, lifted.limb->apply(restPoint), kW, kH);
        ASSERT_GE(at.y, 0.0f);
        ASSERT_LT(at.y, static_cast<float>(kH));
        const auto row = static_cast<std::uint32_t>(at.y);
        // In that row the body now reaches at least as far forward as the warped point, and
        // much further than at rest.
        const int nowFront = frontMost(up, lifted, row, anterior), restFront = frontMost(flat, rest, row, anterior);
        EXPECT_GE(anterior * nowFront, anterior * static_cast<int>(at.x) - 2) << "row " << row;
        EXPECT_GT(anterior * nowFront, anterior * restFront + 8) << "row " << row << ": the leg rises";
    }
    // From L4 (the navel) to the head, the picture is unchanged.
    const glm::vec2 l1 = project(v, model().landmark("L1"), kW, kH);
    const glm::vec2 l4 = project(v, model().landmark("L4"), kW, kH);
    const bool headDown = l1.y > l4.y;
    const auto edge = static_cast<std::uint32_t>(l4.y);
    std::size_t differing = 0, compared = 0;
    glm::uvec2 first(0);
    for (std::uint32_t y = headDown ? edge + 1 : 0; y < (headDown ? kH : edge); ++y)
        for (std::uint32_t x = 0; x < kW; ++x) {
            ++compared;
            if (up.at(x, y) != flat.at(x, y) && differing++ == 0) first = {x, y};
        }
    EXPECT_GT(compared, 1000u);
    EXPECT_EQ(differing, 0u) << "the torso above L4 does not move; first change at " << first.x << "," << first.y
                             << " (L4 at row " << l4.y << ", L1 at row " << l1.y << ")";
}

TEST_F(RenderTest, AContractingMuscleSwellsAboutItsLine) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    for (const char* hidden : {"skin", "abdominal_wall", "viscera", "vessels"}) f.layers[layerIndex(hidden)].opacity = 0.0f;
    const scene::Mesh* psoas = model().findMesh("psoas_major_left");
    ASSERT_NE(psoas, nullptr);
    const auto index = static_cast<std::uint32_t>(psoas - model().meshes.data());
    f.tints = {{index, glm::vec4(0.0f, 0.0f, 1.0f, 1.0f)}};  // the psoas alone in blue
    const glm::vec2 c = project(f.views[0], psoas->bounds.centre());
    auto width = [&](const Rgba8Image& img) {
        int n = 0;
        for (std::uint32_t x = 0; x < img.width; ++x) {
            const glm::u8vec4 p = img.at(x, static_cast<std::uint32_t>(c.y));
            n += p.b > p.r + 40 && p.b > p.g + 40;
        }
        return n;
    };
    const int plain = width(draw(f)[0]);
    f.bulges = {{index, {glm::vec3(psoas->bounds.centre().x, psoas->bounds.centre().y, psoas->bounds.max.z),
                         glm::vec3(psoas->bounds.centre().x, psoas->bounds.centre().y, psoas->bounds.min.z), 0.5f}}};
    const int swollen = width(draw(f)[0]);
    EXPECT_GT(plain, 2);
    EXPECT_GT(swollen, plain + 2) << "the belly widens";
}

}  // namespace
}  // namespace palpa::render::test
