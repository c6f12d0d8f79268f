#include "input/hand_mesh.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/error.hpp"
#include "scene/isosurface.hpp"
#include "scene/mesh_builder.hpp"

namespace palpa::input {
namespace {

namespace b = scene::build;

constexpr float kPi = 3.14159265f;
constexpr int kWrist = 1;
constexpr std::array<int, 4> kFingerFirst = {6, 11, 16, 21};  // metacarpal joints
constexpr float kTubeScale = 0.85f;  // finger tube radius against the joint's radius

float smin(float a, float b, float k) {
    const float h = std::clamp(0.5f + 0.5f * (b - a) / k, 0.0f, 1.0f);
    return glm::mix(b, a, h) - k * h * (1.0f - h);
}

// Distance from p to the segment a-b and where along it (0..1) the nearest point lies.
float segment(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float& t) {
    const glm::vec3 ab = b - a;
    const float len2 = glm::dot(ab, ab);
    t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::length(p - (a + t * ab));
}

float capsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float ra, float rb) {
    float t = 0.0f;
    const float d = segment(p, a, b, t);
    return d - glm::mix(ra, rb, t);
}

// Signed distance to a simple polygon in the plane (negative inside).
float polygon2d(const glm::vec2& p, const std::vector<glm::vec2>& v) {
    float d = glm::dot(p - v[0], p - v[0]);
    float s = 1.0f;
    for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i, ++i) {
        const glm::vec2 e = v[j] - v[i], w = p - v[i];
        const glm::vec2 q = w - e * std::clamp(glm::dot(w, e) / glm::dot(e, e), 0.0f, 1.0f);
        d = std::min(d, glm::dot(q, q));
        const bool c1 = p.y >= v[i].y, c2 = p.y < v[j].y, c3 = e.x * w.y > e.y * w.x;
        if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) s = -s;
    }
    return s * std::sqrt(d);
}

// The relaxed template, thumb tip at the origin, fingers toward -Z, back of the hand up; the
// fingers turned apart about their knuckles so that the mesh keeps them separate.
HandPose restPose(Hand hand) {
    HandPose pose = poseHand(hand, glm::vec3(0.0f), {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f}, 0.0f);
    const std::array<float, 4> spread = {7.0f, 0.0f, -6.0f, -12.0f};  // degrees toward the thumb
    for (std::size_t f = 0; f < 4; ++f) {
        const float deg = hand == Hand::Right ? spread[f] : -spread[f];
        const glm::quat turn = glm::angleAxis(deg * kPi / 180.0f, glm::vec3(0.0f, 1.0f, 0.0f));
        const auto knuckle = static_cast<std::size_t>(kFingerFirst[f] + 1);
        for (std::size_t j = knuckle; j <= knuckle + 3; ++j) {
            pose[j].position = pose[knuckle].position + turn * (pose[j].position - pose[knuckle].position);
            pose[j].orientation = glm::normalize(turn * pose[j].orientation);
        }
    }
    return pose;
}

