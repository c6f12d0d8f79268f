// Role: shared set-up for the renderer tests: one validated Vulkan device per process (lavapipe
// in CI), the bundled model, helpers to render a FrameDesc and to project points to pixels.
// Every test ends by asserting that the validation layer said nothing.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include <glm/trigonometric.hpp>

#include "gpu/device.hpp"
#include "render/camera.hpp"
#include "render/offscreen.hpp"
#include "render/renderer.hpp"
#include "scene/loader.hpp"

namespace palpa::render::test {

inline gpu::Device& device() {
    static std::unique_ptr<gpu::Device> d = [] {
        gpu::DeviceOptions o;
        o.validation = true;
        return gpu::Device::create(o);
    }();
    return *d;
}

inline const scene::Scene& model() {
    static const scene::Scene s = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    return s;
}

inline bool isBackground(const glm::u8vec4& p, const FrameDesc& f) {
    // The clear colour, sRGB-encoded, within a small tolerance.
    auto enc = [](float c) { return 255.0f * (c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1 / 2.4f) - 0.055f); };
    return std::abs(p.r - enc(f.clear_colour.r)) < 3 && std::abs(p.g - enc(f.clear_colour.g)) < 3 &&
           std::abs(p.b - enc(f.clear_colour.b)) < 3;
}

inline // The body pixel furthest toward the patient's front (anterior) in image row y: the side
// view shows the body lying along the rows, anterior toward `anterior` (+1: right, -1: left).
int frontMost(const Rgba8Image& img, const FrameDesc& f, std::uint32_t y, int anterior) {
    for (std::uint32_t i = 0; i < img.width; ++i) {
        const std::uint32_t x = anterior > 0 ? img.width - 1 - i : i;
        if (!isBackground(img.at(x, y), f)) return static_cast<int>(x);
    }
    return anterior > 0 ? -1 : static_cast<int>(img.width);
}

// The left leg lifted (hip 30 degrees, knee 12) about the model's joint landmarks, stopping
// short of the hand that lies beside the thigh.
inline scene::LimbWarp leftLegLift() {
    const scene::Scene& s = model();
    scene::LimbWarp w = scene::LimbWarp::legLift(-1.0f, s.landmark("hip_left"), s.landmark("knee_left"),
                                                 s.landmark("ankle_left"), glm::radians(30.0f), glm::radians(12.0f));
    // The hand beside the thigh stays: stop in the middle of the skin's gap between them.
    const auto gap = scene::widestGap(*s.findMesh("skin"), w.side_normal, s.landmark("hip_left").z - 0.2f, 0.02f, 0.008f);
    EXPECT_TRUE(gap.has_value());
    if (gap) {
        w.lateral_limit = 0.5f * (gap->first + gap->second) + 0.25f * (gap->second - gap->first);
        w.lateral_blend = 0.5f * (gap->second - gap->first);
    }
    return w;
}

// The psoas region the views frame: the deep muscles' bounds, widened to the flanks and up
// to the skin over the abdomen (the model is a whole body; the tests look at its middle).
inline scene::Bounds focus() {
    scene::Bounds b;
    b.min = glm::vec3(1e9f);
    b.max = glm::vec3(-1e9f);
    for (const scene::Mesh& m : model().meshes)
        if (model().layers[m.layer].name == "muscles_deep" && m.name.rfind("diaphragm", 0) != 0) {
            b.min = glm::min(b.min, m.bounds.min);
            b.max = glm::max(b.max, m.bounds.max);
        }
    b.min -= glm::vec3(0.07f, 0.06f, 0.05f);
    b.max += glm::vec3(0.07f, 0.0f, 0.07f);
    b.max.y = std::max(b.max.y, 0.06f);
    return b;
}

class RenderTest : public ::testing::Test {
protected:
    void TearDown() override {
        device().waitIdle();
        const auto messages = device().validationMessages();
        EXPECT_EQ(messages.size(), seen_) << "validation: " << (messages.empty() ? "" : messages.back());
    }
    void SetUp() override { seen_ = device().validationMessages().size(); }

    // Renders `frame` at w x h with as many views as it has.
    std::vector<Rgba8Image> draw(const FrameDesc& frame, std::uint32_t w = 320, std::uint32_t h = 240, bool cull = true) {
        RenderConfig c;
        c.cull = cull;
        c.views = static_cast<std::uint32_t>(frame.views.size());
        Renderer r(device(), model(), c);
        OffscreenTarget t(device(), {w, h}, c.views, c.colour_format);
        auto images = renderOffscreen(device(), r, frame, t);
        last_culled_ = r.lastCulledCount();
        last_draws_ = r.lastDrawCount();
        last_lods_ = r.lastLodCount();
        return images;
    }
    std::uint32_t last_culled_ = 0, last_draws_ = 0, last_lods_ = 0;  // of the last draw()

    // A frame from a named viewpoint with default styles.
    // `whole`: frame the whole body rather than the psoas region.
    static FrameDesc frameFrom(Viewpoint vp, int views = 1, std::uint32_t w = 320, std::uint32_t h = 240,
                               bool whole = false) {
        FrameDesc f;
        const float aspect = static_cast<float>(w) / static_cast<float>(h);
        f.views = render::views(render::frame(whole ? model().bounds() : focus(), vp, aspect), aspect, views);
        f.layers.resize(model().layers.size());
        return f;
    }

    static std::size_t layerIndex(const char* name) {
        return static_cast<std::size_t>(model().findLayer(name) - model().layers.data());
    }

    // Pixel position of a patient-frame point in view v.
    static glm::vec2 project(const View& v, const glm::vec3& p, std::uint32_t w = 320, std::uint32_t h = 240) {
        const glm::vec4 clip = v.projection * v.view * glm::vec4(p, 1.0f);
        const glm::vec2 ndc = glm::vec2(clip) / clip.w;
        return {(ndc.x * 0.5f + 0.5f) * static_cast<float>(w), (ndc.y * 0.5f + 0.5f) * static_cast<float>(h)};
    }

private:
    std::size_t seen_ = 0;
};

}  // namespace palpa::render::test
