#include "scoring/patient.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include <glm/geometric.hpp>

#include "core/error.hpp"
#include "scene/bvh.hpp"
#include "scene/layer_map.hpp"

namespace palpa::scoring {

struct Patient::Data {
    ModelIdentity identity;
    BodySize body;
    Landmarks landmarks;
    scene::TriangleBvh skin;
    scene::TriangleBvh vessels;
    std::vector<std::string> mesh_names;  // by scene mesh index
    std::vector<bool> pulsing;            // by scene mesh index
    float top = 1.0f;                     // anterior limit of the skin (y), for rays from above
    // Breathing region: between the pubic symphysis and the xiphoid, within half_width of the
    // midline.
    float breath_z0 = -0.16f, breath_z1 = 0.185f, breath_x = 0.0f, breath_half_width = 0.15f;
};

namespace {

std::vector<std::uint32_t> layerMeshes(const scene::Scene& s, const std::string& layer) {
    const scene::Layer* l = s.findLayer(layer);
    return l ? l->meshes : std::vector<std::uint32_t>{};
}

// A joint moving further than this along the normal (and further than its distance from
// the skin) is searched again even when it does not slide: it may cross to another patch.
constexpr float kMaxNormalMove = 0.02f;

// A skin triangle whose normal points this much toward the table (-Y) lies on it.
constexpr float kTableFacing = 0.7f;

glm::vec3 anyPerpendicular(const glm::vec3& n) {
    const glm::vec3 a = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return glm::normalize(glm::cross(n, a));
}

}  // namespace

Patient Patient::fromScene(const scene::Scene& s, ModelIdentity identity, const PatientOptions& options) {
    const std::string name = identity.file.empty() ? std::string("the model") : identity.file;
    auto d = std::make_shared<Data>();
    const std::vector<std::uint32_t> skin = layerMeshes(s, options.skin_layer);
    std::size_t skin_tris = 0;
    for (std::uint32_t m : skin) skin_tris += s.meshes.at(m).triangleCount();
    if (skin_tris == 0)
        throw InputError(name, "layer \"" + options.skin_layer + "\"",
                         "the model has no skin triangles: the scorer measures depth from the skin");
    for (const scene::Landmark& l : s.landmarks) d->landmarks[l.name] = l.position;
    if (!d->landmarks.count("umbilicus"))
        throw InputError(name, "landmarks", "the model has no \"umbilicus\" landmark (the patient frame's origin)");
    // The skin the hands can reach: the back, lying on the table, is left out (a triangle
    // facing the table lies there). That halves the search and the build.
    d->skin = scene::TriangleBvh(s, skin, [](const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
        const glm::vec3 n = glm::cross(b - a, c - a);
        return n.y > -kTableFacing * glm::length(n);
    });
    const std::vector<std::uint32_t> vessels = layerMeshes(s, options.vessel_layer);
    d->vessels = scene::TriangleBvh(s, vessels);
    d->mesh_names.resize(s.meshes.size());
    d->pulsing.assign(s.meshes.size(), false);
    for (std::uint32_t m : vessels) {
        d->mesh_names[m] = s.meshes[m].name;
        for (const std::string& glob : options.pulsing)
            if (scene::globMatch(glob, s.meshes[m].name)) d->pulsing[m] = true;
    }
    d->top = d->skin.bounds().max.y + 0.05f;

    const glm::vec3 umb = d->landmarks.at("umbilicus");
    const auto find = [&](const char* n) -> std::optional<glm::vec3> {
        auto it = d->landmarks.find(n);
        return it == d->landmarks.end() ? std::nullopt : std::optional<glm::vec3>(it->second);
    };
    d->breath_x = umb.x;
    d->breath_z0 = find("pubic_symphysis") ? find("pubic_symphysis")->z : umb.z - 0.16f;
    d->breath_z1 = find("xiphoid") ? find("xiphoid")->z : umb.z + 0.185f;
    if (find("asis_left") && find("asis_right"))
        d->breath_half_width = 0.6f * std::abs(find("asis_right")->x - find("asis_left")->x);
    identity.file = std::filesystem::path(identity.file).filename().string();
    d->identity = std::move(identity);

    Patient p;
    p.data_ = d;
    // Body size: the skin's girth through the umbilicus, from rays cast outward from the
    // middle of the skin's cross-section there.
    // Only the band of skin triangles crossing that plane is searched.
    const scene::TriangleBvh band(s, skin, [z = umb.z](const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
        return std::min({a.z, b.z, c.z}) <= z && std::max({a.z, b.z, c.z}) >= z;
    });
    const scene::Bounds box = band.bounds();
    const glm::vec3 centre(0.5f * (box.min.x + box.max.x), 0.5f * (box.min.y + box.max.y), umb.z);
    constexpr int kRays = 180;
    std::vector<glm::vec3> ring;
    for (int i = 0; i < kRays; ++i) {
        const double a = 2.0 * std::numbers::pi * i / kRays;
        const scene::Ray ray{centre, {static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)), 0.0f}};
        if (auto hit = band.raycast(ray, 2.0f)) ring.push_back(hit->point);
    }
    double girth = 0.0;
    if (ring.size() == kRays)
        for (std::size_t i = 0; i < ring.size(); ++i)
            girth += glm::length(ring[(i + 1) % ring.size()] - ring[i]);
    d->body.waist_cm = girth * 100.0;
    if (auto above = p.skinAbove(umb.x, umb.z))
        if (auto v = p.nearestVessel(above->point, 1.0f)) d->body.vessel_depth_cm = v->distance * 100.0;
    return p;
}

