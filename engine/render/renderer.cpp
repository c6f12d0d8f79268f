#include "render/renderer.hpp"

#include "scene/lod.hpp"

#include <algorithm>
#include <cstring>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "core/log.hpp"
#include "gpu/vk_check.hpp"
#include "render/renderer_impl.hpp"
#include "scene/mesh_builder.hpp"

namespace palpa::render {
namespace {

VkSampleCountFlagBits supportedSamples(const gpu::VulkanDevice& d, VkSampleCountFlagBits wanted) {
    const VkSampleCountFlags ok = d.properties().limits.framebufferColorSampleCounts &
                                  d.properties().limits.framebufferDepthSampleCounts;
    for (VkSampleCountFlagBits s = wanted; s > VK_SAMPLE_COUNT_1_BIT; s = static_cast<VkSampleCountFlagBits>(s >> 1))
        if (ok & s) return s;
    return VK_SAMPLE_COUNT_1_BIT;
}

// Model matrix turning the unit cylinder (radius 1, z 0..1) into a capsule body from a to b.
glm::mat4 boneMatrix(const glm::vec3& a, const glm::vec3& b, float radius) {
    const glm::vec3 axis = b - a;
    const float len = glm::length(axis);
    if (len < 1e-6f) return glm::scale(glm::translate(glm::mat4(1.0f), a), glm::vec3(0.0f));
    const glm::vec3 z = axis / len;
    const glm::vec3 helper = std::abs(z.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    const glm::vec3 x = glm::normalize(glm::cross(helper, z));
    const glm::vec3 y = glm::cross(z, x);
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(x * radius, 0.0f);
    m[1] = glm::vec4(y * radius, 0.0f);
    m[2] = glm::vec4(z * len, 0.0f);
    m[3] = glm::vec4(a, 1.0f);
    return m;
}

// Whether a mesh's bounds (moved by `model`, raised by `swell` toward +Y) may show in a view:
// false when all eight corners lie outside one clip plane of every view.
bool inAnyView(const std::vector<View>& views, const MeshRange& m, const glm::mat4* model, float swell) {
    const glm::vec3 hi = m.hi + glm::vec3(0.0f, std::abs(swell), 0.0f);
    for (const View& v : views) {
        const glm::mat4 clip = v.projection * v.view * (model ? *model : glm::mat4(1.0f));
        int outside[6] = {0, 0, 0, 0, 0, 0};
        for (int c = 0; c < 8; ++c) {
            const glm::vec4 p = clip * glm::vec4(c & 1 ? hi.x : m.lo.x, c & 2 ? hi.y : m.lo.y, c & 4 ? hi.z : m.lo.z, 1.0f);
            outside[0] += p.x < -p.w;
            outside[1] += p.x > p.w;
            outside[2] += p.y < -p.w;
            outside[3] += p.y > p.w;
            outside[4] += p.z < 0.0f;
            outside[5] += p.z > p.w;
        }
        bool culled = false;
        for (int o : outside) culled = culled || o == 8;
        if (!culled) return true;
    }
    return false;
}

// Whether the frame's limb warp moves mesh i: it is on, the mesh is not fixed, and its bounds
// reach the limb's side of the body.
bool warps(const FrameDesc& f, std::size_t i, const MeshRange& m) {
    if (!f.limb || !f.limb->active()) return false;
    for (std::uint32_t fixed : f.limb_fixed)
        if (fixed == i) return false;
    const glm::vec3 n = f.limb->side_normal;
    const float reach = std::max(glm::dot(m.lo, n), glm::dot(m.hi, n));  // n is an axis
    return reach > f.limb->side_offset;
}

// Bounds that hold a mesh wherever the warp moves it: every warped point is a blend of the
// rest point, the point turned by either hinge and by both, so the corners under those four
// motions (grown for a bulge) bound it.
MeshRange warpedBounds(const scene::LimbWarp& w, MeshRange m) {
    const glm::mat4 p = w.proximal.matrix(), d = w.distal.matrix();
    const glm::mat4 motions[4] = {glm::mat4(1.0f), d, p, p * d};
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const glm::mat4& motion : motions)
        for (int c = 0; c < 8; ++c) {
            const glm::vec3 q(motion * glm::vec4(c & 1 ? m.hi.x : m.lo.x, c & 2 ? m.hi.y : m.lo.y, c & 4 ? m.hi.z : m.lo.z, 1.0f));
            lo = glm::min(lo, q);
            hi = glm::max(hi, q);
        }
    const glm::vec3 grow = 0.25f * (hi - lo);
    m.lo = lo - grow;
    m.hi = hi + grow;
    return m;
}

// The hands' meshes, built once a process (each is meshed from an implicit surface).
const input::HandMesh& handMesh(input::Hand hand) {
    static const std::array<input::HandMesh, 2> meshes = [] {
        input::HandMesh right = input::buildHandMesh(input::Hand::Right);  // meshed once...
        input::HandMesh left = input::mirroredHand(right);                  // ...and mirrored
        return std::array<input::HandMesh, 2>{std::move(left), std::move(right)};
    }();
    return meshes[static_cast<std::size_t>(hand)];
}

}  // namespace

Renderer::Renderer(gpu::Device& app_device, const scene::Scene& scene, RenderConfig config)
    : impl_(std::make_unique<Impl>(gpu::vk(app_device), std::move(config))) {
    Impl& r = *impl_;
    gpu::VulkanDevice& device = r.device;
    if (r.config.views < 1 || r.config.views > 2) throw Error("the renderer draws 1 or 2 views");
    if (r.config.frames_in_flight < 1) throw Error("the renderer needs at least one frame slot");
    r.config.samples = static_cast<std::uint32_t>(supportedSamples(r.device, samplesOf(r.config)));

    // One vertex and one index buffer for the whole scene plus the hand primitives.
    std::vector<scene::Vertex> verts;
    std::vector<std::uint32_t> idx;
    auto add = [&](const scene::Mesh& m, glm::vec4 colour) {
        MeshRange range;
        range.first_index = static_cast<std::uint32_t>(idx.size());
        range.index_count = static_cast<std::uint32_t>(m.indices.size());
        range.vertex_offset = static_cast<std::int32_t>(verts.size());
        range.centre = m.bounds.centre();
        range.lo = m.bounds.min;
        range.hi = m.bounds.max;
        range.colour = colour;
        range.layer = m.layer;
        verts.insert(verts.end(), m.vertices.begin(), m.vertices.end());
        idx.insert(idx.end(), m.indices.begin(), m.indices.end());
        return range;
    };
    r.layer_bounds.assign(scene.layers.size(), {glm::vec3(1e30f), glm::vec3(-1e30f)});
    for (const scene::Mesh& m : scene.meshes)
        if (m.layer < r.layer_bounds.size()) {
            r.layer_bounds[m.layer].first = glm::min(r.layer_bounds[m.layer].first, m.bounds.min);
            r.layer_bounds[m.layer].second = glm::max(r.layer_bounds[m.layer].second, m.bounds.max);
        }
    for (const scene::Mesh& m : scene.meshes) {
        MeshRange range = add(m, m.material < scene.materials.size() ? scene.materials[m.material].base_color
                                                                      : glm::vec4(0.8f, 0.8f, 0.8f, 1.0f));
        if (r.config.cull && m.triangleCount() >= kLodMinTriangles) {
            const scene::Lod lod = scene::simplify(m, kLodError);
            if (!lod.indices.empty()) {
                range.lod_first = static_cast<std::uint32_t>(idx.size());
                range.lod_count = static_cast<std::uint32_t>(lod.indices.size());
                range.lod_error = lod.error;
                idx.insert(idx.end(), lod.indices.begin(), lod.indices.end());
            }
        }
        r.meshes.push_back(range);
    }
    r.sphere = add(scene::build::finish("hand_sphere", scene::build::ellipsoid({0, 0, 0}, {1, 1, 1}, 8, 12), 0), {1, 1, 1, 1});
    scene::build::TubeOptions cyl;
    cyl.segments = 10;
    cyl.start = scene::build::Cap::Flat;
    cyl.end = scene::build::Cap::Flat;
    r.cylinder = add(scene::build::finish("hand_capsule", scene::build::tube({{{0, 0, 0}, 1, 1}, {{0, 0, 1}, 1, 1}}, cyl), 0), {1, 1, 1, 1});
    scene::build::TubeOptions coneShape = cyl;
    coneShape.end = scene::build::Cap::Round;
    r.cone = add(scene::build::finish("guide_cone", scene::build::tube({{{0, 0, 0}, 1, 1}, {{0, 0, 1}, 0.02f, 0.02f}}, coneShape), 0), {1, 1, 1, 1});
    // The hands: their triangles here, their posed vertices in a buffer per slot.
    for (std::size_t h = 0; h < 2; ++h) {
        const input::HandMesh& mesh = handMesh(h == 0 ? input::Hand::Left : input::Hand::Right);
        r.hand_meshes[h] = &mesh;
        r.hand_skin[h].first_index = static_cast<std::uint32_t>(idx.size());
        r.hand_skin[h].index_count = mesh.nail_first;
        r.hand_nails[h].first_index = r.hand_skin[h].first_index + mesh.nail_first;
        r.hand_nails[h].index_count = static_cast<std::uint32_t>(mesh.indices.size()) - mesh.nail_first;
        idx.insert(idx.end(), mesh.indices.begin(), mesh.indices.end());
    }
    const std::size_t handVerts = r.hand_meshes[0]->vertexCount();
    if (r.hand_meshes[1]->vertexCount() != handVerts) throw Error("the hand meshes differ in size");
    r.hand_positions.resize(handVerts);
    r.hand_normals.resize(handVerts);
    for (std::uint32_t s = 0; s < r.config.frames_in_flight; ++s)
        r.hand_vertices.push_back(gpu::makeBuffer(device, kMaxHands * handVerts * sizeof(scene::Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true));
    const VkDeviceSize vbytes = verts.size() * sizeof(scene::Vertex), ibytes = idx.size() * sizeof(std::uint32_t);
    r.vertices = gpu::uploadBuffer(device, verts.data(), vbytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
    r.indices = gpu::uploadBuffer(device, idx.data(), ibytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT);

    // Uniform buffers and their descriptor sets, one per slot.
    VkDescriptorSetLayoutBinding b{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1,
                                   VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo slci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    slci.bindingCount = 1;
    slci.pBindings = &b;
    VkDescriptorSetLayout sl;
    PALPA_VK(vkCreateDescriptorSetLayout(device.device(), &slci, nullptr, &sl));
    r.set_layout = gpu::Handle<VkDescriptorSetLayout>(device.device(), sl, vkDestroyDescriptorSetLayout);
    const std::uint32_t slots = r.config.frames_in_flight;
    VkDescriptorPoolSize ps{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, slots};
    VkDescriptorPoolCreateInfo pci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pci.maxSets = slots;
    pci.poolSizeCount = 1;
    pci.pPoolSizes = &ps;
    VkDescriptorPool pool;
    PALPA_VK(vkCreateDescriptorPool(device.device(), &pci, nullptr, &pool));
    r.descriptor_pool = gpu::Handle<VkDescriptorPool>(device.device(), pool, vkDestroyDescriptorPool);
    std::vector<VkDescriptorSetLayout> layouts(slots, sl);
    VkDescriptorSetAllocateInfo dai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    dai.descriptorPool = pool;
    dai.descriptorSetCount = slots;
    dai.pSetLayouts = layouts.data();
    r.sets.resize(slots);
    PALPA_VK(vkAllocateDescriptorSets(device.device(), &dai, r.sets.data()));
    for (std::uint32_t s = 0; s < slots; ++s) {
        r.uniforms.push_back(gpu::makeBuffer(device, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true));
        VkDescriptorBufferInfo info{r.uniforms.back().buffer.get(), 0, sizeof(FrameUniforms)};
        VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = r.sets[s];
        w.descriptorCount = 1;
        w.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
        w.pBufferInfo = &info;
        vkUpdateDescriptorSets(device.device(), 1, &w, 0, nullptr);
    }

    r.createRenderPass();
    r.createPipelines();

    // Timestamps, where the queue supports them.
    std::uint32_t nf = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &nf, nullptr);
    std::vector<VkQueueFamilyProperties> fams(nf);
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &nf, fams.data());
    if (fams[device.queueFamily()].timestampValidBits > 0 && device.properties().limits.timestampPeriod > 0.0f) {
        VkQueryPoolCreateInfo q{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        q.queryType = VK_QUERY_TYPE_TIMESTAMP;
        q.queryCount = 2 * slots;
        VkQueryPool qp;
        PALPA_VK(vkCreateQueryPool(device.device(), &q, nullptr, &qp));
        r.timestamps = gpu::Handle<VkQueryPool>(device.device(), qp, vkDestroyQueryPool);
        r.timing = true;
    }
}

Renderer::~Renderer() {
    if (impl_) impl_->device.waitIdle();
}

const RenderConfig& Renderer::config() const { return impl_->config; }
gpu::RenderPassHandle Renderer::renderPass() const { return gpu::renderPassOf(impl_->render_pass.get()); }
std::uint32_t Renderer::lastDrawCount() const { return impl_->draw_count; }
std::uint32_t Renderer::lastCulledCount() const { return impl_->culled; }
std::uint32_t Renderer::lastLodCount() const { return impl_->lod_draws; }
void Renderer::setOverlay(std::function<void(gpu::CommandList)> overlay) { impl_->overlay = std::move(overlay); }
void Renderer::forgetTargets() { impl_->framebuffers.clear(); }

std::optional<double> Renderer::gpuTimeMs(std::uint32_t slot) const {
    if (!impl_->timing) return std::nullopt;
    std::uint64_t ticks[2] = {0, 0};
    const VkResult res = vkGetQueryPoolResults(impl_->device.device(), impl_->timestamps.get(), slot * 2, 2,
                                               sizeof ticks, ticks, sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT);
    if (res != VK_SUCCESS) return std::nullopt;
    return static_cast<double>(ticks[1] - ticks[0]) * impl_->device.properties().limits.timestampPeriod * 1e-6;
}

void Renderer::Impl::ensureAttachments(VkExtent2D size) {
    if (size.width == extent.width && size.height == extent.height && depth.image) return;
    // The caller guarantees the device no longer uses the old attachments (idle, or first use).
    framebuffers.clear();
    extent = size;
    gpu::ImageDesc d;
    d.extent = size;
    d.layers = config.views;
    d.samples = samplesOf(config);
    if (d.samples != VK_SAMPLE_COUNT_1_BIT) {
        d.format = formatOf(config);
        d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
        msaa = gpu::makeImage(device, d);
    }
    d.format = VK_FORMAT_D32_SFLOAT;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    d.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    depth = gpu::makeImage(device, d);
}

VkFramebuffer Renderer::Impl::framebufferFor(VkImageView target, VkExtent2D size) {
    auto it = framebuffers.find(target);
    if (it != framebuffers.end() && it->second.extent.width == size.width && it->second.extent.height == size.height)
        return it->second.handle.get();
    std::vector<VkImageView> views;
    if (samplesOf(config) != VK_SAMPLE_COUNT_1_BIT) views = {msaa.view.get(), depth.view.get(), target};
    else views = {target, depth.view.get()};
    VkFramebufferCreateInfo fci{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fci.renderPass = render_pass.get();
    fci.attachmentCount = static_cast<std::uint32_t>(views.size());
    fci.pAttachments = views.data();
    fci.width = size.width;
    fci.height = size.height;
    fci.layers = 1;  // multiview: the view mask selects the layers
    VkFramebuffer fb;
    PALPA_VK(vkCreateFramebuffer(device.device(), &fci, nullptr, &fb));
    framebuffers[target] = {gpu::Handle<VkFramebuffer>(device.device(), fb, vkDestroyFramebuffer), size};
    return fb;
}

void Renderer::record(gpu::CommandList commands, const FrameDesc& f, const Target& target, std::uint32_t slot) {
    Impl& r = *impl_;
    const VkCommandBuffer cb = gpu::toVk(commands);
    const VkExtent2D extent = gpu::toVk(target.extent);
    if (f.views.size() != r.config.views) throw Error("frame has " + std::to_string(f.views.size()) + " views, renderer draws " + std::to_string(r.config.views));
    slot %= r.config.frames_in_flight;
    r.ensureAttachments(extent);
    const VkFramebuffer fb = r.framebufferFor(gpu::toVk(target.view), extent);

    FrameUniforms u{};
    for (std::size_t v = 0; v < 2; ++v) {
        const View& view = f.views[std::min(v, f.views.size() - 1)];
        u.view_proj[v] = view.projection * view.view;
        u.eye[v] = glm::vec4(view.eye, 1.0f);
    }
    u.clip_plane = f.clip.value_or(glm::vec4(0.0f));
    u.key_light = glm::vec4(glm::normalize(glm::vec3(-0.35f, 0.85f, 0.55f)), 0.0f);
    u.fill_light = glm::vec4(glm::normalize(glm::vec3(0.6f, 0.3f, -0.4f)), 0.0f);
    u.params = glm::vec4(f.xray ? 1.0f : 0.0f, f.chest_share, 0.0f, 0.0f);
    u.swell = glm::vec4(f.swell_region.z0, f.swell_region.z1, f.swell_region.x0, f.swell_region.half_width);
    u.chest = glm::vec4(f.chest_region.z0, f.chest_region.z1, f.chest_region.x0, f.chest_region.half_width);
    if (f.limb && f.limb->active()) {
        const scene::LimbWarp& w = *f.limb;
        u.limb_side = glm::vec4(w.side_normal, w.side_offset);
        u.limb_blend = glm::vec4(w.side_blend, w.proximal.blend, w.distal.blend, 1.0f);
        u.prox_pivot = glm::vec4(w.proximal.pivot, w.lateral_limit);
        u.prox_distal = glm::vec4(w.proximal.distal, 0.0f);
        u.dist_pivot = glm::vec4(w.distal.pivot, w.lateral_blend);
        u.dist_distal = glm::vec4(w.distal.distal, 0.0f);
        u.prox_rot = w.proximal.matrix();
        u.dist_rot = w.distal.matrix();
    }
    std::memcpy(r.uniforms[slot].mapped, &u, sizeof u);

    if (r.timing) {
        vkCmdResetQueryPool(cb, r.timestamps.get(), slot * 2, 2);
        vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, r.timestamps.get(), slot * 2);
    }
    std::array<VkClearValue, 3> clears{};
    clears[0].color = {{f.clear_colour.r, f.clear_colour.g, f.clear_colour.b, f.clear_colour.a}};
    clears[1].depthStencil = {1.0f, 0};
    clears[2].color = clears[0].color;
    VkRenderPassBeginInfo rb{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rb.renderPass = r.render_pass.get();
    rb.framebuffer = fb;
    rb.renderArea = {{0, 0}, extent};
    rb.clearValueCount = samplesOf(r.config) != VK_SAMPLE_COUNT_1_BIT ? 3u : 2u;
    rb.pClearValues = clears.data();
    vkCmdBeginRenderPass(cb, &rb, VK_SUBPASS_CONTENTS_INLINE);
    const VkViewport viewport{0.0f, 0.0f, static_cast<float>(extent.width), static_cast<float>(extent.height), 0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, extent};
    vkCmdSetViewport(cb, 0, 1, &viewport);
    vkCmdSetScissor(cb, 0, 1, &scissor);
    const VkDeviceSize zero = 0;
    const VkBuffer vb = r.vertices.buffer.get();
    vkCmdBindVertexBuffers(cb, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(cb, r.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT32);
    vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, r.layout.get(), 0, 1, &r.sets[slot], 0, nullptr);
    r.draw_count = 0;
    auto draw = [&](const MeshRange& m, const DrawConstants& c) {
        vkCmdPushConstants(cb, r.layout.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof c, &c);
        vkCmdDrawIndexed(cb, m.index_count, 1, m.first_index, m.vertex_offset, 0);
        ++r.draw_count;
    };
    // A scene mesh at its simplified level where its error projects under kLodPixels in every
    // view (pixels per metre at distance d: |P[1][1]| * height / 2 / d).
    r.lod_draws = 0;
    auto drawMesh = [&](const MeshRange& m, const DrawConstants& c) {
        bool coarse = m.lod_count > 0 && r.config.cull;
        for (const View& v : f.views) {
            if (!coarse) break;
            const glm::vec3 nearest = glm::clamp(v.eye, m.lo, m.hi);
            const float d = glm::length(v.eye - nearest);
            const float pxPerMetre = std::abs(v.projection[1][1]) * 0.5f * static_cast<float>(extent.height) / std::max(d, 1e-4f);
            coarse = m.lod_error * pxPerMetre < kLodPixels;
        }
        if (!coarse) return draw(m, c);
        MeshRange lod = m;
        lod.first_index = m.lod_first;
        lod.index_count = m.lod_count;
        ++r.lod_draws;
        draw(lod, c);
    };

    // The frame's enclosing layer when it hides everything deeper now (see FrameDesc).
    const auto enclosingLayerHides = [](const Impl& r, const FrameDesc& f) -> std::optional<std::uint32_t> {
    if (!f.enclosing_layer || f.xray || f.clip) return std::nullopt;
    const std::uint32_t layer = *f.enclosing_layer;
    if (layer >= r.layer_bounds.size()) return std::nullopt;
    const LayerStyle style = layer < f.layers.size() ? f.layers[layer] : LayerStyle{};
    if (!style.visible || style.opacity < 0.999f) return std::nullopt;
    for (const MeshRange& m : r.meshes)
        if (m.layer == layer && m.colour.a < 0.999f) return std::nullopt;
    // An eye inside the layer's box may be inside the body: then draw everything.
    const auto& [lo, hi] = r.layer_bounds[layer];
    for (const View& v : f.views)
        if (glm::all(glm::greaterThan(v.eye, lo - 0.01f)) && glm::all(glm::lessThan(v.eye, hi + 0.01f))) return std::nullopt;
    return layer;
};
    // Sort meshes into opaque and blended; blended ones are drawn far to near. What no view
    // can see is skipped: outside every frustum, or inside the enclosing layer.
    struct Item { std::size_t mesh; float opacity; float distance; };
    std::vector<Item> solid, blended;
    glm::vec3 eye(0.0f);
    for (const View& v : f.views) eye += v.eye / static_cast<float>(f.views.size());
    const std::optional<std::uint32_t> hidingLayer = r.config.cull ? enclosingLayerHides(r, f) : std::nullopt;
    r.culled = 0;
    for (std::size_t i = 0; i < r.meshes.size(); ++i) {
        const MeshRange& m = r.meshes[i];
        const LayerStyle style = m.layer < f.layers.size() ? f.layers[m.layer] : LayerStyle{};
        const float opacity = style.visible ? std::clamp(style.opacity, 0.0f, 1.0f) * m.colour.a : 0.0f;
        if (opacity <= 0.001f) continue;
        const glm::mat4* model = nullptr;
        for (const MeshTransform& t : f.transforms)
            if (t.mesh == i) model = &t.model;
        float swell = 0.0f;
        for (const MeshSwell& sw : f.swells)
            if (sw.mesh == i) swell = std::max(swell, sw.amount);
        const bool warped = warps(f, i, m);
        if (r.config.cull && ((hidingLayer && m.layer < *hidingLayer && !model && !warped) ||
                              !inAnyView(f.views, warped ? warpedBounds(*f.limb, m) : m, model, swell))) {
            ++r.culled;
            continue;
        }
        const bool highlighted = f.highlighted(i);
        const bool ghost = f.xray && !highlighted;
        Item item{i, opacity, glm::length(m.centre - eye)};
        (opacity >= 0.999f && !ghost ? solid : blended).push_back(item);
    }
    std::sort(blended.begin(), blended.end(), [](const Item& a, const Item& b) { return a.distance > b.distance; });
    auto constants = [&](const Item& it) {
        const MeshRange& m = r.meshes[it.mesh];
        const bool highlighted = f.highlighted(it.mesh);
        glm::mat4 model(1.0f);
        for (const MeshTransform& t : f.transforms)
            if (t.mesh == it.mesh) model = t.model;
        glm::vec3 colour(m.colour);
        for (const MeshTint& t : f.tints)
            if (t.mesh == it.mesh) colour = glm::mix(colour, glm::vec3(t.colour), t.colour.a);
        float swell = 0.0f;
        for (const MeshSwell& sw : f.swells)
            if (sw.mesh == it.mesh) swell = sw.amount;
        DrawConstants c{model, glm::vec4(colour, it.opacity),
                        glm::vec4(highlighted ? 1.0f : 0.0f, 0.0f, highlighted ? 1.0f : 0.0f, swell)};
        if (warps(f, it.mesh, m)) c.bulge_insertion.w = 1.0f;
        for (const MeshBulge& b : f.bulges)
            if (b.mesh == it.mesh) {
                c.bulge_origin = glm::vec4(b.bulge.origin, b.bulge.amount);
                c.bulge_insertion = glm::vec4(b.bulge.insertion, c.bulge_insertion.w);
            }
        return c;
    };
    vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, r.opaque.get());
    for (const Item& it : solid) drawMesh(r.meshes[it.mesh], constants(it));

    if (!f.hands.empty() && f.hand_joints) {  // debugging: joints and bones
        for (const HandPose& h : f.hands) {
            const glm::vec4 colour(h.colour, 1.0f);
            const glm::vec4 flags(0.0f, 1.0f, 1.0f, 0.0f);
            for (std::size_t j = 0; j < kHandJoints; ++j)
                draw(r.sphere, {glm::scale(glm::translate(glm::mat4(1.0f), h.joints[j]), glm::vec3(std::max(h.radii[j], 0.002f))), colour, flags});
            for (const auto& bone : input::kHandBones) {
                const auto a = static_cast<std::size_t>(bone[0]), b = static_cast<std::size_t>(bone[1]);
                draw(r.cylinder, {boneMatrix(h.joints[a], h.joints[b], 0.75f * std::min(h.radii[a], h.radii[b])), colour, flags});
            }
        }
    } else if (!f.hands.empty()) {  // skinned meshes, lit, their nails paler
        const std::size_t nv = r.hand_positions.size();
        auto* mapped = static_cast<scene::Vertex*>(r.hand_vertices[slot].mapped);
        const VkBuffer hb = r.hand_vertices[slot].buffer.get();
        vkCmdBindVertexBuffers(cb, 0, 1, &hb, &zero);
        const glm::vec4 flags(0.0f, 0.0f, 1.0f, 0.0f);
        for (std::size_t i = 0; i < std::min(f.hands.size(), kMaxHands); ++i) {
            const HandPose& h = f.hands[i];
            input::HandPose joints;
            for (std::size_t j = 0; j < kHandJoints; ++j) joints[j] = {h.joints[j], h.orientations[j], h.radii[j]};
            const std::size_t side = h.left ? 0 : 1;
            r.hand_meshes[side]->pose(joints, r.hand_positions.data(), r.hand_normals.data());
            scene::Vertex* out = mapped + i * nv;
            for (std::size_t v = 0; v < nv; ++v) out[v] = {r.hand_positions[v], r.hand_normals[v]};
            MeshRange skin = r.hand_skin[side], nails = r.hand_nails[side];
            skin.vertex_offset = nails.vertex_offset = static_cast<std::int32_t>(i * nv);
            draw(skin, {glm::mat4(1.0f), glm::vec4(h.colour, 1.0f), flags});
            draw(nails, {glm::mat4(1.0f), glm::vec4(glm::mix(h.colour, glm::vec3(0.9f, 0.85f, 0.8f), 0.6f), 1.0f), flags});
        }
        vkCmdBindVertexBuffers(cb, 0, 1, &vb, &zero);
    }
    if (!blended.empty()) {
        vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, r.transparent.get());
        for (const Item& it : blended) drawMesh(r.meshes[it.mesh], constants(it));
    }
    if (!f.guides.empty()) vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, r.guides.get());
    for (const Guide& g : f.guides) {
        const glm::vec4 colour(g.colour, 1.0f), flags(0.0f, 1.0f, 1.0f, 0.0f);
        const float length = glm::length(g.to - g.from);
        if (!(length > 1e-5f) || !(g.radius > 0.0f)) continue;
        const glm::vec3 neck = g.head ? g.to - (g.to - g.from) * 0.25f : g.to;
        draw(r.cylinder, {boneMatrix(g.from, neck, g.radius), colour, flags});
        if (g.head) draw(r.cone, {boneMatrix(neck, g.to, 2.6f * g.radius), colour, flags});
    }
    if (r.overlay) r.overlay(commands);
    vkCmdEndRenderPass(cb);
    if (r.timing) vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, r.timestamps.get(), slot * 2 + 1);
}

}  // namespace palpa::render
