#include "render/ui_overlay.hpp"

#include <array>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"

namespace palpa::render {
namespace {

void checkImgui(VkResult r) {
    if (r < 0) log::error("Dear ImGui's Vulkan backend: ", gpu::resultName(r));
}

}  // namespace

UiOverlay::UiOverlay(gpu::Device& device, Renderer& renderer, std::uint32_t imageCount, GLFWwindow* window)
    : device_(device), renderer_(renderer) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini littering the working directory
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 4.0f;

    std::array<VkDescriptorPoolSize, 1> sizes{{{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
    VkDescriptorPoolCreateInfo pci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pci.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pci.maxSets = 16;
    pci.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    pci.pPoolSizes = sizes.data();
    VkDescriptorPool pool;
    PALPA_VK(vkCreateDescriptorPool(device.device(), &pci, nullptr, &pool));
    pool_ = gpu::Handle<VkDescriptorPool>(device.device(), pool, vkDestroyDescriptorPool);

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
    info.MSAASamples = renderer.config().samples;
    info.CheckVkResultFn = checkImgui;
    if (!ImGui_ImplVulkan_Init(&info, renderer.renderPass())) throw gpu::GpuError("Dear ImGui's Vulkan backend failed to start");
    device.submitNow([](VkCommandBuffer cb) { ImGui_ImplVulkan_CreateFontsTexture(cb); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    renderer.setOverlay([](VkCommandBuffer cb) {
        if (ImDrawData* data = ImGui::GetDrawData(); data && data->CmdListsCount > 0) ImGui_ImplVulkan_RenderDrawData(data, cb);
    });
}

UiOverlay::~UiOverlay() {
    device_.waitIdle();
    renderer_.setOverlay({});
    ImGui_ImplVulkan_Shutdown();
    if (glfw_) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void UiOverlay::newFrame(VkExtent2D size) {
    ImGui_ImplVulkan_NewFrame();
    if (glfw_) ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    if (!glfw_) io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
}

void UiOverlay::endFrame() { ImGui::Render(); }

bool UiOverlay::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }

}  // namespace palpa::render
