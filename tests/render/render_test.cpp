// Semantic checks of the renderer that hold whatever the exact pixels: layers, clipping,
// stereo, hands, and its errors. Run on lavapipe in CI with the validation layer on.
#include <cmath>

#include <glm/ext/matrix_transform.hpp>

#include "core/error.hpp"
#include "gpu/vk_check.hpp"
#include "render/ui_overlay.hpp"
#include "render_fixture.hpp"

namespace palpa::render::test {
namespace {

bool isReddish(const glm::u8vec4& p) { return p.r > p.g + 50 && p.r > p.b + 50; }

TEST_F(RenderTest, WithTheSkinHiddenThePsoasShowsWhereItProjects) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    for (const char* hidden : {"skin", "abdominal_wall", "viscera", "vessels"}) f.layers[layerIndex(hidden)].opacity = 0.0f;
    const Rgba8Image peeled = draw(f)[0];
    for (const char* side : {"psoas_belly_left", "psoas_belly_right"}) {
        const glm::vec2 px = project(f.views[0], model().landmark(side));
        const glm::u8vec4 c = peeled.at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
        EXPECT_TRUE(isReddish(c)) << side << " at " << px.x << "," << px.y << " is " << int(c.r) << "," << int(c.g) << "," << int(c.b);
    }
    // With everything shown the same pixel is skin, not muscle.
    const Rgba8Image dressed = draw(frameFrom(Viewpoint::Front))[0];
    const glm::vec2 px = project(f.views[0], model().landmark("psoas_belly_left"));
    EXPECT_FALSE(isReddish(dressed.at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y))));
}

TEST_F(RenderTest, ClipPlaneRemovesTheAnteriorHalf) {
    // Seen from the head, anterior is up; a plane through the camera's axis projects to the
    // middle row, so nothing may be drawn above it once the anterior half is cut away.
    // The camera stands beyond the head (the model is a whole body).
    FrameDesc f = frameFrom(Viewpoint::Top);
    Orbit o = render::frame(focus(), Viewpoint::Top, 320.0f / 240.0f);
    o.distance = std::max(o.distance, model().bounds().max.z - o.target.z + 0.25f);
    f.views = render::views(o, 320.0f / 240.0f, 1);
    const float centreY = o.target.y;
    auto drawnAbove = [&](const Rgba8Image& img) {
        int n = 0;
        for (std::uint32_t y = 0; y < img.height / 2 - 2; ++y)
            for (std::uint32_t x = 0; x < img.width; ++x) n += !isBackground(img.at(x, y), f);
        return n;
    };
    const int whole = drawnAbove(draw(f)[0]);
    f.clip = glm::vec4(0.0f, 1.0f, 0.0f, -centreY);  // cut away y > centre
    const Rgba8Image cut = draw(f)[0];
    EXPECT_GT(whole, 2000);
    EXPECT_EQ(drawnAbove(cut), 0);
    int below = 0;
    for (std::uint32_t y = cut.height / 2 + 2; y < cut.height; ++y)
        for (std::uint32_t x = 0; x < cut.width; ++x) below += !isBackground(cut.at(x, y), f);
    EXPECT_GT(below, 2000) << "the posterior half is still drawn";
}

TEST_F(RenderTest, StereoViewsDifferByTheEyeOffset) {
    const FrameDesc f = frameFrom(Viewpoint::Front, 2);
    const std::vector<Rgba8Image> eyes = draw(f);
    ASSERT_EQ(eyes.size(), 2u);
    auto centroidX = [&](const Rgba8Image& img) {
        double sum = 0;
        long n = 0;
        for (std::uint32_t y = 0; y < img.height; ++y)
            for (std::uint32_t x = 0; x < img.width; ++x)
                if (!isBackground(img.at(x, y), f)) { sum += x; ++n; }
        return sum / static_cast<double>(n);
    };
    const glm::vec3 centre = focus().centre();
    const float expected = project(f.views[0], centre).x - project(f.views[1], centre).x;
    EXPECT_GT(expected, 1.0f) << "the eyes are apart";
    EXPECT_NEAR(centroidX(eyes[0]) - centroidX(eyes[1]), expected, 1.5);
    EXPECT_NE(eyes[0].pixels, eyes[1].pixels);
}

