#include "anatomy/figure.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::anatomy {
namespace {

// Height above the floor (standing) as a fraction of stature, to the patient frame's z: the
// umbilicus stands at 0.60 of stature.
float zAt(float fraction, float stature) { return (fraction - 0.60f) * stature; }

// Polynomial smooth minimum (blend radius k) and maximum.
float smin(float a, float b, float k) {
    if (k <= 0.0f) return std::min(a, b);
    const float h = std::max(k - std::abs(a - b), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}
float smax(float a, float b, float k) { return -smin(-a, -b, k); }

float ellipsoidField(const glm::vec3& p, const glm::vec3& c, const glm::vec3& r) {
    const glm::vec3 q = (p - c) / r;
    return (glm::length(q) - 1.0f) * std::min({r.x, r.y, r.z});
}

// The lower-torso plan's superellipse cross-sections, extended from the perineum to the
// shoulders, with rounded ends.
float torsoField(const BodyPlan& plan, const Figure& f, const glm::vec3& p) {
    const float z = std::clamp(p.z, f.torso_bottom_z - 0.1f, f.torso_top_z + 0.1f);
    const float a = plan.skinHalfWidth(z), mid = plan.skinMidline(z), back = plan.skinBack(z);
    const float yc = 0.5f * (mid + back), b = 0.5f * (mid - back), n = plan.skinExponent();
    const float rho = std::pow(std::pow(std::abs(p.x) / a, n) + std::pow(std::abs(p.y - yc) / b, n), 1.0f / n);
    const float across = (rho - 1.0f) * std::min(a, b);
    const float ends = std::max(f.torso_bottom_z - p.z, p.z - f.torso_top_z);
    return smax(across, ends, 0.06f);
}

float legField(const Figure& f, const Leg& l, const glm::vec3& p) {
    const glm::vec3 thighTop{l.hip.x - 0.005f, f.table_y + l.thigh_top_r, l.hip.z - 0.095f};
    const glm::vec3 calf{0.5f * (l.knee.x + l.ankle.x), f.table_y + l.calf_r, l.knee.z - 0.13f};
    float d = taperedCapsule(p, thighTop, l.knee, l.thigh_top_r, l.knee_r);
    d = smin(d, taperedCapsule(p, l.knee, calf, l.knee_r, l.calf_r), 0.03f);
    d = smin(d, taperedCapsule(p, calf, l.ankle, l.calf_r, l.ankle_r), 0.05f);
    // The foot points up from the heel on the table: heel, arch and a broad forefoot.
    const glm::vec3 along = glm::normalize(l.toe - l.heel);
    const glm::vec3 ball = l.heel + along * (0.72f * glm::length(l.toe - l.heel));
    const glm::vec3 heelC = l.heel + along * 0.03f;
    float foot = taperedCapsule(p, heelC, ball, 0.036f, l.foot_half_height);
    // The instep: the dorsum rises from the toes to the ankle.
    foot = smin(foot, taperedCapsule(p, heelC + along * 0.02f + glm::vec3(0.0f, 0.0f, 0.025f), ball,
                                     0.034f, 0.8f * l.foot_half_height), 0.03f);
    const glm::vec3 wide{l.foot_half_width - l.foot_half_height, 0.0f, 0.0f};
    foot = smin(foot, taperedCapsule(p, ball - wide, ball + wide, l.foot_half_height, l.foot_half_height * 0.9f), 0.02f);
    foot = smin(foot, taperedCapsule(p, ball + wide * 0.6f, l.toe, 0.017f, 0.011f), 0.015f);
    foot = smin(foot, taperedCapsule(p, ball - wide * 0.8f, l.toe - wide * 1.1f + along * -0.03f, 0.014f, 0.008f), 0.02f);
    return smin(d, foot, 0.03f);
}

float armField(const Arm& a, const glm::vec3& p) {
    float d = taperedCapsule(p, a.shoulder, a.elbow, a.shoulder_r, a.elbow_r);
    d = smin(d, taperedCapsule(p, a.elbow, a.wrist, a.elbow_r, a.wrist_r), 0.02f);
    // The hand palm down, fingers toward the feet: a palm, the fingers side by side (held
    // together) and the thumb along the inner (medial) edge.
    const glm::vec3 along = glm::normalize(a.fingertip - a.wrist);
    const float length = glm::length(a.fingertip - a.wrist);
    const glm::vec3 across{1.0f, 0.0f, 0.0f};
    const glm::vec3 knuckles = a.wrist + along * (0.50f * length);
    const float w = a.hand_half_width - a.hand_half_thickness;
    float hand = taperedCapsule(p, a.wrist + along * 0.01f - across * (0.4f * w), knuckles - across * w,
                                a.hand_half_thickness, a.hand_half_thickness);
    hand = smin(hand, taperedCapsule(p, a.wrist + along * 0.01f + across * (0.4f * w), knuckles + across * w,
                                     a.hand_half_thickness, a.hand_half_thickness), 0.02f);
    hand = smin(hand, taperedCapsule(p, a.wrist + along * 0.01f, knuckles, a.hand_half_thickness, a.hand_half_thickness),
                0.02f);  // the palm's middle
    for (int i = 0; i < 4; ++i) {
        const float t = -1.0f + 2.0f * static_cast<float>(i) / 3.0f;  // little (-1) to index (+1)
        const float reach = length * (0.5f - 0.08f * std::abs(t + 0.3f));
        const glm::vec3 base = knuckles + across * (t * w);
        hand = smin(hand, taperedCapsule(p, base, base + along * reach, 0.0095f, 0.0075f), 0.008f);
    }
    // Thumb: from the base of the palm on the side toward the body (+x for the left hand).
    const glm::vec3 thumbBase = a.wrist + along * 0.03f + across * (w + 0.004f);
    hand = smin(hand, taperedCapsule(p, thumbBase, thumbBase + along * 0.065f + across * 0.022f, 0.012f, 0.0085f),
                0.012f);
    return smin(d, hand, 0.02f);
}

glm::vec3 mirrored(const glm::vec3& p) { return {-p.x, p.y, p.z}; }

}  // namespace

float taperedCapsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float ra, float rb) {
    const glm::vec3 ab = b - a;
    const float t = std::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-12f), 0.0f, 1.0f);
    return glm::length(p - (a + t * ab)) - (ra + t * (rb - ra));
}

