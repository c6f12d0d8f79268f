#include "render/panel.hpp"

#include <array>
#include <cfloat>

#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <glm/geometric.hpp>

#include "core/log.hpp"
#include "gpu/resources.hpp"
#include "gpu/vk_check.hpp"
#include "render/renderer_impl.hpp"

namespace palpa::render {

namespace {

void checkImgui(VkResult r) {
    if (r < 0) log::error("Dear ImGui's Vulkan backend: ", gpu::resultName(r));
}

struct PanelPush {
    glm::mat4 mvp[2];
};
static_assert(sizeof(PanelPush) == 128,
              "must match the GLSL Panel block (and fit the guaranteed 128 bytes)");

}  // namespace

struct Panel::Impl {
    gpu::VulkanDevice& device;
    Renderer& renderer;
    VkExtent2D extent;
    gpu::Image texture;                  // UNORM pixels as ImGui writes them (sRGB-encoded values)
    gpu::Handle<VkImageView> srgb_view;  // the same pixels read as sRGB, decoded to linear
    gpu::Handle<VkRenderPass> pass;
    gpu::Handle<VkFramebuffer> framebuffer;
    gpu::Handle<VkSampler> sampler;
    gpu::Handle<VkDescriptorPool> pool;  // ImGui's sets and the quad's
    gpu::Handle<VkDescriptorSetLayout> set_layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    gpu::Handle<VkPipelineLayout> layout;
    gpu::Handle<VkPipeline> pipeline;
    PanelPush push{};
    bool placed = false;
};

glm::mat4 panelTransform(const glm::vec3& centre, const glm::vec3& right, const glm::vec3& up,
                         float w, float h) {
    const glm::vec3 r = glm::normalize(right), u = glm::normalize(up);
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(r * w, 0.0f);
    m[1] = glm::vec4(u * h, 0.0f);
    m[2] = glm::vec4(glm::cross(r, u), 0.0f);
    m[3] = glm::vec4(centre, 1.0f);
    return m;
}

Panel::Panel(gpu::Device& app_device, Renderer& renderer, gpu::Extent size,
             std::uint32_t framesInFlight)
    : impl_(std::make_unique<Impl>(Impl{gpu::vk(app_device),
                                        renderer,
                                        gpu::toVk(size),
                                        {},
                                        {},
                                        {},
                                        {},
                                        {},
                                        {},
                                        {},
                                        VK_NULL_HANDLE,
                                        {},
                                        {},
                                        {},
                                        false})) {
    Impl& p = *impl_;
    gpu::VulkanDevice& device = p.device;
    const VkExtent2D pixels = p.extent;
    VkDevice dev = device.device();
    gpu::ImageDesc desc;
    desc.extent = pixels;
    desc.format = VK_FORMAT_R8G8B8A8_UNORM;
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    desc.flags = VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    p.texture = gpu::makeImage(device, desc);
    VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vci.image = p.texture.image.get();
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D;  // the shader samples a sampler2D
    vci.format = VK_FORMAT_R8G8B8A8_SRGB;
    vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView srgb;
    PALPA_VK(vkCreateImageView(dev, &vci, nullptr, &srgb));
    p.srgb_view = gpu::Handle<VkImageView>(dev, srgb, vkDestroyImageView);

    // The ImGui pass: clear, draw, leave the texture ready for sampling.
    VkAttachmentDescription att{};
    att.format = VK_FORMAT_R8G8B8A8_UNORM;
    att.samples = VK_SAMPLE_COUNT_1_BIT;
    att.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    att.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    att.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    att.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    att.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription sub{};
    sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    sub.colorAttachmentCount = 1;
    sub.pColorAttachments = &ref;
    std::array<VkSubpassDependency, 2> deps{};
    deps[0] = {VK_SUBPASS_EXTERNAL,
               0,
               VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
               VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_ACCESS_SHADER_READ_BIT,
               VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
               0};
    deps[1] = {0,
               VK_SUBPASS_EXTERNAL,
               VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
               VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
               VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
               VK_ACCESS_SHADER_READ_BIT,
               0};
    VkRenderPassCreateInfo rpi{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    rpi.attachmentCount = 1;
    rpi.pAttachments = &att;
    rpi.subpassCount = 1;
    rpi.pSubpasses = &sub;
    rpi.dependencyCount = static_cast<std::uint32_t>(deps.size());
    rpi.pDependencies = deps.data();
    VkRenderPass pass;
    PALPA_VK(vkCreateRenderPass(dev, &rpi, nullptr, &pass));
    p.pass = gpu::Handle<VkRenderPass>(dev, pass, vkDestroyRenderPass);
    VkImageView unorm = p.texture.view.get();
    VkFramebufferCreateInfo fci{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fci.renderPass = pass;
    fci.attachmentCount = 1;
    fci.pAttachments = &unorm;
    fci.width = pixels.width;
    fci.height = pixels.height;
    fci.layers = 1;
    VkFramebuffer fb;
    PALPA_VK(vkCreateFramebuffer(dev, &fci, nullptr, &fb));
    p.framebuffer = gpu::Handle<VkFramebuffer>(dev, fb, vkDestroyFramebuffer);

    VkSamplerCreateInfo sci{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    sci.magFilter = sci.minFilter = VK_FILTER_LINEAR;
    sci.addressModeU = sci.addressModeV = sci.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    sci.maxLod = 0.0f;
    VkSampler sampler;
    PALPA_VK(vkCreateSampler(dev, &sci, nullptr, &sampler));
    p.sampler = gpu::Handle<VkSampler>(dev, sampler, vkDestroySampler);

    std::array<VkDescriptorPoolSize, 1> sizes{{{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}}};
    VkDescriptorPoolCreateInfo dpi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpi.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    dpi.maxSets = 16;
    dpi.poolSizeCount = 1;
    dpi.pPoolSizes = sizes.data();
    VkDescriptorPool pool;
    PALPA_VK(vkCreateDescriptorPool(dev, &dpi, nullptr, &pool));
    p.pool = gpu::Handle<VkDescriptorPool>(dev, pool, vkDestroyDescriptorPool);

    VkDescriptorSetLayoutBinding b{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                   VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = 1;
    li.pBindings = &b;
    VkDescriptorSetLayout setLayout;
    PALPA_VK(vkCreateDescriptorSetLayout(dev, &li, nullptr, &setLayout));
    p.set_layout = gpu::Handle<VkDescriptorSetLayout>(dev, setLayout, vkDestroyDescriptorSetLayout);
    VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    ai.descriptorPool = pool;
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &setLayout;
    PALPA_VK(vkAllocateDescriptorSets(dev, &ai, &p.set));
    VkDescriptorImageInfo ii{sampler, p.srgb_view.get(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = p.set;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    w.pImageInfo = &ii;
    vkUpdateDescriptorSets(dev, 1, &w, 0, nullptr);

    // The quad pipeline, in the renderer's pass (its samples and views).
    VkPushConstantRange range{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(PanelPush)};
    VkPipelineLayoutCreateInfo pli{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pli.setLayoutCount = 1;
    pli.pSetLayouts = &setLayout;
    pli.pushConstantRangeCount = 1;
    pli.pPushConstantRanges = &range;
    VkPipelineLayout layout;
    PALPA_VK(vkCreatePipelineLayout(dev, &pli, nullptr, &layout));
    p.layout = gpu::Handle<VkPipelineLayout>(dev, layout, vkDestroyPipelineLayout);
    const auto dir =
        renderer.config().shader_dir.empty() ? shaderDir() : renderer.config().shader_dir;
    const auto vert = loadShader(device, dir / "panel.vert.spv");
    const auto frag = loadShader(device, dir / "panel.frag.spv");
    PipelineDesc pd;
    pd.vertex = vert.get();
    pd.fragment = frag.get();
    pd.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_STRIP;
    pd.cull = VK_CULL_MODE_NONE;
    pd.blend = true;
    pd.samples = samplesOf(renderer.config());
    pd.layout = layout;
    pd.render_pass = gpu::toVk(renderer.renderPass());
    p.pipeline = makeGraphicsPipeline(device, pd);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.FontGlobalScale = 1.25f;
    ImGui::StyleColorsDark();
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = device.instance();
    info.PhysicalDevice = device.physical();
    info.Device = dev;
    info.QueueFamily = device.queueFamily();
    info.Queue = device.queue();
    info.DescriptorPool = pool;
    info.MinImageCount = info.ImageCount = std::max(2u, framesInFlight);
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = checkImgui;
    if (!ImGui_ImplVulkan_Init(&info, pass)) {
        ImGui::DestroyContext();
        throw gpu::GpuError("Dear ImGui's Vulkan backend failed to start for the panel");
    }
    try {
        device.submitNow([](VkCommandBuffer c) { ImGui_ImplVulkan_CreateFontsTexture(c); });
    } catch (...) {
        ImGui_ImplVulkan_Shutdown();
        ImGui::DestroyContext();
        throw;
    }
    ImGui_ImplVulkan_DestroyFontUploadObjects();

    renderer.setOverlay([this](gpu::CommandList commands) {
        const VkCommandBuffer c = gpu::toVk(commands);
        Impl& q = *impl_;
        if (!q.placed) return;
        vkCmdBindPipeline(c, VK_PIPELINE_BIND_POINT_GRAPHICS, q.pipeline.get());
        vkCmdBindDescriptorSets(c, VK_PIPELINE_BIND_POINT_GRAPHICS, q.layout.get(), 0, 1, &q.set, 0,
                                nullptr);
        vkCmdPushConstants(c, q.layout.get(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof q.push,
                           &q.push);
        vkCmdDraw(c, 4, 1, 0, 0);
    });
}

Panel::~Panel() {
    impl_->device.waitIdle();
    impl_->renderer.setOverlay({});
    ImGui_ImplVulkan_Shutdown();
    ImGui::DestroyContext();
}

gpu::Extent Panel::pixels() const {
    return gpu::fromVk(impl_->extent);
}

void Panel::setPointer(const std::optional<glm::vec2>& pixel, bool pressed) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pixel ? ImVec2(pixel->x, pixel->y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = pixel && pressed;
}

void Panel::newFrame(float dt) {
    ImGui_ImplVulkan_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize =
        ImVec2(static_cast<float>(impl_->extent.width), static_cast<float>(impl_->extent.height));
    io.DeltaTime = dt > 0.0f ? dt : 1.0f / 90.0f;
    ImGui::NewFrame();
}

void Panel::endFrame() {
    ImGui::Render();
}

void Panel::recordTexture(gpu::CommandList commands) {
    Impl& p = *impl_;
    const VkCommandBuffer cb = gpu::toVk(commands);
    VkClearValue clear{};
    clear.color = {{0.06f, 0.07f, 0.09f, 0.92f}};
    VkRenderPassBeginInfo rb{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rb.renderPass = p.pass.get();
    rb.framebuffer = p.framebuffer.get();
    rb.renderArea = {{0, 0}, p.extent};
    rb.clearValueCount = 1;
    rb.pClearValues = &clear;
    vkCmdBeginRenderPass(cb, &rb, VK_SUBPASS_CONTENTS_INLINE);
    if (ImDrawData* data = ImGui::GetDrawData(); data && data->CmdListsCount > 0)
        ImGui_ImplVulkan_RenderDrawData(data, cb);
    vkCmdEndRenderPass(cb);
}

void Panel::place(const glm::mat4& world_from_panel, const std::vector<View>& views) {
    Impl& p = *impl_;
    p.placed = !views.empty();
    for (std::size_t i = 0; i < 2 && !views.empty(); ++i) {
        const View& v = views[std::min(i, views.size() - 1)];
        p.push.mvp[i] = v.projection * v.view * world_from_panel;
    }
}

}  // namespace palpa::render
