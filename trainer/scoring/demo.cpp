#include "scoring/demo.hpp"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/error.hpp"
#include "input/hand_model.hpp"
#include "scoring/plan.hpp"

namespace palpa::scoring {
namespace {

constexpr double kCm = 0.01;
constexpr double kPi = 3.141592653589793;
constexpr double kJitterCorrelationS = 0.05;  // jitter is correlated over ~50 ms
constexpr float kPitchDeg = 5.0f;

// splitmix64: tiny, fast, identical on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [-1, 1).
    double symmetric() { return 2.0 * uniform() - 1.0; }
    // Standard normal (Box-Muller).
    double normal() {
        const double u = 1.0 - uniform();  // (0, 1]
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * kPi * v);
    }

  private:
    std::uint64_t state_;
};

double smoothstep(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

// 0 -> 1 -> 0 over u in [0, 1] (raised cosine), 0 outside.
double bump(double u) {
    return u <= 0.0 || u >= 1.0 ? 0.0 : 0.5 * (1.0 - std::cos(2.0 * kPi * u));
}

glm::vec3 rotateAbout(const glm::vec3& v, const glm::vec3& axis, double deg) {
    return glm::angleAxis(static_cast<float>(deg * kPi / 180.0), axis) * v;
}

constexpr float kRestDepth = 0.003f;  // m: the rest of the hand lies on the skin this lightly

struct Interval {
    double start, end;
};

// Everything fixed about one hand for the whole attempt.
struct HandPlan {
    bool used = false;
    glm::vec3 skin_point{0.0f};  // where the thumb-tip surface first touches
    glm::vec3 normal{0.0f};
    glm::vec3 press_dir{0.0f};  // unit press path
    glm::vec3 lateral{0.0f};    // jab direction
    glm::vec3 forward{0.0f};    // hand axis
    float radius = 0.0f;
    glm::vec3 offset{0.0f};  // tracking offset
    glm::vec3 jitter[kJointCount];
    std::vector<Interval> dropouts;
};

}  // namespace

std::vector<Scenario> demoScenarios() {
    std::vector<Scenario> list;
    const auto add = [&](std::string name, std::string description, Side side, double rate,
                         std::uint64_t seed) -> Scenario& {
        Scenario& s = list.emplace_back();
        s.name = std::move(name);
        s.description = std::move(description);
        s.side = side;
        s.rate_hz = rate;
        s.seed = seed;
        return s;
    };
    add("good-left", "a good attempt on the patient's left psoas", Side::Left, 30.0, 11).bundled =
        true;
    {
        Scenario& s = add("good-right", "a good attempt with small errors, right side, 90 Hz",
                          Side::Right, 90.0, 12);
        s.script.placement_superior_cm = {0.8, -0.5};
        s.script.hand_angle_deg = {10.0, -8.0};
        s.script.press_angle_deg = 52.0;
        s.script.hold_s = 26.0;
    }
    add("placement-off", "the left thumb lands 5.5 cm too far out", Side::Left, 60.0, 13)
        .script.placement_lateral_cm = {5.5, 0.0};
    add("hand-angle-off", "the right hand points 60 degrees away from the pelvis", Side::Right,
        72.0, 14)
        .script.hand_angle_deg = {0.0, 60.0};
    add("direction-off", "thumbs press straight in instead of toward the pelvis", Side::Left, 60.0,
        15)
        .script.press_angle_deg = 0.0;
    {
        Scenario& s = add("too-shallow", "thumbs hover on the skin, never pressing in", Side::Right,
                          60.0, 16);
        s.script.depth_cm = -1.2;  // hovering above the skin, clear of the breath's rise
    }
    {
        Scenario& s =
            add("too-deep", "a full hold, then a slow push to 5.3 cm", Side::Left, 120.0, 17);
        s.script.hold_s = 25.0;
        s.script.excursion_cm = 2.8;
        s.script.excursion_at_s = 22.0;
    }
    {
        Scenario& s = add("hold-short", "released after 10 s", Side::Right, 30.0, 18);
        s.script.hold_s = 10.0;
        s.bundled = true;
    }
    {
        Scenario& s = add("sudden-movement", "a full hold, then the left thumb jerks sideways",
                          Side::Left, 144.0, 19);
        s.script.hold_s = 25.0;
        s.script.jab_cm = 6.0;
        s.script.jab_at_s = 22.0;
    }
    {
        Scenario& s =
            add("tracking-lost", "the left hand is lost for 2 s mid-hold", Side::Right, 60.0, 20);
        s.script.lost_hand = 0;
        s.script.lost_at_s = 8.0;
        s.script.lost_s = 2.0;
    }
    return list;
}