Figure Figure::forPlan(const BodyPlan& plan) {
    Figure f;
    const float H = f.stature;
    const float s = plan.soft;      // extra soft tissue of a larger body (m)
    const float bmi = plan.bmi - 22.0f;
    f.table_y = plan.skinBack(0.0f);
    const float t = f.table_y;

    // Legs: greater trochanter 0.530, knee 0.285, ankle 0.039 of stature; girths grow about
    // 1.3 cm (thigh), 0.6 cm (calf) per unit of BMI (docs/anatomy.md).
    Leg& l = f.leg;
    l.thigh_top_r = 0.080f + 0.0021f * bmi;
    l.thigh_low_r = 0.062f + 0.0012f * bmi;
    l.knee_r = 0.052f + 0.0008f * bmi;
    l.calf_r = 0.058f + 0.0010f * bmi;
    l.ankle_r = 0.034f + 0.0003f * bmi;
    l.hip = plan.hip_centre_left + plan.deepShift();
    l.hip.x -= 0.006f + 0.5f * s;
    l.knee = {-0.100f - 0.6f * s, t + l.knee_r, zAt(0.285f, H)};
    l.ankle = {-0.112f - 0.6f * s, t + 0.045f, zAt(0.039f, H)};
    // Foot length 0.152 of stature; relaxed supine, it points up and a little toward the feet.
    const float footLength = 0.152f * H;
    l.heel = {l.ankle.x, t + 0.028f, l.ankle.z - 0.032f};
    l.toe = l.heel + footLength * glm::normalize(glm::vec3(-0.15f, 1.0f, -0.42f));
    l.foot_half_width = 0.0275f * H * 0.9f;
    l.foot_half_height = 0.027f;

    // Arms at the sides: shoulder 0.818, elbow 0.630, wrist 0.485, fingertip 0.377 of stature;
    // shoulder breadth 0.259. The arms lie on the table clear of the flanks.
    Arm& a = f.arm;
    a.shoulder_r = 0.052f + 0.0010f * bmi;
    a.upper_arm_r = 0.045f + 0.0011f * bmi;
    a.elbow_r = 0.037f + 0.0008f * bmi;
    a.forearm_r = 0.036f + 0.0007f * bmi;
    a.wrist_r = 0.027f + 0.0003f * bmi;
    a.hand_half_width = 0.042f;
    a.hand_half_thickness = 0.014f;
    const float out = 1.2f * s;
    a.shoulder = {-0.5f * 0.259f * H + a.shoulder_r * 0.55f, -0.105f - 0.4f * s, zAt(0.818f, H) - 0.035f};
    a.elbow = {-0.232f - out, t + a.elbow_r, zAt(0.630f, H)};
    a.wrist = {-0.250f - out, t + a.wrist_r, zAt(0.485f, H)};
    a.fingertip = {-0.262f - out, t + 0.012f, zAt(0.377f, H)};

    // Head and neck: vertex at the stature, chin at 0.870; head breadth 15 cm, length 19.5 cm.
    const float top = zAt(1.0f, H), chin = zAt(0.870f, H);
    f.head_radii = {0.076f, 0.098f, 0.5f * (top - chin) * 0.92f};
    f.head_centre = {0.0f, t + f.head_radii.y + 0.004f, top - f.head_radii.z};
    f.neck_r = 0.057f + 0.0008f * bmi;
    f.neck_base = {0.0f, -0.105f - 0.4f * s, zAt(0.80f, H)};
    f.neck_top = {0.0f, f.head_centre.y - 0.012f, chin + 0.02f};
    f.torso_top_z = zAt(0.835f, H);
    f.torso_bottom_z = zAt(0.475f, H);
    return f;
}

float skinField(const BodyPlan& plan, const Figure& f, const glm::vec3& p) {
    float d = torsoField(plan, f, p);
    // Neck and head.
    float head = ellipsoidField(p, f.head_centre, f.head_radii);
    const glm::vec3 nose = f.head_centre + glm::vec3(0.0f, f.head_radii.y - 0.004f, -0.01f);
    head = smin(head, taperedCapsule(p, nose, nose + glm::vec3(0.0f, 0.013f, -0.028f), 0.007f, 0.009f), 0.02f);
    const glm::vec3 jaw = f.head_centre + glm::vec3(0.0f, 0.045f, -0.075f);
    head = smin(head, ellipsoidField(p, jaw, {0.055f, 0.050f, 0.040f}), 0.03f);
    d = smin(d, taperedCapsule(p, f.neck_base, f.neck_top, f.neck_r * 1.25f, f.neck_r), 0.04f);
    d = smin(d, head, 0.03f);
    // Limbs of both sides: the left as planned, the right mirrored (large thighs meet).
    const glm::vec3 q = p.x <= 0.0f ? p : mirrored(p);
    d = smin(d, smin(legField(f, f.leg, p), legField(f, f.leg, mirrored(p)), 0.02f), 0.05f);
    d = smin(d, armField(f.arm, q), 0.025f);
    return d;
}

}  // namespace palpa::anatomy