// The implicit right hand around its rest pose (negative inside).
b::Field handField(const HandPose& rest) {
    const glm::vec3 wrist = rest[kWrist].position;
    // The palm's plane: thumb side, forward, back of the hand (the right hand: thumb toward -X).
    const glm::vec3 side(-1.0f, 0.0f, 0.0f), fwd(0.0f, 0.0f, -1.0f), up(0.0f, 1.0f, 0.0f);
    // Palm outline (cm from the wrist: thumb side, forward), kept inside the skin by the rounding.
    const std::vector<glm::vec2> outline = {{1.9f, 0.8f},  {2.0f, 8.6f},  {0.2f, 9.0f},  {-1.7f, 8.5f},
                                            {-3.1f, 7.6f}, {-3.2f, 2.2f}, {-2.2f, 0.3f}, {1.2f, 0.2f}};
    std::vector<glm::vec2> poly;
    for (const glm::vec2& v : outline) poly.push_back(v * 0.01f);

    struct Tube { glm::vec3 a, b; float ra, rb; };
    auto tubeOf = [&](int ja, int jb, bool tip) {
        const JointPose& a = rest[static_cast<std::size_t>(ja)];
        const JointPose& e = rest[static_cast<std::size_t>(jb)];
        const float rb = kTubeScale * e.radius;
        // A finger ends half its radius past the tip joint's centre, not a whole one.
        const glm::vec3 end = tip ? e.position - 0.5f * rb * glm::normalize(e.position - a.position) : e.position;
        return Tube{a.position, end, kTubeScale * a.radius, rb};
    };
    const Tube thenar{rest[kWrist].position + 0.004f * up, rest[2].position, 0.016f, 0.0135f};
    std::vector<Tube> thumb = {tubeOf(2, 3, false), tubeOf(3, 4, false), tubeOf(4, 5, true)};
    std::array<std::vector<Tube>, 4> fingers;
    for (std::size_t f = 0; f < 4; ++f)
        for (int k = 0; k < 4; ++k) fingers[f].push_back(tubeOf(kFingerFirst[f] + k, kFingerFirst[f] + k + 1, k == 3));

    return [=](const glm::vec3& p) {
        const glm::vec3 q = p - wrist;
        const glm::vec2 plane(glm::dot(q, side), glm::dot(q, fwd));
        const float h = glm::dot(q, up);
        const glm::vec2 box(polygon2d(plane, poly), std::abs(h - 0.001f) - 0.0065f);
        float palm = glm::length(glm::max(box, glm::vec2(0.0f))) + std::min(std::max(box.x, box.y), 0.0f) - 0.0062f;
        // A stub of forearm behind the wrist, wider than thick.
        const float along = std::clamp(glm::dot(q, fwd), -0.04f, 0.01f);
        const glm::vec3 r = q - along * fwd;
        const glm::vec3 e(glm::dot(r, side) / 0.027f, h / 0.017f, glm::dot(r, fwd) / 0.02f);
        const float stub = (glm::length(e) - 1.0f) * 0.017f;
        float d = smin(palm, stub, 0.012f);
        d = smin(d, capsule(p, thenar.a, thenar.b, thenar.ra, thenar.rb), 0.010f);
        float t = 1e9f;
        for (const Tube& tb : thumb) t = std::min(t, capsule(p, tb.a, tb.b, tb.ra, tb.rb));
        d = smin(d, t, 0.007f);
        for (const auto& finger : fingers) {
            float fd = 1e9f;
            for (const Tube& tb : finger) fd = std::min(fd, capsule(p, tb.a, tb.b, tb.ra, tb.rb));
            d = smin(d, fd, 0.005f);
        }
        return d;
    };
}

// The right hand's skin from its field, on a grid shifted until no edge pinches.
b::MeshData meshSkin(const HandPose& rest) {
    const b::Field field = handField(rest);
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const JointPose& j : rest) {
        lo = glm::min(lo, j.position);
        hi = glm::max(hi, j.position);
    }
    lo -= glm::vec3(0.03f, 0.03f, 0.03f);
    hi += glm::vec3(0.03f, 0.03f, 0.08f);  // the forearm stub lies behind the wrist (+Z)
    constexpr float kStep = 0.0022f;
    for (int attempt = 0; attempt < 6; ++attempt) {
        const float shift = kStep * 0.17f * static_cast<float>(attempt);
        b::IsoGrid grid;
        grid.xs = b::gradedAxis(lo.x + shift, hi.x, kStep, kStep, {}, 0.0f);
        grid.ys = b::gradedAxis(lo.y + shift, hi.y, kStep, kStep, {}, 0.0f);
        grid.zs = b::gradedAxis(lo.z + shift, hi.z, kStep, kStep, {}, 0.0f);
        b::MeshData m = b::surfaceNets(field, grid);
        if (b::everyEdgeShared(m)) return m;
    }
    throw Error("hand mesh: the hand's surface pinches at every grid tried");
}

float segmentWeight(float d0, float d1) {
    const float x = std::clamp((d1 - d0) / 0.010f, 0.0f, 1.0f);
    return 0.5f + 0.5f * x * x * (3.0f - 2.0f * x);
}