TEST_F(RenderTest, OpacityZeroHidesALayerEntirely) {
    FrameDesc zero = frameFrom(Viewpoint::Oblique), hidden = zero;
    zero.layers[layerIndex("skin")].opacity = 0.0f;
    hidden.layers[layerIndex("skin")].visible = false;
    const Rgba8Image a = draw(zero)[0], b = draw(hidden)[0], shown = draw(frameFrom(Viewpoint::Oblique))[0];
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_NE(a.pixels, shown.pixels);
}

TEST_F(RenderTest, GuidesDrawArrowsWithHeadsAndPlainRods) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    const float skinY = focus().max.y;
    Guide arrow;  // pointing down the image (toward the feet), well in front of the body
    arrow.from = {-0.05f, skinY + 0.02f, 0.10f};
    arrow.to = {-0.05f, skinY + 0.02f, 0.0f};
    arrow.radius = 0.004f;
    arrow.colour = {0.9f, 0.1f, 0.8f};
    arrow.head = true;
    Guide rod = arrow;
    rod.from.x = rod.to.x = 0.05f;
    rod.colour = {0.1f, 0.2f, 0.9f};
    rod.head = false;
    f.guides = {arrow, rod};
    const Rgba8Image img = draw(f, 640, 480)[0];
    const auto at = [&](const glm::vec3& p) {
        const glm::vec2 px = project(f.views[0], p, 640, 480);
        return img.at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
    };
    const glm::u8vec4 shaft = at((arrow.from + arrow.to) * 0.5f);
    EXPECT_GT(shaft.r, shaft.g + 60);
    EXPECT_GT(shaft.b, shaft.g + 60);
    const glm::u8vec4 blue = at((rod.from + rod.to) * 0.5f);
    EXPECT_GT(blue.b, blue.r + 60);
    // The head is wider than the shaft: beside the shaft near the tip it is the arrow's colour,
    // beside the shaft's middle it is not; the plain rod has no head.
    const glm::vec3 side{0.0072f, 0.0f, 0.0f};
    const glm::vec3 nearTip = arrow.to + (arrow.from - arrow.to) * 0.235f;
    const glm::u8vec4 head = at(nearTip + side), beside = at((arrow.from + arrow.to) * 0.5f + side);
    EXPECT_GT(head.r, head.g + 60);
    EXPECT_FALSE(beside.r > beside.g + 60 && beside.b > beside.g + 60);
    const glm::u8vec4 rodTip = at(rod.to + (rod.from - rod.to) * 0.235f + side);
    EXPECT_FALSE(rodTip.b > rodTip.r + 60);
}

// Culling skips what cannot be seen and changes no pixel: the layers under the opaque, closed
// skin, and meshes outside the view.
TEST_F(RenderTest, WhatCannotBeSeenIsSkippedAndThePictureIsTheSame) {
    FrameDesc f = frameFrom(Viewpoint::Oblique);
    const Rgba8Image all = draw(f)[0];
    const std::uint32_t drawsAll = last_draws_;
    // The view frames the psoas region: what lies wholly outside it (head, feet) is skipped
    // by the frustum alone.
    const std::uint32_t outside = last_culled_;
    EXPECT_LT(outside, model().meshes.size() / 2);
    f.enclosing_layer = static_cast<std::uint32_t>(layerIndex("skin"));
    const Rgba8Image culled = draw(f)[0];
    EXPECT_GT(last_culled_, outside + 20u) << "the deep layers are skipped";
    EXPECT_LT(last_draws_, drawsAll);
    EXPECT_EQ(culled.pixels, all.pixels) << "the picture must not change";
    // The skin seen through (translucent), cut open or in x-ray: everything is drawn again.
    for (int c = 0; c < 3; ++c) {
        FrameDesc open = f;
        if (c == 0) open.layers[layerIndex("skin")].opacity = 0.5f;
        if (c == 1) open.clip = glm::vec4(0.0f, 1.0f, 0.0f, 0.06f);
        if (c == 2) open.xray = true;
        (void)draw(open);
        EXPECT_EQ(last_culled_, outside) << "case " << c;
    }
    // An eye inside the body sees the inside: nothing is skipped for the skin, only what is
    // outside the frustum.
    FrameDesc inside = f;
    inside.views = render::views(Orbit{glm::vec3(0.0f, -0.05f, 0.0f), 0.0f, 0.0f, 0.01f}, 320.0f / 240.0f, 1);
    inside.enclosing_layer.reset();
    (void)draw(inside);
    const std::uint32_t frustumOnly = last_culled_;
    inside.enclosing_layer = f.enclosing_layer;
    (void)draw(inside);
    EXPECT_EQ(last_culled_, frustumOnly);
    // Looking away from the body: every mesh is outside the frustum.
    FrameDesc away = frameFrom(Viewpoint::Front);
    away.views[0].view = glm::lookAt(glm::vec3(0.0f, 1.0f, 0.0f), glm::vec3(0.0f, 2.0f, 0.0f), glm::vec3(0.0f, 0.0f, 1.0f));
    (void)draw(away);
    EXPECT_EQ(last_culled_, static_cast<std::uint32_t>(model().meshes.size()));
}

