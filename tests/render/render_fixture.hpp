// Role: shared set-up for the renderer tests: one validated Vulkan device per process (lavapipe
// in CI), the bundled model, helpers to render a FrameDesc and to project points to pixels.
// Every test ends by asserting that the validation layer said nothing.
#pragma once

#include <gtest/gtest.h>

#include <memory>

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
    static FrameDesc frameFrom(Viewpoint vp, int views = 1, std::uint32_t w = 320, std::uint32_t h = 240) {
        FrameDesc f;
        const float aspect = static_cast<float>(w) / static_cast<float>(h);
        f.views = render::views(render::frame(model().bounds(), vp, aspect), aspect, views);
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