// The distance from p to bone k's tube in the rest pose (what binds a vertex to it).
float boneDistance(const HandPose& rest, std::size_t k, const glm::vec3& p) {
    const JointPose& a = rest[static_cast<std::size_t>(kHandBones[k][0])];
    const JointPose& e = rest[static_cast<std::size_t>(kHandBones[k][1])];
    return capsule(p, a.position, e.position, a.radius, e.radius);
}

glm::vec3 perpendicular(const glm::vec3& z) {
    const glm::vec3 helper = std::abs(z.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return glm::normalize(glm::cross(helper, z));
}

}  // namespace

std::array<BoneFrame, kHandBoneCount> boneFrames(Hand hand, const HandPose& pose) {
    const glm::vec3 w = pose[kWrist].position;
    glm::vec3 palm = glm::cross(pose[7].position - w, pose[22].position - w);  // index, little knuckles
    palm = glm::length(palm) > 1e-8f ? glm::normalize(palm) * (hand == Hand::Right ? -1.0f : 1.0f) : glm::vec3(0, 1, 0);
    std::array<BoneFrame, kHandBoneCount> frames{};
    for (std::size_t k = 0; k < kHandBoneCount; ++k) {
        const JointPose& a = pose[static_cast<std::size_t>(kHandBones[k][0])];
        const JointPose& e = pose[static_cast<std::size_t>(kHandBones[k][1])];
        BoneFrame& f = frames[k];
        f.origin = a.position;
        const glm::vec3 d = e.position - a.position;
        f.length = glm::length(d);
        const glm::vec3 z = f.length > 1e-6f ? d / f.length : glm::normalize(a.orientation * glm::vec3(0, 0, -1));
        // The joint's orientation is trusted where its bone axis (-Z) lies within about 45
        // degrees of the bone between the joints; otherwise the palm gives the back of the hand.
        glm::vec3 y = a.orientation * glm::vec3(0.0f, 1.0f, 0.0f);
        if (glm::dot(a.orientation * glm::vec3(0.0f, 0.0f, -1.0f), z) < 0.7f) y = palm;
        y -= glm::dot(y, z) * z;
        if (glm::length(y) < 0.2f) y = palm - glm::dot(palm, z) * z;
        y = glm::length(y) > 1e-4f ? glm::normalize(y) : perpendicular(z);
        f.axes = glm::mat3(glm::cross(y, z), y, z);
        f.radius = a.radius;
    }
    return frames;
}

HandMesh buildHandMesh(Hand hand) {
    if (hand == Hand::Left) return mirroredHand(buildHandMesh(Hand::Right));
    HandMesh m;
    m.hand = Hand::Right;
    const HandPose right = restPose(Hand::Right);
    const std::array<BoneFrame, kHandBoneCount> rightBones = boneFrames(Hand::Right, right);

    b::MeshData skin = meshSkin(right);
    const std::size_t skinVerts = skin.positions.size();
    // Nails on the back of each distal phalanx, a little proud of the skin.
    const std::array<std::size_t, 5> distal = {3, 8, 13, 18, 23};
    b::MeshData nails;
    std::vector<std::uint8_t> nailBone;
    for (std::size_t k : distal) {
        const BoneFrame& f = rightBones[k];
        const float r = kTubeScale * glm::mix(right[static_cast<std::size_t>(kHandBones[k][0])].radius,
                                              right[static_cast<std::size_t>(kHandBones[k][1])].radius, 0.6f);
        b::MeshData nail = b::ellipsoid(glm::vec3(0.0f), {0.62f * r, 0.2f * r, 0.36f * f.length}, 5, 10);
        const glm::vec3 centre = f.origin + f.axes * glm::vec3(0.0f, 0.9f * r, 0.58f * f.length);
        for (glm::vec3& p : nail.positions) p = centre + f.axes * p;
        nailBone.insert(nailBone.end(), nail.positions.size(), static_cast<std::uint8_t>(k));
        nails.append(nail);
    }
    const std::vector<glm::vec3> skinNormals = b::smoothNormals(skin), nailNormals = b::smoothNormals(nails);

    // Weights: each skin vertex follows its two nearest bones, evenly where they are equally
    // near (across a joint) and wholly the nearer one a centimetre on.
    for (std::size_t v = 0; v < skinVerts; ++v) {
        const glm::vec3 p = skin.positions[v];
        std::size_t best = 0, second = 1;
        float d0 = 1e9f, d1 = 1e9f;
        for (std::size_t k = 0; k < kHandBoneCount; ++k) {
            const float d = boneDistance(right, k, p);
            if (d < d0) {
                second = best, d1 = d0;
                best = k, d0 = d;
            } else if (d < d1) {
                second = k, d1 = d;
            }
        }
        m.bones.push_back({static_cast<std::uint8_t>(best), static_cast<std::uint8_t>(second)});
        m.weights.push_back(segmentWeight(d0, d1));
    }
    for (std::uint8_t k : nailBone) {
        m.bones.push_back({k, k});
        m.weights.push_back(1.0f);
    }
    m.positions = skin.positions;
    m.positions.insert(m.positions.end(), nails.positions.begin(), nails.positions.end());
    m.normals = skinNormals;
    m.normals.insert(m.normals.end(), nailNormals.begin(), nailNormals.end());
    m.indices = skin.indices;
    m.nail_first = static_cast<std::uint32_t>(m.indices.size());
    for (std::uint32_t i : nails.indices) m.indices.push_back(i + static_cast<std::uint32_t>(skinVerts));

    m.rest = right;
    m.rest_bones = rightBones;
    return m;
}