// Levels of detail: the skin, seen from where a student stands, is drawn simplified, and the
// picture is the one drawn in full to within a rasteriser's rounding (as the goldens allow).
TEST_F(RenderTest, SimplifiedMeshesDrawTheSamePicture) {
    FrameDesc f;
    Orbit o = bedside(focus(), glm::vec3(0.0f), 1.0f);
    o.fov_y = 1.57f;
    o.distance = 0.75f;
    f.views = render::views(o, 1.0f, 1);
    f.layers.resize(model().layers.size());
    const Rgba8Image full = draw(f, 512, 512, /*cull=*/false)[0];
    EXPECT_EQ(last_lods_, 0u);
    const Rgba8Image lod = draw(f, 512, 512)[0];
    EXPECT_GE(last_lods_, 1u) << "the skin is drawn simplified";
    std::size_t differing = 0;
    for (std::size_t i = 0; i < full.pixels.size(); i += 4) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(full.pixels[i + c]) - int(lod.pixels[i + c])));
        differing += worst > 12;
    }
    EXPECT_LT(static_cast<double>(differing) / (512.0 * 512.0), 0.005) << differing << " pixels differ";
    // Close up (the eye a few centimetres from the skin) the full mesh is drawn.
    o.distance = 0.06f;
    f.views = render::views(o, 1.0f, 1);
    (void)draw(f, 512, 512);
    EXPECT_EQ(last_lods_, 0u);
}

TEST_F(RenderTest, HighlightTintsTheChosenStructure) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    for (const char* hidden : {"skin", "abdominal_wall", "viscera", "vessels"}) f.layers[layerIndex(hidden)].opacity = 0.0f;
    const glm::vec2 px = project(f.views[0], model().landmark("psoas_belly_left"));
    const glm::u8vec4 plain = draw(f)[0].at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
    f.highlight = {static_cast<std::uint32_t>(model().findMesh("psoas_major_left") - model().meshes.data())};
    const glm::u8vec4 lit = draw(f)[0].at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
    EXPECT_GT(lit.g, plain.g + 40) << "tinted toward yellow";
}

// The swell (a breath, a tensed wall) raises the listed meshes' upward-facing vertices over
// its region: seen from the head (anterior up) the belly's outline rises. A tint mixes its
// colour into one mesh's.
TEST_F(RenderTest, SwellRaisesTheBellyAndTintsMixIn) {
    // Seen from the patient's left, the belly's outline over the navel moves forward.
    FrameDesc f = frameFrom(Viewpoint::Left);
    const glm::vec3 navel = model().landmark("umbilicus");
    const glm::vec2 at = project(f.views[0], navel);
    const int anterior = project(f.views[0], navel + glm::vec3(0.0f, 0.1f, 0.0f)).x > at.x ? 1 : -1;
    const auto row = static_cast<std::uint32_t>(at.y);
    const int flat = frontMost(draw(f)[0], f, row, anterior);
    const std::uint32_t skin = static_cast<std::uint32_t>(model().findMesh("skin") - model().meshes.data());
    f.swell_region = {-0.16f, 0.185f, 0.0f, 0.2f};
    f.swells = {{skin, 0.04f}};
    const int swollen = frontMost(draw(f)[0], f, row, anterior);
    EXPECT_GT(anterior * swollen, anterior * flat + 3) << "the belly rises";

    FrameDesc front = frameFrom(Viewpoint::Front);
    for (const char* hidden : {"skin", "viscera"}) front.layers[layerIndex(hidden)].opacity = 0.0f;
    const std::uint32_t rectus = static_cast<std::uint32_t>(model().findMesh("rectus_abdominis_left") - model().meshes.data());
    const glm::vec2 px = project(front.views[0], model().landmark("umbilicus") + glm::vec3(-0.03f, -0.01f, 0.05f));
    const glm::u8vec4 plain = draw(front)[0].at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
    front.tints = {{rectus, glm::vec4(0.0f, 0.0f, 1.0f, 1.0f)}};
    const glm::u8vec4 tinted = draw(front)[0].at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
    EXPECT_GT(tinted.b, plain.b + 40) << "mixed toward blue";
    EXPECT_LT(tinted.r, plain.r);
}

