// Loading techniques and patients with nlohmann::json; errors name the JSON path.
#include "scoring/technique.hpp"
#include "scoring/limits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "core/file.hpp"
#include "scoring/recording.hpp"

namespace palpa::scoring {
namespace {

using json = JsonReader::json;

constexpr double kCm = 0.01;

// The generic typed access (errors naming file and field) comes from palpa::JsonReader;
// this adds the technique file's own shapes: numbers with bounds, points, patients, skins.
class Reader : public JsonReader {
  public:
    using JsonReader::JsonReader;
    using JsonReader::number;
    using JsonReader::string;

    double positive(const json& obj, const std::string& place, const char* key) const {
        const double d = number(obj, place, key);
        if (!(d > 0)) fail(join(place, key), "must be positive");
        return d;
    }

    // A non-negative number in the file's unit, returned times `scale`.
    double nonNegative(const json& obj, const std::string& place, const char* key, double fallback,
                       double scale = 1.0) const {
        if (!has(obj, key)) return fallback;
        const double d = number(obj, place, key);
        if (d < 0) fail(join(place, key), "must not be negative");
        return d * scale;
    }

    int joint(const json& obj, const std::string& place, const char* key, int fallback) const;
    int jointName(const json& v, const std::string& place) const;
};

int Reader::jointName(const json& v, const std::string& place) const {
    if (!v.is_string()) fail(place, "expected a joint name");
    const std::string name = v.get<std::string>();
    const int index = jointIndex(name);
    if (index < 0)
        fail(place, "unknown joint \"" + name + "\" (XR_EXT_hand_tracking names, e.g. \"thumb_tip\")");
    return index;
}

int Reader::joint(const json& obj, const std::string& place, const char* key, int fallback) const {
    if (!obj.contains(key)) return fallback;
    return jointName(obj[key], join(place, key));
}

void parseSafety(const Reader& in, const json& obj, SafetySpec& s) {
    const std::string place = "safety";
    if (!obj.is_object()) in.fail(place, "expected an object");
    s.vessel_keep_out = in.nonNegative(obj, place, "vessel_keep_out_cm", s.vessel_keep_out, kCm);
    s.over_vessel_depth = in.nonNegative(obj, place, "over_vessel_max_depth_cm", s.over_vessel_depth, kCm);
    s.pulse_within = in.nonNegative(obj, place, "pulse_within_cm", s.pulse_within, kCm);
    s.heart_rate_bpm = in.nonNegative(obj, place, "heart_rate_bpm", s.heart_rate_bpm);
    if (obj.contains("joints")) {
        const json& joints = in.array(obj, place, "joints");
        s.joints.clear();
        for (std::size_t i = 0; i < joints.size(); ++i)
            s.joints.push_back(in.jointName(joints[i], Reader::index(place + ".joints", i)));
    }
}

void parsePatientSpec(const Reader& in, const json& obj, PatientSpec& p) {
    if (!obj.is_object()) in.fail("patient", "expected an object");
    if (obj.contains("breathing")) {
        const json& b = obj["breathing"];
        const std::string place = "patient.breathing";
        BreathingSpec& s = p.breathing;
        s.amplitude = in.nonNegative(b, place, "amplitude_cm", s.amplitude, kCm);
        s.rate_bpm = in.nonNegative(b, place, "rate_bpm", s.rate_bpm);
        s.calm_rate_bpm = in.nonNegative(b, place, "calm_rate_bpm", s.calm_rate_bpm);
        s.calm_after = in.nonNegative(b, place, "calm_after_s", s.calm_after);
        s.catch_s = in.nonNegative(b, place, "catch_s", s.catch_s);
    }
    if (obj.contains("discomfort")) {
        const json& d = obj["discomfort"];
        const std::string place = "patient.discomfort";
        DiscomfortSpec& s = p.discomfort;
        s.tolerance = in.nonNegative(d, place, "tolerance_cm", s.tolerance, kCm);
        s.per_m = in.nonNegative(d, place, "per_cm", s.per_m / 100.0) * 100.0;
        s.press_speed = in.nonNegative(d, place, "press_speed_cm_s", s.press_speed, kCm);
        s.per_m_s = in.nonNegative(d, place, "per_cm_s", s.per_m_s / 100.0) * 100.0;
        s.vessel_within = in.nonNegative(d, place, "vessel_within_cm", s.vessel_within, kCm);
        s.vessel_level = in.nonNegative(d, place, "vessel_level", s.vessel_level);
        s.rise_s = in.positive(d, place, "rise_s");
        s.fall_s = in.positive(d, place, "fall_s");
        s.react_at = in.positive(d, place, "react_at");
        s.calm_at = in.positive(d, place, "calm_at");
        s.ease_within = in.positive(d, place, "ease_within_s");
        s.ease = in.nonNegative(d, place, "ease_cm", s.ease, kCm);
        s.says = in.string(d, place, "says", s.says);
        if (!(s.calm_at < s.react_at)) in.fail(place + ".calm_at", "must be below react_at");
    }
}

struct MetricInfo {
    Metric metric;
    const char* name;
};
constexpr MetricInfo kMetrics[] = {
    {Metric::Placement, "placement"},
    {Metric::HandAngle, "hand_angle"},
    {Metric::PressDirection, "press_direction"},
    {Metric::Depth, "depth"},
    {Metric::Hold, "hold"},
    {Metric::Smoothness, "smoothness"},
    {Metric::Tracking, "tracking"},
};

StepSpec parseStep(const Reader& in, const json& obj, const std::string& place) {
    StepSpec s;
    s.id = in.string(obj, place, "id");
    s.title = in.string(obj, place, "title", s.id);
    const std::string metric = in.string(obj, place, "metric");
    bool known = false;
    for (const auto& m : kMetrics)
        if (metric == m.name) s.metric = m.metric, known = true;
    if (!known)
        in.fail(
            Reader::join(place, "metric"),
            "unknown metric \"" + metric +
                "\" (placement, hand_angle, press_direction, depth, hold, smoothness, tracking)");
    s.weight = in.number(obj, place, "weight", 1.0);
    if (s.weight < 0) in.fail(Reader::join(place, "weight"), "must not be negative");
    const auto bands = [&](const char* good, const char* acceptable, double scale) {
        s.good_max = in.positive(obj, place, good) * scale;
        s.acceptable_max = in.positive(obj, place, acceptable) * scale;
        if (s.acceptable_max < s.good_max)
            in.fail(Reader::join(place, acceptable), std::string("must be at least ") + good);
    };
    switch (s.metric) {
        case Metric::Placement:
            bands("good_max_cm", "acceptable_max_cm", kCm);
            break;
        case Metric::HandAngle:
        case Metric::PressDirection:
            bands("good_max_deg", "acceptable_max_deg", 1.0);
            break;
        case Metric::Smoothness:
            bands("good_max_m_s", "max_m_s", 1.0);
            break;
        case Metric::Tracking:
            s.good_max = s.acceptable_max = in.positive(obj, place, "bridge_s");
            break;
        case Metric::Depth:
            s.contact = in.positive(obj, place, "contact_cm") * kCm;
            s.gentle_min = in.positive(obj, place, "gentle_min_cm") * kCm;
            s.gentle_max = in.positive(obj, place, "gentle_max_cm") * kCm;
            s.max = in.positive(obj, place, "max_cm") * kCm;
            if (!(s.contact <= s.gentle_min && s.gentle_min < s.gentle_max &&
                  s.gentle_max <= s.max))
                in.fail(place, "expected contact_cm <= gentle_min_cm < gentle_max_cm <= max_cm");
            break;
        case Metric::Hold:
            s.min = in.positive(obj, place, "min_s");
            s.ideal_max = in.positive(obj, place, "ideal_max_s");
            s.drift = in.positive(obj, place, "drift_cm") * kCm;
            s.settle_speed = in.positive(obj, place, "settle_speed_m_s");
            s.settle_window = in.positive(obj, place, "settle_window_s");
            if (s.ideal_max < s.min)
                in.fail(Reader::join(place, "ideal_max_s"), "must be at least min_s");
            break;
    }
    if (obj.contains("advice")) {
        const json& advice = obj["advice"];
        if (!advice.is_object()) in.fail(Reader::join(place, "advice"), "expected an object");
        for (auto it = advice.begin(); it != advice.end(); ++it) {
            if (!it.value().is_string())
                in.fail(Reader::join(place, "advice") + "." + it.key(), "expected a string");
            s.advice[it.key()] = it.value().get<std::string>();
        }
    }
    return s;
}

void checkDirectionName(const Reader& in, const Technique& t, const std::string& name,
                        const std::string& place) {
    std::string resolved = name;
    for (const char* side : {"left", "right"}) {
        resolved = name;
        if (auto pos = resolved.find("{side}"); pos != std::string::npos)
            resolved.replace(pos, 6, side);
        if (!t.directions.count(resolved))
            in.fail(place, "unknown direction \"" + resolved + "\" (not in \"directions\")");
    }
}

}  // namespace

const char* metricName(Metric metric) {
    for (const auto& m : kMetrics)
        if (m.metric == metric) return m.name;
    return "?";
}

const StepSpec& Technique::step(Metric metric) const {
    for (const StepSpec& s : steps)
        if (s.metric == metric) return s;
    throw Error("technique " + id + " has no " + metricName(metric) + " step");
}

const std::string& Technique::cue(std::string_view key) const {
    static const std::string kNone;
    auto it = cues.find(key);
    return it == cues.end() ? kNone : it->second;
}

Technique parseTechnique(std::string_view text, const std::string& source) {
    Reader in(source);
    const json root = in.parse(text);
    if (!root.is_object()) in.fail("", "expected a JSON object");
    const json& version = in.member(root, "", "palpa_technique");
    if (!version.is_number() || version.get<double>() != kTechniqueVersion)
        in.fail("palpa_technique",
                "unknown technique version " + version.dump() + " (this palpa reads version 2)");
    Technique t;
    t.source = source;
    t.id = in.string(root, "", "id");
    t.name = in.string(root, "", "name", t.id);
    t.description = in.string(root, "", "description", "");

    if (root.contains("joints")) {
        const json& joints = root["joints"];
        t.contact_joint = in.joint(joints, "joints", "contact", t.contact_joint);
        t.axis_from_joint = in.joint(joints, "joints", "axis_from", t.axis_from_joint);
        t.axis_to_joint = in.joint(joints, "joints", "axis_to", t.axis_to_joint);
    }
    if (root.contains("filter")) {
        const json& f = root["filter"];
        t.filter.min_cutoff_hz = in.positive(f, "filter", "min_cutoff_hz");
        t.filter.beta = in.number(f, "filter", "beta");
        t.filter.d_cutoff_hz = in.positive(f, "filter", "d_cutoff_hz");
        if (t.filter.beta < 0) in.fail("filter.beta", "must not be negative");
        if (t.filter.min_cutoff_hz > limits::kMaxFilterHz)
            in.fail("filter.min_cutoff_hz", "expected at most " + std::to_string(static_cast<int>(limits::kMaxFilterHz)) + " Hz");
        if (t.filter.d_cutoff_hz > limits::kMaxFilterHz)
            in.fail("filter.d_cutoff_hz", "expected at most " + std::to_string(static_cast<int>(limits::kMaxFilterHz)) + " Hz");
        if (t.filter.beta > limits::kMaxFilterBeta)
            in.fail("filter.beta", "expected at most " + std::to_string(static_cast<int>(limits::kMaxFilterBeta)));
    }

    const json& directions = in.member(root, "", "directions");
    if (!directions.is_object()) in.fail("directions", "expected an object");
    for (auto it = directions.begin(); it != directions.end(); ++it) {
        const std::string place = "directions." + it.key();
        DirectionSpec d;
        d.from = in.string(it.value(), place, "from");
        const json& to = in.member(it.value(), place, "to");
        if (to.is_string()) {
            d.to.push_back(to.get<std::string>());
        } else if (to.is_array() && !to.empty()) {
            for (const json& name : to) {
                if (!name.is_string()) in.fail(place + ".to", "expected landmark names");
                d.to.push_back(name.get<std::string>());
            }
        } else {
            in.fail(place + ".to", "expected a landmark name or a list of them (their midpoint)");
        }
        t.directions[it.key()] = std::move(d);
    }

    const json& targets = in.member(root, "", "targets");
    if (!targets.is_array() || targets.empty()) in.fail("targets", "expected a non-empty array");
    for (size_t i = 0; i < targets.size(); ++i) {
        const std::string place = "targets[" + std::to_string(i) + "]";
        TargetSpec s;
        s.id = in.string(targets[i], place, "id");
        s.side = in.string(targets[i], place, "side");
        if (s.side != "left" && s.side != "right" && s.side != "worked" && s.side != "opposite")
            in.fail(place + ".side", "expected \"left\", \"right\", \"worked\" or \"opposite\"");
        s.landmark = in.string(targets[i], place, "landmark");
        s.superior = in.number(targets[i], place, "superior_cm", 0.0) * kCm;
        s.lateral = in.number(targets[i], place, "lateral_cm", 0.0) * kCm;
        s.lateral_over = in.string(targets[i], place, "lateral_over", "");
        s.clear_of_vessels = in.nonNegative(targets[i], place, "clear_of_vessels_cm", 0.0, kCm);
        s.hand_axis = in.string(targets[i], place, "hand_axis");
        checkDirectionName(in, t, s.hand_axis, place + ".hand_axis");
        t.targets.push_back(std::move(s));
    }

    t.required_hands = static_cast<int>(in.number(root, "", "required_hands", static_cast<double>(std::min<std::size_t>(2, t.targets.size()))));
    if (t.required_hands < 1 || t.required_hands > 2 || static_cast<std::size_t>(t.required_hands) > t.targets.size())
        in.fail("required_hands", "expected 1 or 2, at most the number of targets");

    const json& press = in.member(root, "", "press");
    t.press.along = in.string(press, "press", "along");
    checkDirectionName(in, t, t.press.along, "press.along");
    t.press.inward_weight = in.number(press, "press", "inward_weight");
    t.press.along_weight = in.number(press, "press", "along_weight");
    if (t.press.inward_weight < 0 || t.press.along_weight < 0 ||
        t.press.inward_weight + t.press.along_weight <= 0)
        in.fail("press", "weights must not be negative and must not both be zero");

    const json& steps = in.member(root, "", "steps");
    if (!steps.is_array()) in.fail("steps", "expected an array");
    for (size_t i = 0; i < steps.size(); ++i) {
        const std::string place = "steps[" + std::to_string(i) + "]";
        StepSpec s = parseStep(in, steps[i], place);
        for (const StepSpec& other : t.steps)
            if (other.metric == s.metric)
                in.fail(place + ".metric",
                        std::string("a second ") + metricName(s.metric) + " step");
        t.steps.push_back(std::move(s));
    }
    for (const auto& m : kMetrics) {
        bool found = false;
        for (const StepSpec& s : t.steps) found = found || s.metric == m.metric;
        if (!found) in.fail("steps", std::string("no step measures \"") + m.name + "\"");
    }

    if (root.contains("cues")) {
        const json& cues = root["cues"];
        if (!cues.is_object()) in.fail("cues", "expected an object");
        for (auto it = cues.begin(); it != cues.end(); ++it) {
            if (!it.value().is_string()) in.fail("cues." + it.key(), "expected a string");
            t.cues[it.key()] = it.value().get<std::string>();
        }
    }
    if (root.contains("default_patient"))
        in.fail("default_patient",
                "is no longer read: the patient comes from the model (palpa score --model FILE)");
    t.safety.joints = {kPalm, kThumbTip, kIndexTip, kMiddleTip, kRingTip, kLittleTip};
    if (root.contains("safety")) parseSafety(in, root["safety"], t.safety);
    if (std::find(t.safety.joints.begin(), t.safety.joints.end(), t.contact_joint) == t.safety.joints.end())
        t.safety.joints.push_back(t.contact_joint);
    if (root.contains("patient")) parsePatientSpec(in, root["patient"], t.patient);
    return t;
}

Technique loadTechnique(const std::filesystem::path& path) {
    return parseTechnique(files::readAll(path), path.string());
}

}  // namespace palpa::scoring