HandMesh mirroredHand(HandMesh m) {
    // The mirror image across x = 0, still wound outward; same vertices, same bones.
    for (glm::vec3& p : m.positions) p.x = -p.x;
    for (glm::vec3& n : m.normals) n.x = -n.x;
    for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) std::swap(m.indices[i + 1], m.indices[i + 2]);
    m.hand = Hand::Left;
    m.rest = restPose(Hand::Left);
    m.rest_bones = boneFrames(Hand::Left, m.rest);
    return m;
}

void HandMesh::pose(const HandPose& joints, glm::vec3* positions_out, glm::vec3* normals_out) const {
    const std::array<BoneFrame, kHandBoneCount> now = boneFrames(hand, joints);
    std::array<glm::mat3, kHandBoneCount> move{}, turnNormal{};
    for (std::size_t k = 0; k < kHandBoneCount; ++k) {
        const BoneFrame& r = rest_bones[k];
        const BoneFrame& c = now[k];
        const float along = r.length > 1e-6f ? std::clamp(c.length / r.length, 0.25f, 4.0f) : 1.0f;
        const float across = r.radius > 1e-6f && c.radius > 0.0f ? std::clamp(c.radius / r.radius, 0.25f, 4.0f) : 1.0f;
        const glm::mat3 scale(glm::vec3(across, 0, 0), glm::vec3(0, across, 0), glm::vec3(0, 0, along));
        const glm::mat3 inverse(glm::vec3(1.0f / across, 0, 0), glm::vec3(0, 1.0f / across, 0), glm::vec3(0, 0, 1.0f / along));
        const glm::mat3 restT = glm::transpose(r.axes);
        move[k] = c.axes * scale * restT;
        turnNormal[k] = c.axes * inverse * restT;
    }
    for (std::size_t v = 0; v < positions.size(); ++v) {
        const auto k0 = bones[v][0], k1 = bones[v][1];
        const float w = weights[v];
        const glm::vec3 p = positions[v], n = normals[v];
        const glm::vec3 p0 = now[k0].origin + move[k0] * (p - rest_bones[k0].origin);
        const glm::vec3 p1 = now[k1].origin + move[k1] * (p - rest_bones[k1].origin);
        positions_out[v] = w * p0 + (1.0f - w) * p1;
        const glm::vec3 nn = w * (turnNormal[k0] * n) + (1.0f - w) * (turnNormal[k1] * n);
        const float len = glm::length(nn);
        normals_out[v] = len > 1e-8f ? nn / len : n;
    }
}

}  // namespace palpa::input
