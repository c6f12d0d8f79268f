// Role: internal state of render::Renderer, shared by its implementation files (resources
// and recording in renderer.cpp, render pass and pipelines in pipelines.cpp). Not a public
// interface: include only from engine/render/*.cpp.
#pragma once

#include <array>
#include <map>
#include <vector>

#include <glm/mat4x4.hpp>

#include "gpu/handle.hpp"
#include "gpu/resources.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"
#include "input/hand_mesh.hpp"
#include "render/renderer.hpp"

namespace palpa::render {

// The configuration as Vulkan's values.
inline VkSampleCountFlagBits samplesOf(const RenderConfig& c) { return static_cast<VkSampleCountFlagBits>(c.samples); }
inline VkFormat formatOf(const RenderConfig& c) { return gpu::toVk(c.colour_format); }
inline VkImageLayout finalLayoutOf(const RenderConfig& c) {
    switch (c.use) {
        case FrameUse::Present: return VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
        case FrameUse::XrSwapchain: return VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
        case FrameUse::Readback: break;
    }
    return VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
}

// Reads a compiled SPIR-V file into a shader module; throws palpa::Error naming a missing or
// malformed file.
gpu::Handle<VkShaderModule> loadShader(gpu::VulkanDevice& device, const std::filesystem::path& path);

// A graphics pipeline for one subpass with dynamic viewport and scissor, depth tested, shaders
// entered at "main" (the renderer's meshes and hands, the floating panel's quad).
struct PipelineDesc {
    VkShaderModule vertex = VK_NULL_HANDLE;
    VkShaderModule fragment = VK_NULL_HANDLE;
    const VkPipelineVertexInputStateCreateInfo* vertex_input = nullptr;  // null: no vertex buffers
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkCullModeFlags cull = VK_CULL_MODE_NONE;
    bool depth_write = true;
    bool depth_test = true;
    bool blend = false;  // alpha blending
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkRenderPass render_pass = VK_NULL_HANDLE;
};
gpu::Handle<VkPipeline> makeGraphicsPipeline(gpu::VulkanDevice& device, const PipelineDesc& desc);

// Uniform block shared by mesh.vert and mesh.frag (std140).
struct FrameUniforms {
    glm::mat4 view_proj[2];
    glm::vec4 eye[2];
    glm::vec4 clip_plane;
    glm::vec4 key_light;
    glm::vec4 fill_light;
    glm::vec4 params;
    glm::vec4 swell;  // z0, z1, x0, half width (FrameDesc::swell_region)
    glm::vec4 chest;  // the same for FrameDesc::chest_region; params.y: its share
    // FrameDesc::limb (scene::LimbWarp): side plane, blends, and each hinge's pivot, distal
    // direction and rotation about the pivot.
    glm::vec4 limb_side;    // normal xyz, offset
    glm::vec4 limb_blend;   // side blend, proximal blend, distal blend, on (1) or off (0)
    glm::vec4 prox_pivot;   // xyz, lateral limit
    glm::vec4 prox_distal;  // xyz
    glm::vec4 dist_pivot;   // xyz, lateral blend
    glm::vec4 dist_distal;
    glm::mat4 prox_rot;
    glm::mat4 dist_rot;
};
static_assert(sizeof(FrameUniforms) == 2 * 64 + 2 * 16 + 12 * 16 + 2 * 64, "must match the GLSL Frame block");

// Push constants of one draw (mesh.vert / mesh.frag "Draw").
struct DrawConstants {
    glm::mat4 model;
    glm::vec4 colour;
    glm::vec4 flags;  // x: highlighted, y: unlit, z: solid in x-ray, w: swell amount (m)
    glm::vec4 bulge_origin = glm::vec4(0.0f);     // xyz, w: bulge amount (0: none)
    glm::vec4 bulge_insertion = glm::vec4(0.0f);  // xyz, w: 1 when the limb warp moves this mesh
};
static_assert(sizeof(DrawConstants) == 128, "must match the GLSL Draw block (128: the least push space)");

struct MeshRange {
    std::uint32_t first_index = 0;
    std::uint32_t index_count = 0;
    std::int32_t vertex_offset = 0;
    glm::vec3 centre{0.0f};
    glm::vec3 lo{0.0f}, hi{0.0f};  // bounds, model space
    glm::vec4 colour{1.0f};
    std::uint32_t layer = 0;
    // A simplified copy of the triangles (same vertices), drawn where `lod_error` metres
    // projects under kLodPixels in every view; lod_count 0: none.
    std::uint32_t lod_first = 0, lod_count = 0;
    float lod_error = 0.0f;
};
inline constexpr std::size_t kMaxHands = 4;            // hand meshes drawn a frame
inline constexpr float kLodPixels = 0.5f;            // screen-space error allowed
inline constexpr float kLodError = 0.0004f;          // m: what simplification may move
inline constexpr std::size_t kLodMinTriangles = 8000;  // smaller meshes are drawn as they are

struct Renderer::Impl {
    gpu::VulkanDevice& device;
    RenderConfig config;
    std::vector<MeshRange> meshes;  // scene meshes, then the hand sphere and capsule
    std::vector<std::pair<glm::vec3, glm::vec3>> layer_bounds;  // per scene layer
    std::uint32_t culled = 0;       // meshes skipped by the last record()
    std::uint32_t lod_draws = 0;    // meshes drawn simplified by the last record()
    MeshRange sphere, cylinder, cone;
    // The hands' meshes ([0] left, [1] right), their triangles in the index buffer (skin, then
    // nails) and their posed vertices in a host-visible buffer per slot, kMaxHands meshes each.
    std::array<const input::HandMesh*, 2> hand_meshes{};  // built once a process
    std::array<MeshRange, 2> hand_skin, hand_nails;
    std::vector<gpu::Buffer> hand_vertices;
    std::vector<glm::vec3> hand_positions, hand_normals;  // scratch for posing

    gpu::Buffer vertices, indices;
    std::vector<gpu::Buffer> uniforms;  // one per slot
    gpu::Handle<VkDescriptorSetLayout> set_layout;
    gpu::Handle<VkDescriptorPool> descriptor_pool;
    std::vector<VkDescriptorSet> sets;
    gpu::Handle<VkPipelineLayout> layout;
    gpu::Handle<VkRenderPass> render_pass;
    gpu::Handle<VkPipeline> opaque, transparent, hands, guides;

    // Attachments sized to the last target (MSAA colour, depth) and framebuffers per target.
    VkExtent2D extent{0, 0};
    gpu::Image msaa, depth;
    struct Framebuffer {
        gpu::Handle<VkFramebuffer> handle;
        VkExtent2D extent;
    };
    std::map<VkImageView, Framebuffer> framebuffers;

    gpu::Handle<VkQueryPool> timestamps;  // two per slot
    bool timing = false;
    std::uint32_t draw_count = 0;
    std::function<void(gpu::CommandList)> overlay;

    Impl(gpu::VulkanDevice& d, RenderConfig c) : device(d), config(std::move(c)) {}

    // pipelines.cpp
    void createRenderPass();
    void createPipelines();
    // renderer.cpp
    void ensureAttachments(VkExtent2D size);
    VkFramebuffer framebufferFor(VkImageView target, VkExtent2D size);
};

}  // namespace palpa::render
