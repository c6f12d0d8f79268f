// Render pass and graphics pipelines of render::Renderer, and SPIR-V loading.
#include <array>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <unistd.h>

#include "core/error.hpp"
#include "gpu/vk_check.hpp"
#include "render/renderer_impl.hpp"
#include "scene/scene.hpp"

namespace palpa::render {
namespace {

std::vector<std::uint32_t> readSpirv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error("missing shader " + path.string() +
                    " (rebuild palpa, or point PALPA_SHADERS at the folder of compiled .spv files)");
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size == 0 || size % 4 != 0) throw Error("shader " + path.string() + " is not SPIR-V (size " + std::to_string(size) + ")");
    std::vector<std::uint32_t> words(size / 4);
    in.seekg(0);
    in.read(reinterpret_cast<char*>(words.data()), static_cast<std::streamsize>(size));
    if (words[0] != 0x07230203u) throw Error("shader " + path.string() + " is not SPIR-V (bad magic number)");
    return words;
}


}  // namespace

gpu::Handle<VkShaderModule> loadShader(gpu::VulkanDevice& d, const std::filesystem::path& path) {
    const std::vector<std::uint32_t> code = readSpirv(path);
    VkShaderModuleCreateInfo ci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    ci.codeSize = code.size() * 4;
    ci.pCode = code.data();
    VkShaderModule m;
    PALPA_VK(vkCreateShaderModule(d.device(), &ci, nullptr, &m));
    return gpu::Handle<VkShaderModule>(d.device(), m, vkDestroyShaderModule);
}