Scenario demoScenario(const std::string& name) {
    for (Scenario& s : demoScenarios())
        if (s.name == name) return s;
    throw Error("unknown demo scenario \"" + name + "\" (see `palpa recording generate --list`)");
}

Recording generateRecording(const Scenario& sc, const Technique& technique,
                            const Patient& patient) {
    const Plan plan = makePlan(technique, patient, sc.side);
    const input::SurfaceQuery skinSurface = [&](const glm::vec3& p) {
        const SkinSample s = plan.patient.skin(p);
        return input::SurfaceSample{s.depth, s.normal};
    };
    const AttemptScript& a = sc.script;
    const NoiseModel& noise = sc.noise;
    Random random(sc.seed);

    const double t_approach = a.lead_in_s;
    const double t_press = t_approach + a.approach_s;
    const double t_hold = t_press + a.press_s;
    const double t_release = t_hold + a.hold_s;
    const double t_tail = t_release + a.release_s;
    const double t_end = t_tail + a.tail_s;

    // Hand h works the target on its own side of the patient; hands without one take the
    // targets left over, in order.
    std::array<HandPlan, 2> hands;
    std::array<int, 2> assigned = {-1, -1};
    std::vector<bool> taken(plan.targets.size(), false);
    for (int h = 0; h < 2; ++h)
        for (size_t i = 0; i < plan.targets.size() && assigned[static_cast<size_t>(h)] < 0; ++i)
            if (!taken[i] && plan.targets[i].side == static_cast<Side>(h))
                assigned[static_cast<size_t>(h)] = static_cast<int>(i), taken[i] = true;
    for (int h = 0; h < 2; ++h)
        for (size_t i = 0; i < plan.targets.size() && assigned[static_cast<size_t>(h)] < 0; ++i)
            if (!taken[i]) assigned[static_cast<size_t>(h)] = static_cast<int>(i), taken[i] = true;
    for (int h = 0; h < 2; ++h) {
        const int index = assigned[static_cast<size_t>(h)];
        if (index < 0) continue;
        const ResolvedTarget& target = plan.targets[static_cast<size_t>(index)];
        HandPlan& hp = hands[static_cast<size_t>(h)];
        hp.used = true;
        const glm::vec3 sup = superiorAt(target.normal);
        const glm::vec3 lat = lateralAt(target.normal, target.side);
        const glm::vec3 aim =
            target.point +
            static_cast<float>(a.placement_superior_cm[static_cast<size_t>(h)] * kCm) * sup +
            static_cast<float>(a.placement_lateral_cm[static_cast<size_t>(h)] * kCm) * lat;
        const auto above = plan.patient.skinAbove(aim.x, aim.z);
        const SkinSample at = above ? *above : plan.patient.skin(aim);
        hp.skin_point = at.point;
        hp.normal = at.normal;
        const glm::vec3 along = unitOrZero(tangential(plan.press_along, hp.normal));
        const double phi = a.press_angle_deg * kPi / 180.0;
        hp.press_dir = static_cast<float>(std::cos(phi)) * -hp.normal +
                       static_cast<float>(std::sin(phi)) * along;
        hp.lateral = lat;
        const double yaw = noise.yaw_deg * random.symmetric();
        hp.forward = rotateAbout(target.hand_axis, hp.normal,
                                 a.hand_angle_deg[static_cast<size_t>(h)] + yaw);
        hp.radius = input::poseHand(static_cast<input::Hand>(h), glm::vec3(0.0f), hp.forward, hp.normal,
                             kPitchDeg)[kThumbTip]
                        .radius;
        hp.offset = static_cast<float>(noise.offset_cm * kCm) *
                    glm::vec3(random.symmetric(), random.symmetric(), random.symmetric());
        for (glm::vec3& j : hp.jitter)
            j = static_cast<float>(noise.jitter_cm * kCm) *
                glm::vec3(random.normal(), random.normal(), random.normal());
        // Short dropouts (hands overlapping near the navel), then the scripted long one.
        double t = 0.0;
        while (noise.dropouts_per_s > 0.0) {
            t += -std::log(1.0 - random.uniform()) / noise.dropouts_per_s;
            const double length = 0.1 + (noise.dropout_max_s - 0.1) * random.uniform();
            if (t >= t_end) break;
            hp.dropouts.push_back({t, t + length});
            t += length;
        }
        // Keep short dropouts clear of the scripted events, so that none hides a jab or an
        // excursion and the long loss lasts exactly lost_s.
        const auto clear = [&](double start, double length) {
            std::erase_if(hp.dropouts, [&](const Interval& d) {
                return d.end > start - 0.5 && d.start < start + length + 0.5;
            });
        };
        if (a.jab_cm != 0.0) clear(t_hold + a.jab_at_s, a.jab_s);
        if (a.excursion_cm != 0.0) clear(t_hold + a.excursion_at_s, a.excursion_s);
        if (a.lost_hand == h && a.lost_s > 0.0) {
            clear(t_hold + a.lost_at_s, a.lost_s);
            hp.dropouts.push_back({t_hold + a.lost_at_s, t_hold + a.lost_at_s + a.lost_s});
        }
    }

    Recording rec;
    rec.header.technique = technique.id;
    rec.header.side = sc.side;
    rec.header.model = recordedModel(patient);
    const double period = 1.0 / sc.rate_hz;
    const auto frames = static_cast<size_t>(std::floor(t_end * sc.rate_hz));
    rec.frames.reserve(frames);
    double previous_t = 0.0;
    for (size_t i = 0; i < frames; ++i) {
        const double t =
            (static_cast<double>(i) + 0.5 + noise.timestamp_jitter * (random.uniform() - 0.5)) *
            period;
        const double dt = i == 0 ? period : t - previous_t;
        previous_t = t;
        const double rho = std::exp(-dt / kJitterCorrelationS);
        const double fresh = std::sqrt(1.0 - rho * rho);
        Frame& frame = rec.frames.emplace_back();
        frame.t = t;
        for (size_t h = 0; h < 2; ++h) {
            HandPlan& hp = hands[h];
            if (!hp.used) continue;
            // Jitter evolves every frame, tracked or not, so dropouts do not change the rest.
            for (glm::vec3& j : hp.jitter)
                j = static_cast<float>(rho) * j +
                    static_cast<float>(fresh * noise.jitter_cm * kCm) *
                        glm::vec3(random.normal(), random.normal(), random.normal());
            bool dropped = false;
            for (const Interval& d : hp.dropouts) dropped = dropped || (t >= d.start && t < d.end);
            if (dropped) continue;

            // The thumb-tip surface point along the script, then the joint centre above it.
            const glm::vec3 surface_up = hp.normal * hp.radius;
            // A negative depth hovers above the skin: the approach stops there, nothing presses.
            const double depth = std::max(a.depth_cm, 0.0) * kCm;
            const glm::vec3 start =
                hp.skin_point + static_cast<float>(std::max(-a.depth_cm, 0.0) * kCm) * hp.normal;
            const double press_length =
                depth / std::max(std::cos(a.press_angle_deg * kPi / 180.0), 0.05);
            const glm::vec3 pressed = start + static_cast<float>(press_length) * hp.press_dir;
            glm::vec3 surface;
            if (t < t_press) {
                const double lift = a.approach_height_cm * kCm *
                                    (1.0 - smoothstep((t - t_approach) / a.approach_s));
                surface = start + static_cast<float>(lift) * hp.normal;
            } else if (t < t_hold) {
                surface = start +
                          static_cast<float>(press_length * smoothstep((t - t_press) / a.press_s)) *
                              hp.press_dir;
            } else if (t < t_release) {
                const double th = t - t_hold;
                const double sway =
                    0.2 * kCm * std::sin(2.0 * kPi * 0.25 * th + static_cast<double>(h));
                surface = pressed + static_cast<float>(sway) * hp.lateral;
                surface -= static_cast<float>(a.excursion_cm * kCm *
                                              bump((th - a.excursion_at_s) / a.excursion_s)) *
                           hp.normal;
                if (h == 0)
                    surface +=
                        static_cast<float>(a.jab_cm * kCm * bump((th - a.jab_at_s) / a.jab_s)) *
                        hp.lateral;
            } else {
                const double lift = (depth + a.approach_height_cm * kCm) *
                                    smoothstep((t - t_release) / a.release_s);
                surface = pressed + static_cast<float>(lift) * hp.normal;
            }
            HandPose pose = input::poseHand(static_cast<input::Hand>(h), surface + surface_up, hp.forward,
                                     hp.normal, kPitchDeg);
            input::restOnSurface(pose, skinSurface, kRestDepth);
            for (size_t j = 0; j < static_cast<size_t>(kJointCount); ++j)
                pose[j].position += hp.offset + hp.jitter[j];
            frame.hands[h] = pose;
        }
    }
    return rec;
}

}  // namespace palpa::scoring