// The chest region rises by its share of each mesh's swell; with no share it stays.
TEST_F(RenderTest, TheChestRisesByItsShareOfTheBreath) {
    FrameDesc f = frameFrom(Viewpoint::Left, 1, 320, 240, true);
    const scene::Mesh* sternum = model().findMesh("sternum");
    ASSERT_NE(sternum, nullptr);
    const glm::vec3 mid = sternum->bounds.centre();
    const glm::vec2 at = project(f.views[0], mid);
    const int anterior = project(f.views[0], mid + glm::vec3(0.0f, 0.1f, 0.0f)).x > at.x ? 1 : -1;
    const auto row = static_cast<std::uint32_t>(at.y);
    const std::uint32_t skin = static_cast<std::uint32_t>(model().findMesh("skin") - model().meshes.data());
    f.swell_region = {-0.16f, 0.185f, 0.0f, 0.2f};
    f.swells = {{skin, 0.06f}};
    f.chest_region = {sternum->bounds.min.z - 0.03f, sternum->bounds.max.z + 0.03f, 0.0f, 0.25f};
    const int still = frontMost(draw(f)[0], f, row, anterior);  // no share: only the belly swells
    f.chest_share = 0.5f;
    const int risen = frontMost(draw(f)[0], f, row, anterior);
    EXPECT_GT(anterior * risen, anterior * still + 2) << "the chest rises";
}

TEST_F(RenderTest, LabelsMarkLandmarksWhereTheyProject) {
    FrameDesc f = frameFrom(Viewpoint::Front);
    f.labels.push_back({"umbilicus", model().landmark("umbilicus")});
    f.labels.push_back({"asis_left", model().landmark("asis_left")});
    RenderConfig c;
    Renderer r(device(), model(), c);
    OffscreenTarget t(device(), {320, 240}, 1, c.colour_format);
    Rgba8Image labelled;
    {
        UiOverlay ui(device(), r, 2, nullptr);
        ui.newFrame({320, 240});
        ui.drawLabels(f, {320, 240});
        ui.endFrame();
        labelled = renderOffscreen(device(), r, f, t)[0];
    }
    for (const Label& l : f.labels) {
        const glm::vec2 px = project(f.views[0], l.position);
        const glm::u8vec4 c = labelled.at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y));
        EXPECT_GT(c.r, 200) << l.text;
        EXPECT_GT(c.g, 160) << l.text;
        EXPECT_LT(c.b, 130) << l.text;
    }
    // Without the overlay the same pixels are the body, not the yellow dot.
    const Rgba8Image plain = renderOffscreen(device(), r, f, t)[0];
    const glm::vec2 px = project(f.views[0], f.labels[0].position);
    EXPECT_GT(plain.at(static_cast<std::uint32_t>(px.x), static_cast<std::uint32_t>(px.y)).b, 100);
}

TEST_F(RenderTest, MissingShaderIsAClearError) {
    RenderConfig c;
    c.shader_dir = "/nonexistent/shaders";
    try {
        Renderer r(device(), model(), c);
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("missing shader /nonexistent/shaders/mesh.vert.spv"), std::string::npos) << e.what();
    }
}

TEST_F(RenderTest, DeviceWithoutARequiredFeatureIsAClearError) {
    gpu::DeviceOptions o;
    o.device_extensions = {"VK_PALPA_not_an_extension"};
    try {
        gpu::Device::create(o);
        FAIL() << "expected an error";
    } catch (const gpu::GpuError& e) {
        EXPECT_NE(std::string(e.what()).find("lacks VK_PALPA_not_an_extension"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace palpa::render::test
