#include "render/ui_overlay.hpp"

#include "render/label_layout.hpp"

#include <array>
#include <cmath>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include <glm/mat4x4.hpp>

#include "core/log.hpp"
#include "gpu/handle.hpp"
#include "gpu/vk_check.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"

namespace palpa::render {
namespace {

void checkImgui(VkResult r) {
    if (r < 0) log::error("Dear ImGui's Vulkan backend: ", gpu::resultName(r));
}

// Dear ImGui's colours are sRGB values; an sRGB target encodes what it receives, so they are
// decoded to linear first or the UI comes out washed out.
float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

ImU32 colour(int r, int g, int b, int a) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(toLinear(static_cast<float>(r) / 255.0f), toLinear(static_cast<float>(g) / 255.0f),
                                                 toLinear(static_cast<float>(b) / 255.0f), static_cast<float>(a) / 255.0f));
}

bool isSrgb(VkFormat f) {
    return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

}  // namespace

struct UiOverlay::Pool {
    gpu::Handle<VkDescriptorPool> handle;
};

UiOverlay::UiOverlay(gpu::Device& app_device, Renderer& renderer, std::uint32_t imageCount, GLFWwindow* window)
    : device_(app_device), renderer_(renderer), pool_(std::make_unique<Pool>()) {
    gpu::VulkanDevice& device = gpu::vk(app_device);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini littering the working directory
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 4.0f;
    srgb_ = isSrgb(gpu::toVk(renderer.config().colour_format));
    if (srgb_)
        for (ImVec4& c : ImGui::GetStyle().Colors) c = ImVec4(toLinear(c.x), toLinear(c.y), toLinear(c.z), c.w);

    std::array<VkDescriptorPoolSize, 1> sizes{{{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
    VkDescriptorPoolCreateInfo pci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pci.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pci.maxSets = 16;
    pci.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    pci.pPoolSizes = sizes.data();
    VkDescriptorPool pool;
    PALPA_VK(vkCreateDescriptorPool(device.device(), &pci, nullptr, &pool));
    pool_->handle = gpu::Handle<VkDescriptorPool>(device.device(), pool, vkDestroyDescriptorPool);

    if (window) glfw_ = ImGui_ImplGlfw_InitForVulkan(window, true);
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = device.instance();
    info.PhysicalDevice = device.physical();
    info.Device = device.device();
    info.QueueFamily = device.queueFamily();
    info.Queue = device.queue();
    info.DescriptorPool = pool;
    info.Subpass = 0;
    info.MinImageCount = std::max(2u, imageCount);
    info.ImageCount = std::max(2u, imageCount);
    info.MSAASamples = static_cast<VkSampleCountFlagBits>(renderer.config().samples);
    info.CheckVkResultFn = checkImgui;
    if (!ImGui_ImplVulkan_Init(&info, gpu::toVk(renderer.renderPass()))) throw gpu::GpuError("Dear ImGui's Vulkan backend failed to start");
    device.submitNow([](VkCommandBuffer cb) { ImGui_ImplVulkan_CreateFontsTexture(cb); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    renderer.setOverlay([](gpu::CommandList cb) {
        if (ImDrawData* data = ImGui::GetDrawData(); data && data->CmdListsCount > 0) ImGui_ImplVulkan_RenderDrawData(data, gpu::toVk(cb));
    });
}

UiOverlay::~UiOverlay() {
    device_.waitIdle();
    renderer_.setOverlay({});
    ImGui_ImplVulkan_Shutdown();
    if (glfw_) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void UiOverlay::newFrame(gpu::Extent size) {
    ImGui_ImplVulkan_NewFrame();
    if (glfw_) ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    if (!glfw_) io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
}

void UiOverlay::endFrame() { ImGui::Render(); }

void UiOverlay::drawLabels(const FrameDesc& frame, gpu::Extent size) {
    if (frame.views.empty()) return;
    const View& v = frame.views[0];
    const glm::mat4 viewProj = v.projection * v.view;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    auto rgba = [this](int r, int g, int b, int a) { return srgb_ ? colour(r, g, b, a) : IM_COL32(r, g, b, a); };
    // Project the anchors, then lay the texts out so that none covers another.
    std::vector<LabelBox> boxes;
    std::vector<const Label*> shown;
    for (const Label& label : frame.labels) {
        const glm::vec4 clip = viewProj * glm::vec4(label.position, 1.0f);
        if (clip.w <= 1e-4f) continue;
        const ImVec2 text = ImGui::CalcTextSize(label.text.c_str());
        boxes.push_back({{(clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(size.width),
                          (clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(size.height)},
                         {text.x, text.y}});
        shown.push_back(&label);
    }
    layoutLabels(boxes);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const LabelBox& b = boxes[i];
        const ImVec2 at(b.anchor.x, b.anchor.y), text(b.at.x, b.at.y);
        if (b.leader) draw->AddLine(at, ImVec2(text.x - 2.0f, text.y + b.size.y * 0.5f), rgba(255, 214, 64, 200), 1.0f);
        draw->AddCircleFilled(at, 3.0f, rgba(255, 214, 64, 255));
        draw->AddText(ImVec2(text.x + 1.0f, text.y + 1.0f), rgba(0, 0, 0, 200), shown[i]->text.c_str());
        draw->AddText(text, rgba(255, 255, 255, 255), shown[i]->text.c_str());
    }
}

bool UiOverlay::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }

}  // namespace palpa::render