RecordedModel recordedModel(const Patient& p) {
    return {p.identity().file, p.identity().sha256, p.body().waist_cm, p.body().vessel_depth_cm};
}

const Landmarks& Patient::landmarks() const { return data_->landmarks; }
const ModelIdentity& Patient::identity() const { return data_->identity; }
const BodySize& Patient::body() const { return data_->body; }
bool Patient::hasVessels() const { return !data_->vessels.empty(); }

SkinSample Patient::skin(const glm::vec3& p) const {
    SkinProbe probe;
    return skin(p, probe);
}

SkinSample Patient::skin(const glm::vec3& p, SkinProbe& probe) const {
    // A joint may slide 4 mm along the skin before its closest point is searched again (one
    // above the skin a quarter of its distance: it is not pressing; one below it a tenth: the
    // plane's error is then under a third of a millimetre at 5 cm deep on the belly's curve).
    // Moving along the normal, in or out, keeps the same closest point on a convex patch, so
    // only the sliding counts.
    constexpr float kReuse = 0.004f, kShareAbove = 0.25f, kShareBelow = 0.1f;
    SkinSample s;
    const glm::vec3 move = p - probe.last;
    const float slide = glm::length(move - glm::dot(move, probe.normal) * probe.normal);
    const float moved = glm::length(move);
    const float share = probe.above ? kShareAbove : kShareBelow;
    if (probe.distance >= 0.0f && slide < std::max(kReuse, share * probe.distance) &&
        moved < std::max(kMaxNormalMove, probe.distance)) {
        // The tangent plane at the last closest point: the point slides along it with the joint.
        s.normal = probe.normal;
        s.depth = glm::dot(probe.point - p, probe.normal);
        s.point = p + s.depth * probe.normal;
        return s;
    }
    std::optional<scene::ClosestPoint> c;
    // The last closest point is still on the skin: the new closest is no further than it.
    if (probe.distance >= 0.0f) c = data_->skin.closest(p, glm::length(p - probe.point) + 1e-5f);
    if (!c) c = data_->skin.closest(p);
    if (!c) return s;
    s.point = c->point;
    s.normal = c->normal;
    s.depth = glm::dot(c->point - p, c->normal);
    probe = {p, c->distance, c->point, c->normal, s.depth < 0.0f};
    return s;
}

