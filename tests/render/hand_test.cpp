// The student's hands as skinned meshes: the silhouette follows a recorded pose (every bone
// under it, nothing far from a bone), the tint shows, and the debugging joints still draw.
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "input/hand_mesh.hpp"
#include "render_fixture.hpp"

namespace palpa::render::test {
namespace {

constexpr std::uint32_t kW = 320, kH = 240;

// The hands of line `line` (1-based, after the header) of a committed recording.
std::vector<HandPose> recordedHands(const std::string& file, int line) {
    std::ifstream in(std::string(PALPA_TEST_ASSETS) + "/recordings/" + file);
    std::string text;
    for (int i = 0; i <= line && std::getline(in, text); ++i) {
    }
    const nlohmann::json frame = nlohmann::json::parse(text);
    std::vector<HandPose> hands;
    for (const char* side : {"left", "right"}) {
        const auto& h = frame.at("hands").at(side);
        if (h.is_null()) continue;
        HandPose pose;
        pose.left = std::string(side) == "left";
        for (std::size_t j = 0; j < kHandJoints; ++j) {
            const auto& v = h.at("joints").at(j);
            pose.joints[j] = {v[0].get<float>(), v[1].get<float>(), v[2].get<float>()};
            pose.orientations[j] = glm::quat(v[6].get<float>(), v[3].get<float>(), v[4].get<float>(), v[5].get<float>());
            pose.radii[j] = v[7].get<float>();
        }
        pose.colour = {0.0f, 0.34f, 0.17f};
        hands.push_back(pose);
    }
    return hands;
}

// Only the hands, seen from above (the student's view down on the patient).
FrameDesc handsAlone(const std::vector<HandPose>& hands) {
    scene::Bounds b;
    b.min = glm::vec3(1e9f);
    b.max = glm::vec3(-1e9f);
    for (const HandPose& h : hands)
        for (const glm::vec3& j : h.joints) {
            b.min = glm::min(b.min, j);
            b.max = glm::max(b.max, j);
        }
    b.min -= glm::vec3(0.09f);
    b.max += glm::vec3(0.09f);
    FrameDesc f;
    const float aspect = static_cast<float>(kW) / static_cast<float>(kH);
    f.views = render::views(render::frame(b, Viewpoint::Front, aspect), aspect, 1);
    f.layers.assign(model().layers.size(), LayerStyle{false, 0.0f});
    f.hands = hands;
    return f;
}

float toSegment2d(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
    const glm::vec2 ab = b - a;
    const float len2 = glm::dot(ab, ab);
    const float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::length(p - (a + t * ab));
}

class HandRenderTest : public RenderTest {
  protected:
// Checks that the drawn silhouette follows the hands' bones: every bone's points are covered,
// and every covered pixel lies within a finger's thickness of a bone (or of the forearm stub
// behind the wrist).
static void expectSilhouetteFollows(const Rgba8Image& img, const FrameDesc& f, const std::vector<HandPose>& hands) {
    const View& v = f.views[0];
    auto px = [&](const glm::vec3& p) { return project(v, p, kW, kH); };
    const float pxPerMetre = glm::length(px(hands[0].joints[1] + glm::vec3(0.01f, 0, 0)) - px(hands[0].joints[1])) * 100.0f;
    struct Seg { glm::vec2 a, b; float reach; };
    std::vector<Seg> segs;
    int covered = 0, bonePoints = 0;
    for (const HandPose& h : hands) {
        for (const auto& bone : input::kHandBones) {
            const auto a = static_cast<std::size_t>(bone[0]), b = static_cast<std::size_t>(bone[1]);
            segs.push_back({px(h.joints[a]), px(h.joints[b]), (std::max(h.radii[a], h.radii[b]) + 0.008f) * pxPerMetre});
            for (float t : {0.2f, 0.5f, 0.8f}) {
                const glm::vec2 p = px(glm::mix(h.joints[a], h.joints[b], t));
                ++bonePoints;
                covered += !isBackground(img.at(static_cast<std::uint32_t>(p.x), static_cast<std::uint32_t>(p.y)), f);
            }
        }
        const glm::vec3 back = glm::normalize(h.joints[1] - h.joints[11]);  // wrist, away from the middle metacarpal
        segs.push_back({px(h.joints[1]), px(h.joints[1] + 0.07f * back), 0.035f * pxPerMetre});
    }
    EXPECT_EQ(covered, bonePoints) << "bone points outside the drawn hand";
    int drawn = 0, stray = 0;
    for (std::uint32_t y = 0; y < img.height; ++y)
        for (std::uint32_t x = 0; x < img.width; ++x) {
            if (isBackground(img.at(x, y), f)) continue;
            ++drawn;
            const glm::vec2 p(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
            bool near = false;
            for (const Seg& s : segs) near = near || toSegment2d(p, s.a, s.b) <= s.reach + 1.5f;
            stray += !near;
        }
    EXPECT_GT(drawn, 400);
    EXPECT_EQ(stray, 0) << "pixels of the hand far from every bone";
}
};

TEST_F(HandRenderTest, TheHandMeshSilhouetteFollowsARecordedPose) {
    // Early in the recording the hands hover above the body; later they press, thumbs in.
    for (int line : {1, 700}) {
        const std::vector<HandPose> hands = recordedHands("good-left.jsonl", line);
        ASSERT_FALSE(hands.empty()) << line;
        const FrameDesc f = handsAlone(hands);
        SCOPED_TRACE("recording line " + std::to_string(line));
        expectSilhouetteFollows(draw(f, kW, kH)[0], f, hands);
    }
    // The same frame with every joint moved: the mesh moves with it (not a fixed rest mesh).
    std::vector<HandPose> a = recordedHands("good-left.jsonl", 1);
    FrameDesc fa = handsAlone(a);
    const Rgba8Image before = draw(fa, kW, kH)[0];
    const glm::quat turn = glm::angleAxis(glm::radians(50.0f), glm::vec3(0, 1, 0));
    const glm::vec3 centre = a[0].joints[0];
    for (HandPose& h : a)
        for (std::size_t j = 0; j < kHandJoints; ++j) {
            h.joints[j] = centre + turn * (h.joints[j] - centre);
            h.orientations[j] = turn * h.orientations[j];
        }
    fa.hands = a;
    const Rgba8Image after = draw(fa, kW, kH)[0];
    EXPECT_NE(before.pixels, after.pixels);
    expectSilhouetteFollows(after, fa, a);
}

TEST_F(HandRenderTest, HandsAreDrawnInTheirTintAndTheJointsOnRequest) {
    std::vector<HandPose> hands = recordedHands("good-left.jsonl", 1);
    hands.resize(1);
    hands[0].colour = {0.05f, 0.8f, 0.1f};
    FrameDesc f = handsAlone(hands);
    const Rgba8Image mesh = draw(f, kW, kH)[0];
    // The back of the hand, over the middle finger's metacarpal: lit in the tint.
    const glm::vec2 p = project(f.views[0], 0.5f * (hands[0].joints[11] + hands[0].joints[12]), kW, kH);
    const glm::u8vec4 c = mesh.at(static_cast<std::uint32_t>(p.x), static_cast<std::uint32_t>(p.y));
    EXPECT_GT(c.g, c.r + 60);
    EXPECT_GT(c.g, c.b + 60);
    // The debugging view: joints and sticks, which cover less than the hand's surface.
    f.hand_joints = true;
    const Rgba8Image joints = draw(f, kW, kH)[0];
    auto count = [&](const Rgba8Image& img) {
        int n = 0;
        for (std::uint32_t y = 0; y < img.height; ++y)
            for (std::uint32_t x = 0; x < img.width; ++x) n += !isBackground(img.at(x, y), f);
        return n;
    };
    EXPECT_GT(count(joints), 200);
    EXPECT_LT(count(joints), count(mesh) * 9 / 10);
}

}  // namespace
}  // namespace palpa::render::test
