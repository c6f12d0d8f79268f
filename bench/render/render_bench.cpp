// Renderer costs: CPU time to record one frame of the full model, and whole frames (record,
// submit, wait) at 1280x720 mono and 2 x 1832x1920 stereo with 4x MSAA. On lavapipe the frame
// figures are CPU rasterisation; on a GPU the counter gpu_ms is the timestamp-query time.
#include <benchmark/benchmark.h>

#include <memory>

#include "gpu/vk_check.hpp"
#include "render/camera.hpp"
#include "render/offscreen.hpp"
#include "scene/loader.hpp"

namespace {

using namespace palpa;

struct Fixture {
    std::unique_ptr<gpu::Device> device = gpu::Device::create({});
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
        r.record(cb, frame, target.target());
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
        fx.device->submitNow([&](VkCommandBuffer cb) { r.record(cb, frame, target.target()); });
        gpu += r.gpuTimeMs().value_or(0.0);
    }
    state.counters["gpu_ms"] = gpu / static_cast<double>(state.iterations());
    state.SetLabel(fx.device->description());
}

void BM_FrameMono1280x720(benchmark::State& s) { frames(s, 1280, 720, 1); }
void BM_FrameStereo1832x1920(benchmark::State& s) { frames(s, 1832, 1920, 2); }
void BM_FrameStereo2064x2208(benchmark::State& s) { frames(s, 2064, 2208, 2); }
BENCHMARK(BM_FrameMono1280x720)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_FrameStereo1832x1920)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_FrameStereo2064x2208)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