std::optional<SkinSample> Patient::skinAbove(float x, float z) const {
    const scene::Ray ray{{x, data_->top, z}, {0.0f, -1.0f, 0.0f}};
    const auto hit = data_->skin.raycast(ray, 10.0f);
    if (!hit) return std::nullopt;
    SkinSample s = skin(hit->point);
    s.point = hit->point;
    s.depth = 0.0f;
    return s;
}

std::optional<VesselSample> Patient::nearestVessel(const glm::vec3& p, float max_distance, bool pulsing_only) const {
    const auto c = data_->vessels.closest(p, max_distance, pulsing_only ? data_->pulsing : std::vector<bool>{});
    if (!c) return std::nullopt;
    return VesselSample{c->distance, data_->mesh_names[c->mesh], data_->pulsing[c->mesh], c->point};
}

std::optional<VesselSample> Patient::nearestVessel(const glm::vec3& p, float max_distance, VesselProbe& probe,
                                                   bool pulsing_only) const {
    constexpr float kReuse = 0.001f, kPad = 0.01f;
    const float moved = glm::length(p - probe.last);
    if (probe.radius >= 0.0f) {
        if (probe.found && moved < kReuse) {
            VesselSample v = *probe.found;
            v.distance = glm::length(p - v.point);
            if (v.distance <= max_distance) return v;
            return std::nullopt;
        }
        // Nothing was within the last radius: nothing is within that radius less the move.
        if (!probe.found && probe.radius - moved >= max_distance) return std::nullopt;
    }
    probe.last = p;
    probe.radius = max_distance + kPad;
    probe.found = nearestVessel(p, probe.radius, pulsing_only);
    if (probe.found && probe.found->distance <= max_distance) return probe.found;
    return std::nullopt;
}

bool Patient::overVessel(const glm::vec3& skin_point) const {
    return data_->vessels.occluded({skin_point, {0.0f, -1.0f, 0.0f}}, 1.0f);
}

float Patient::outlineDistance(const glm::vec3& skin_point, const glm::vec3& normal, float max_distance) const {
    if (data_->vessels.empty()) return max_distance;
    if (overVessel(skin_point)) return 0.0f;
    constexpr int kDirections = 32;
    constexpr float kStep = 0.002f;
    const glm::vec3 u = anyPerpendicular(normal), v = glm::cross(normal, u);
    float best = max_distance;
    for (int i = 0; i < kDirections; ++i) {
        const float a = 2.0f * std::numbers::pi_v<float> * static_cast<float>(i) / kDirections;
        const glm::vec3 dir = std::cos(a) * u + std::sin(a) * v;
        float outside = 0.0f;
        for (float r = kStep; r < best; r += kStep) {
            if (!overVessel(skin_point + r * dir)) {
                outside = r;
                continue;
            }
            float inside = r;  // refine between the last point outside and this one
            for (int k = 0; k < 8; ++k) {
                const float mid = 0.5f * (outside + inside);
                (overVessel(skin_point + mid * dir) ? inside : outside) = mid;
            }
            best = std::min(best, inside);
            break;
        }
    }
    return best;
}

Patient::BreathRegion Patient::breathRegion() const {
    return {data_->breath_z0, data_->breath_z1, data_->breath_x, data_->breath_half_width};
}

float Patient::breathWeight(const glm::vec3& p, const glm::vec3& n) const {
    const Data& d = *data_;
    const float span = d.breath_z1 - d.breath_z0;
    if (span <= 0.0f) return 0.0f;
    const float u = (p.z - d.breath_z0) / span;
    if (u <= 0.0f || u >= 1.0f) return 0.0f;
    const float lateral = (p.x - d.breath_x) / d.breath_half_width;
    const float across = std::max(0.0f, 1.0f - lateral * lateral);
    return std::sin(std::numbers::pi_v<float> * u) * across * std::max(0.0f, n.y);
}

}  // namespace palpa::scoring
