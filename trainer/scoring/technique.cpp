// Loading techniques and patients with nlohmann::json; errors name the JSON path.
#include "scoring/technique.hpp"

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

    glm::vec3 vec3(const json& v, const std::string& place) const {
        if (!v.is_array() || v.size() != 3) fail(place, "expected [x, y, z] in metres");
        glm::vec3 out(0.0f);
        for (int i = 0; i < 3; ++i) {
            if (!v[static_cast<size_t>(i)].is_number()) fail(place, "expected [x, y, z] in metres");
            out[i] = v[static_cast<size_t>(i)].get<float>();
            if (!std::isfinite(out[i])) fail(place, "must be finite");
        }
        return out;
    }

    int joint(const json& obj, const std::string& place, const char* key, int fallback) const;

    Patient patient(const json& obj, const std::string& place) const {
        Patient p;
        const json& landmarks = member(obj, place, "landmarks");
        const std::string lplace = join(place, "landmarks");
        if (!landmarks.is_object() || landmarks.empty())
            fail(lplace, "expected an object of name: [x, y, z]");
        for (auto it = landmarks.begin(); it != landmarks.end(); ++it)
            p.landmarks[it.key()] = vec3(it.value(), join(lplace, it.key().c_str()));
        p.skin = skin(member(obj, place, "skin"), join(place, "skin"));
        return p;
    }

    SkinSurface skin(const json& obj, const std::string& place) const {
        const std::string type = string(obj, place, "type");
        if (type == "plane") {
            return SkinSurface::plane(static_cast<float>(number(obj, place, "y0", 0.0)),
                                      static_cast<float>(number(obj, place, "slope_x", 0.0)),
                                      static_cast<float>(number(obj, place, "slope_z", 0.0)));
        }
        if (type != "grid") fail(join(place, "type"), "expected \"plane\" or \"grid\"");
        const json& rows = member(obj, place, "heights");
        const std::string hplace = join(place, "heights");
        if (!rows.is_array() || rows.size() < 2)
            fail(hplace, "expected an array of at least 2 rows (one per z, each over x)");
        std::vector<float> heights;
        size_t nx = 0;
        for (size_t r = 0; r < rows.size(); ++r) {
            const std::string rplace = hplace + "[" + std::to_string(r) + "]";
            if (!rows[r].is_array()) fail(rplace, "expected an array of heights");
            if (r == 0) nx = rows[r].size();
            if (rows[r].size() != nx)
                fail(rplace, "expected " + std::to_string(nx) + " heights like row 0");
            for (const json& h : rows[r]) {
                if (!h.is_number()) fail(rplace, "expected numbers");
                heights.push_back(h.get<float>());
            }
        }
        try {
            return SkinSurface::grid(static_cast<float>(number(obj, place, "x_min")),
                                     static_cast<float>(number(obj, place, "z_min")),
                                     static_cast<float>(positive(obj, place, "step_x")),
                                     static_cast<float>(positive(obj, place, "step_z")),
                                     static_cast<int>(nx), static_cast<int>(rows.size()),
                                     std::move(heights));
        } catch (const std::invalid_argument& e) {
            fail(place, e.what());
        }
    }

};

int Reader::joint(const json& obj, const std::string& place, const char* key, int fallback) const {
    if (!obj.contains(key)) return fallback;
    const std::string name = string(obj, place, key);
    const int index = jointIndex(name);
    if (index < 0)
        fail(join(place, key),
             "unknown joint \"" + name + "\" (XR_EXT_hand_tracking names, e.g. \"thumb_tip\")");
    return index;
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
                "unknown technique version " + version.dump() + " (this palpa reads version 1)");
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
        s.hand_axis = in.string(targets[i], place, "hand_axis");
        checkDirectionName(in, t, s.hand_axis, place + ".hand_axis");
        t.targets.push_back(std::move(s));
    }

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
        t.default_patient = in.patient(root["default_patient"], "default_patient");
    return t;
}

Technique loadTechnique(const std::filesystem::path& path) {
    return parseTechnique(files::readAll(path), path.string());
}

Patient parsePatient(std::string_view text, const std::string& source) {
    Reader in(source);
    const json root = in.parse(text);
    if (!root.is_object()) in.fail("", "expected a JSON object");
    if (root.contains("palpa_patient")) {
        const json& v = root["palpa_patient"];
        if (!v.is_number() || v.get<double>() != kPatientVersion)
            in.fail("palpa_patient",
                    "unknown patient version " + v.dump() + " (this palpa reads version 1)");
    }
    return in.patient(root, "");
}

Patient loadPatient(const std::filesystem::path& path) {
    return parsePatient(files::readAll(path), path.string());
}

}  // namespace palpa::scoring