gpu::Handle<VkPipeline> makeGraphicsPipeline(gpu::VulkanDevice& device, const PipelineDesc& d) {
    std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
    stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT, d.vertex, "main", nullptr};
    stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT, d.fragment, "main", nullptr};
    const VkPipelineVertexInputStateCreateInfo noInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    VkPipelineInputAssemblyStateCreateInfo ia{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    ia.topology = d.topology;
    VkPipelineViewportStateCreateInfo vp{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    vp.viewportCount = 1;
    vp.scissorCount = 1;
    VkPipelineMultisampleStateCreateInfo ms{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    ms.rasterizationSamples = d.samples;
    const std::array<VkDynamicState, 2> dyn{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo ds{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    ds.dynamicStateCount = static_cast<std::uint32_t>(dyn.size());
    ds.pDynamicStates = dyn.data();
    VkPipelineRasterizationStateCreateInfo rs{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    rs.polygonMode = VK_POLYGON_MODE_FILL;
    rs.cullMode = d.cull;
    rs.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    rs.lineWidth = 1.0f;
    VkPipelineDepthStencilStateCreateInfo dss{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    dss.depthTestEnable = d.depth_test ? VK_TRUE : VK_FALSE;
    dss.depthWriteEnable = d.depth_write ? VK_TRUE : VK_FALSE;
    dss.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
    VkPipelineColorBlendAttachmentState cb{};
    cb.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    if (d.blend) {  // straight-alpha "over"; alpha accumulates coverage
        cb.blendEnable = VK_TRUE;
        cb.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
        cb.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        cb.colorBlendOp = VK_BLEND_OP_ADD;
        cb.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
        cb.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        cb.alphaBlendOp = VK_BLEND_OP_ADD;
    }
    VkPipelineColorBlendStateCreateInfo cbs{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    cbs.attachmentCount = 1;
    cbs.pAttachments = &cb;
    VkGraphicsPipelineCreateInfo gp{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
    gp.stageCount = static_cast<std::uint32_t>(stages.size());
    gp.pStages = stages.data();
    gp.pVertexInputState = d.vertex_input ? d.vertex_input : &noInput;
    gp.pInputAssemblyState = &ia;
    gp.pViewportState = &vp;
    gp.pRasterizationState = &rs;
    gp.pMultisampleState = &ms;
    gp.pDepthStencilState = &dss;
    gp.pColorBlendState = &cbs;
    gp.pDynamicState = &ds;
    gp.layout = d.layout;
    gp.renderPass = d.render_pass;
    VkPipeline p;
    PALPA_VK(vkCreateGraphicsPipelines(device.device(), VK_NULL_HANDLE, 1, &gp, nullptr, &p));
    return gpu::Handle<VkPipeline>(device.device(), p, vkDestroyPipeline);
}

std::filesystem::path shaderDir() {
    if (const char* env = std::getenv("PALPA_SHADERS"); env && *env) return env;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path beside = exe.parent_path().parent_path() / "shaders";
        if (std::filesystem::exists(beside / "mesh.vert.spv", ec)) return beside;
    }
    return PALPA_SHADER_BUILD_DIR;
}

void Renderer::Impl::createRenderPass() {
    const bool msaaOn = samplesOf(config) != VK_SAMPLE_COUNT_1_BIT;
    std::vector<VkAttachmentDescription> att;
    VkAttachmentDescription colour{};
    colour.format = formatOf(config);
    colour.samples = samplesOf(config);
    colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    colour.storeOp = msaaOn ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
    colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    colour.finalLayout = msaaOn ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : finalLayoutOf(config);
    att.push_back(colour);
    VkAttachmentDescription depthAtt = colour;
    depthAtt.format = VK_FORMAT_D32_SFLOAT;
    depthAtt.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depthAtt.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    att.push_back(depthAtt);
    if (msaaOn) {
        VkAttachmentDescription resolve = colour;
        resolve.samples = VK_SAMPLE_COUNT_1_BIT;
        resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
        resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
        resolve.finalLayout = finalLayoutOf(config);
        att.push_back(resolve);
    }
    const VkAttachmentReference colourRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    const VkAttachmentReference depthRef{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
    const VkAttachmentReference resolveRef{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription sub{};
    sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    sub.colorAttachmentCount = 1;
    sub.pColorAttachments = &colourRef;
    sub.pDepthStencilAttachment = &depthRef;
    sub.pResolveAttachments = msaaOn ? &resolveRef : nullptr;
    // Previous use of the target (a copy, presentation or the XR compositor) must finish
    // before we write; our writes must land before whatever reads the target next.
    std::array<VkSubpassDependency, 2> deps{};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[0].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                            VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                            VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT;
    deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;

    const std::uint32_t viewMask = (1u << config.views) - 1u;
    VkRenderPassMultiviewCreateInfo mv{VK_STRUCTURE_TYPE_RENDER_PASS_MULTIVIEW_CREATE_INFO};
    mv.subpassCount = 1;
    mv.pViewMasks = &viewMask;
    mv.correlationMaskCount = 1;
    mv.pCorrelationMasks = &viewMask;
    VkRenderPassCreateInfo rp{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    rp.pNext = &mv;
    rp.attachmentCount = static_cast<std::uint32_t>(att.size());
    rp.pAttachments = att.data();
    rp.subpassCount = 1;
    rp.pSubpasses = &sub;
    rp.dependencyCount = static_cast<std::uint32_t>(deps.size());
    rp.pDependencies = deps.data();
    VkRenderPass pass;
    PALPA_VK(vkCreateRenderPass(device.device(), &rp, nullptr, &pass));
    render_pass = gpu::Handle<VkRenderPass>(device.device(), pass, vkDestroyRenderPass);
}

void Renderer::Impl::createPipelines() {
    const std::filesystem::path dir = config.shader_dir.empty() ? shaderDir() : config.shader_dir;
    const auto vert = loadShader(device, dir / "mesh.vert.spv");
    const auto frag = loadShader(device, dir / "mesh.frag.spv");

    VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(DrawConstants)};
    const VkDescriptorSetLayout setLayout = set_layout.get();
    VkPipelineLayoutCreateInfo lci{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    lci.setLayoutCount = 1;
    lci.pSetLayouts = &setLayout;
    lci.pushConstantRangeCount = 1;
    lci.pPushConstantRanges = &push;
    VkPipelineLayout pl;
    PALPA_VK(vkCreatePipelineLayout(device.device(), &lci, nullptr, &pl));
    layout = gpu::Handle<VkPipelineLayout>(device.device(), pl, vkDestroyPipelineLayout);

    const VkVertexInputBindingDescription binding{0, sizeof(scene::Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
    const std::array<VkVertexInputAttributeDescription, 2> attrs{
        VkVertexInputAttributeDescription{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(scene::Vertex, position)},
        VkVertexInputAttributeDescription{1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(scene::Vertex, normal)}};
    VkPipelineVertexInputStateCreateInfo vi{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    vi.vertexBindingDescriptionCount = 1;
    vi.pVertexBindingDescriptions = &binding;
    vi.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(attrs.size());
    vi.pVertexAttributeDescriptions = attrs.data();
    PipelineDesc desc;
    desc.vertex = vert.get();
    desc.fragment = frag.get();
    desc.vertex_input = &vi;
    desc.samples = samplesOf(config);
    desc.layout = layout.get();
    desc.render_pass = render_pass.get();
    auto make = [&](VkCullModeFlags cull, bool depthWrite, bool blend) {
        desc.cull = cull;
        desc.depth_write = depthWrite;
        desc.blend = blend;
        return makeGraphicsPipeline(device, desc);
    };
    // Opaque meshes draw both faces: a clipping plane opens them and shows their inside.
    opaque = make(VK_CULL_MODE_NONE, true, false);
    transparent = make(VK_CULL_MODE_BACK_BIT, false, true);
    hands = make(VK_CULL_MODE_BACK_BIT, true, false);
    // Guides are drawn last and over everything: a target zone or an arrow stays in view
    // under the student's hands.
    desc.depth_test = false;
    guides = make(VK_CULL_MODE_BACK_BIT, false, false);
}

}  // namespace palpa::render
