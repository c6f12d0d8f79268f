// Renderer costs: CPU time to record one frame of the full model, and whole frames (record,
// submit, wait) at 1280x720 mono and 2 x 1832x1920 stereo with 4x MSAA. On lavapipe the frame
// figures are CPU rasterisation; on a GPU the counter gpu_ms is the timestamp-query time.
#include <benchmark/benchmark.h>

#include <memory>

#include "gpu/vk_check.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"
#include "render/camera.hpp"
#include "render/offscreen.hpp"
#include "scene/loader.hpp"

namespace {

using namespace palpa;

struct Fixture {
    std::unique_ptr<gpu::VulkanDevice> device = gpu::VulkanDevice::create({});
    scene::Scene scene = scene::loadScene(std::string(PALPA_BENCH_ASSETS) + "/models/psoas-region.glb");
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

render::FrameDesc frameFor(const scene::Scene& s, std::uint32_t w, std::uint32_t h, int views) {
    render::FrameDesc f;
    const float aspect = static_cast<float>(w) / static_cast<float>(h);
    f.views = render::views(render::frame(s.bounds(), render::Viewpoint::Oblique, aspect), aspect, views);
    f.layers.resize(s.layers.size());
    f.layers[s.layers.size() - 1].opacity = 0.3f;  // translucent skin: the blended path too
    return f;
}

void BM_RecordFrame(benchmark::State& state) {
    Fixture& fx = fixture();
    render::RenderConfig c;
    render::Renderer r(*fx.device, fx.scene, c);
    render::OffscreenTarget target(*fx.device, {1280, 720}, 1, c.colour_format);
    const render::FrameDesc frame = frameFor(fx.scene, 1280, 720, 1);
    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = fx.device->queueFamily();
    VkCommandPool pool;
    PALPA_VK(vkCreateCommandPool(fx.device->device(), &pci, nullptr, &pool));
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cb;
    PALPA_VK(vkAllocateCommandBuffers(fx.device->device(), &ai, &cb));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    for (auto _ : state) {
        vkResetCommandBuffer(cb, 0);
        vkBeginCommandBuffer(cb, &bi);
        r.record(gpu::fromVk(cb), frame, target.target());
        vkEndCommandBuffer(cb);
    }
    state.counters["draws"] = r.lastDrawCount();
    vkDestroyCommandPool(fx.device->device(), pool, nullptr);
}
BENCHMARK(BM_RecordFrame)->Unit(benchmark::kMicrosecond);

void frames(benchmark::State& state, std::uint32_t w, std::uint32_t h, int views) {
    Fixture& fx = fixture();
    render::RenderConfig c;
    c.views = static_cast<std::uint32_t>(views);
    render::Renderer r(*fx.device, fx.scene, c);
    render::OffscreenTarget target(*fx.device, {w, h}, c.views, c.colour_format);
    const render::FrameDesc frame = frameFor(fx.scene, w, h, views);
    double gpu = 0;
    for (auto _ : state) {
        fx.device->submitNow([&](VkCommandBuffer cb) { r.record(gpu::fromVk(cb), frame, target.target()); });
        gpu += r.gpuTimeMs().value_or(0.0);
    }
    state.counters["gpu_ms"] = gpu / static_cast<double>(state.iterations());
    state.SetLabel(fx.device->description());
}

// The headset's frame as the simulated runtime sizes it (2 x 1024x1024, 4x MSAA), the patient
// in view as a student beside the table sees it (opaque skin, about 90 degrees across): all
// meshes drawn (cull 0, as before culling) against culling (cull 1: frustum and the skin
// enclosing the deeper layers); cull 2 draws nothing (the clear and resolve: the floor).
void headsetFrame(benchmark::State& state, int cull) {
    Fixture& fx = fixture();
    render::RenderConfig c;
    c.views = 2;
    c.cull = cull != 0;
    render::Renderer r(*fx.device, fx.scene, c);
    render::OffscreenTarget target(*fx.device, {1024, 1024}, 2, c.colour_format);
    render::FrameDesc frame;
    render::Orbit orbit = render::bedside(fx.scene.bounds(), glm::vec3(0.0f), 1.0f);
    orbit.fov_y = 1.57f;
    orbit.distance = 0.75f;
    frame.views = render::views(orbit, 1.0f, 2);
    frame.layers.resize(fx.scene.layers.size());
    if (cull == 2)  // nothing drawn: the clear and resolve alone, the frame's floor
        for (render::LayerStyle& l : frame.layers) l.visible = false;
    if (const scene::Layer* skin = fx.scene.findLayer("skin"))
        frame.enclosing_layer = static_cast<std::uint32_t>(skin - fx.scene.layers.data());
    for (auto _ : state)
        fx.device->submitNow([&](VkCommandBuffer cb) { r.record(gpu::fromVk(cb), frame, target.target()); });
    state.counters["draws"] = r.lastDrawCount();
    state.counters["culled"] = r.lastCulledCount();
    state.counters["lod"] = r.lastLodCount();
    state.SetLabel(fx.device->description());
}
void BM_HeadsetFrame2x1024(benchmark::State& s) { headsetFrame(s, static_cast<int>(s.range(0))); }
BENCHMARK(BM_HeadsetFrame2x1024)->Arg(0)->Arg(1)->Arg(2)->ArgName("cull")->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

void BM_FrameMono1280x720(benchmark::State& s) { frames(s, 1280, 720, 1); }
void BM_FrameStereo1832x1920(benchmark::State& s) { frames(s, 1832, 1920, 2); }
void BM_FrameStereo2064x2208(benchmark::State& s) { frames(s, 2064, 2208, 2); }
BENCHMARK(BM_FrameMono1280x720)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_FrameStereo1832x1920)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_FrameStereo2064x2208)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
