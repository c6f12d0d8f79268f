// Reading recordings from JSON Lines with simdjson's DOM parser, one line at a time, so every
// error names its line. The whole input is copied once into a padded buffer; each line is
// parsed in place (the bytes after a line serve as simdjson's padding).
#include <algorithm>
#include <cmath>
#include <string>

#include <simdjson.h>

#include "core/error.hpp"
#include "core/file.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/limits.hpp"

namespace palpa::scoring {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

class LineParser {
  public:
    explicit LineParser(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
        std::string place = "line " + std::to_string(line_);
        if (!where.empty()) place += ": " + where;
        throw InputError(source_, place, problem);
    }

    // Parses one line into a DOM object; reports invalid JSON with a hint at its likely cause.
    object parseObject(const char* data, size_t size, bool last_unterminated) {
        element doc;
        auto error = parser_.parse(data, size, false).get(doc);
        if (error) {
            std::string_view text(data, size);
            std::string problem =
                std::string("not valid JSON (") + simdjson::error_message(error) + ")";
            if (text.find("NaN") != std::string_view::npos ||
                text.find("Infinity") != std::string_view::npos)
                problem += "; NaN and Infinity are not numbers in JSON, values must be finite";
            else if (last_unterminated)
                problem += "; the last line looks truncated";
            fail("", problem);
        }
        object obj;
        if (doc.get_object().get(obj)) fail("", "expected a JSON object");
        return obj;
    }

    void parseHeader(object obj, RecordingHeader& header) {
        bool have_version = false, have_frame = false, have_units = false, have_side = false;
        for (auto field : obj) {
            std::string_view key = field.key;
            if (key == "palpa_recording") {
                double v = 0;
                if (field.value.get_double().get(v))
                    fail("palpa_recording", "expected a version number");
                if (v != kRecordingVersion)
                    fail("palpa_recording",
                         "unknown recording version " + fmt(v) + " (this palpa reads version 1)");
                have_version = true;
            } else if (key == "frame") {
                header.frame = string(field.value, "frame");
                if (header.frame != "patient_ras")
                    fail("frame",
                         "unknown frame \"" + header.frame + "\", expected \"patient_ras\"");
                have_frame = true;
            } else if (key == "units") {
                header.units = string(field.value, "units");
                if (header.units != "m")
                    fail("units", "unknown units \"" + header.units + "\", expected \"m\"");
                have_units = true;
            } else if (key == "joints") {
                header.joints = string(field.value, "joints");
                if (header.joints != "XR_EXT_hand_tracking")
                    fail("joints", "unknown joint set \"" + header.joints +
                                       "\", expected \"XR_EXT_hand_tracking\"");
            } else if (key == "technique") {
                header.technique = string(field.value, "technique");
                if (!limits::plausibleId(header.technique.data(), header.technique.size()))
                    fail("technique", "expected a technique id of 1-" + std::to_string(limits::kMaxIdLength) +
                                          " letters, digits, '.', '_' or '-'");
            } else if (key == "model") {
                object model;
                if (field.value.get_object().get(model))
                    fail("model", "expected {\"file\", \"sha256\", \"waist_cm\", \"vessel_depth_cm\"}");
                RecordedModel& m = header.model.emplace();
                for (auto f : model) {
                    if (f.key == "file") m.file = string(f.value, "model.file");
                    else if (f.key == "sha256") m.sha256 = string(f.value, "model.sha256");
                    else if (f.key == "waist_cm") m.waist_cm = finite(f.value, "model.waist_cm");
                    else if (f.key == "vessel_depth_cm") m.vessel_depth_cm = finite(f.value, "model.vessel_depth_cm");
                }
            } else if (key == "side") {
                const std::string side = string(field.value, "side");
                auto parsed = parseSide(side);
                if (!parsed) fail("side", "expected \"left\" or \"right\", got \"" + side + "\"");
                header.side = *parsed;
                have_side = true;
            }
        }
        if (!have_version)
            fail("", "not a palpa recording header (no \"palpa_recording\" version)");
        if (!have_frame) fail("", "header lacks \"frame\" (expected \"patient_ras\")");
        if (!have_units) fail("", "header lacks \"units\" (expected \"m\")");
        if (!have_side) fail("", "header lacks \"side\" (\"left\" or \"right\")");
    }

    void parseFrame(object obj, Frame& frame) {
        bool have_t = false;
        frame.hands[0].reset();
        frame.hands[1].reset();
        frame.patient.reset();
        for (auto field : obj) {
            std::string_view key = field.key;
            if (key == "t") {
                if (field.value.get_double().get(frame.t)) fail("t", "expected a number");
                if (!std::isfinite(frame.t)) fail("t", "must be finite");
                if (frame.t < -limits::kMaxTime || frame.t > limits::kMaxTime)
                    fail("t", "expected seconds within a day (|t| <= " + fmt(limits::kMaxTime) + ")");
                have_t = true;
            } else if (key == "patient") {
                if (field.value.is_null()) continue;
                object patient;
                if (field.value.get_object().get(patient))
                    fail("patient", "expected {\"breath_cm\", \"discomfort\", \"reacting\"}");
                RecordedPatient& p = frame.patient.emplace();
                for (auto f : patient) {
                    if (f.key == "breath_cm") {
                        p.breath_cm = finite(f.value, "patient.breath_cm");
                        if (std::abs(p.breath_cm) > limits::kMaxBreathCm)
                            fail("patient.breath_cm", "expected a breath of at most " + fmt(limits::kMaxBreathCm) + " cm");
                    } else if (f.key == "discomfort") {
                        p.discomfort = finite(f.value, "patient.discomfort");
                        if (p.discomfort < 0.0 || p.discomfort > 1.0) fail("patient.discomfort", "expected 0 to 1");
                    }
                    else if (f.key == "reacting" && f.value.get_bool().get(p.reacting))
                        fail("patient.reacting", "expected true or false");
                }
            } else if (key == "hands") {
                if (field.value.is_null()) continue;
                object hands;
                if (field.value.get_object().get(hands)) fail("hands", "expected an object");
                for (auto hand : hands) {
                    std::string_view name = hand.key;
                    int index = name == "left" ? 0 : name == "right" ? 1 : -1;
                    if (index < 0) continue;  // unknown extra keys are accepted
                    if (hand.value.is_null()) continue;
                    parseHand(hand.value, std::string("hands.") + std::string(name),
                              frame.hands[static_cast<size_t>(index)].emplace());
                }
            }
        }
        if (!have_t) fail("", "frame lacks \"t\" (seconds)");
    }

    void setLine(size_t line) { line_ = line; }

  private:
    double finite(element value, const char* where) {
        double v = 0.0;
        if (value.get_double().get(v)) fail(where, "expected a number");
        if (!std::isfinite(v)) fail(where, "must be finite");
        return v;
    }

    std::string string(element value, const char* where) {
        std::string_view s;
        if (value.get_string().get(s)) fail(where, "expected a string");
        return std::string(s);
    }

    void parseHand(element value, const std::string& where, HandPose& pose) {
        object hand;
        if (value.get_object().get(hand)) fail(where, "expected an object with \"joints\" or null");
        element joints_value;
        if (hand["joints"].get(joints_value)) fail(where, "lacks \"joints\"");
        array joints;
        if (joints_value.get_array().get(joints))
            fail(where + ".joints", "expected an array of 26 joints");
        const size_t count = joints.size();
        if (count != kJointCount)
            fail(where + ".joints",
                 "expected 26 joints (XR_EXT_hand_tracking), got " + std::to_string(count));
        size_t j = 0;
        for (element joint : joints) {
            array values;
            const auto place = [&] { return where + ".joints[" + std::to_string(j) + "]"; };
            if (joint.get_array().get(values))
                fail(place(), "expected [px,py,pz,qx,qy,qz,qw,radius]");
            double v[8];
            size_t k = 0;
            for (element number : values) {
                if (k == 8) break;
                if (number.get_double().get(v[k]))
                    fail(place(), "value " + std::to_string(k) + " is not a number");
                if (!std::isfinite(v[k]))
                    fail(place(), "value " + std::to_string(k) + " is not finite");
                ++k;
            }
            if (k != 8 || values.size() != 8)
                fail(place(), "expected 8 numbers [px,py,pz,qx,qy,qz,qw,radius], got " +
                                  std::to_string(values.size()));
            if (v[7] < 0) fail(place(), "radius is negative");
            for (int c = 0; c < 3; ++c)
                if (std::abs(v[c]) > limits::kMaxCoordinate)
                    fail(place(), "position " + fmt(v[c]) + " m is more than " + fmt(limits::kMaxCoordinate) +
                                      " m from the patient (metres, patient frame)");
            if (v[7] > limits::kMaxJointRadius)
                fail(place(), "radius " + fmt(v[7]) + " m is larger than a joint (at most " + fmt(limits::kMaxJointRadius) + " m)");
            const double norm = std::sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5] + v[6] * v[6]);
            if (!(std::abs(norm - 1.0) <= limits::kQuaternionTolerance))
                fail(place(), "orientation [qx,qy,qz,qw] has length " + fmt(norm) + ", expected a unit quaternion (within " +
                                  fmt(limits::kQuaternionTolerance) + ")");
            JointPose& out = pose[j];
            out.position = glm::vec3(static_cast<float>(v[0]), static_cast<float>(v[1]),
                                     static_cast<float>(v[2]));
            out.orientation = glm::quat(static_cast<float>(v[6]), static_cast<float>(v[3]),
                                        static_cast<float>(v[4]), static_cast<float>(v[5]));
            out.radius = static_cast<float>(v[7]);
            ++j;
        }
        // Joints the runtime only inferred (not tracked), by index; absent: all tracked.
        element inferred_value;
        if (hand["inferred"].get(inferred_value) == simdjson::SUCCESS) {
            array inferred;
            if (inferred_value.get_array().get(inferred)) fail(where + ".inferred", "expected an array of joint indices 0-25");
            for (element index : inferred) {
                std::int64_t i = -1;
                if (index.get_int64().get(i) || i < 0 || i >= kJointCount)
                    fail(where + ".inferred", "expected joint indices 0-25 (XR_EXT_hand_tracking)");
                pose[static_cast<size_t>(i)].tracked = false;
            }
        }
    }

    std::string source_;
    size_t line_ = 0;
    simdjson::dom::parser parser_;
};

bool blank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
}

}  // namespace

Recording parseRecording(std::string_view text, const std::string& source) {
    const simdjson::padded_string buffer(text.data(), text.size());
    const char* data = buffer.data();
    const size_t size = buffer.size();

    LineParser parser(source);
    Recording recording;
    // One frame a line: reserving avoids copying frames as the vector grows.
    recording.frames.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    bool have_header = false;
    size_t line = 0, previous_line = 0;
    size_t pos = 0;
    while (pos < size) {
        ++line;
        size_t end = pos;
        while (end < size && data[end] != '\n') ++end;
        const bool unterminated = end == size;
        size_t stop = end;
        if (stop > pos && data[stop - 1] == '\r') --stop;
        const std::string_view content(data + pos, stop - pos);
        pos = end + 1;
        if (blank(content)) continue;
        parser.setLine(line);
        object obj = parser.parseObject(content.data(), content.size(), unterminated);
        if (!have_header) {
            parser.parseHeader(obj, recording.header);
            have_header = true;
            continue;
        }
        Frame& frame = recording.frames.emplace_back();
        parser.parseFrame(obj, frame);
        if (recording.frames.size() > 1) {
            const double before = recording.frames[recording.frames.size() - 2].t;
            if (frame.t == before)
                parser.fail("t", "time does not advance: t = " + fmt(frame.t) + " repeats line " +
                                     std::to_string(previous_line) +
                                     " (times must be strictly increasing)");
            if (frame.t < before)
                parser.fail("t", "time goes backwards: t = " + fmt(frame.t) + " after t = " +
                                     fmt(before) + " on line " + std::to_string(previous_line));
        }
        previous_line = line;
    }
    if (!have_header) throw InputError(source, "line 1", "empty file, expected a recording header");
    if (recording.frames.empty())
        throw InputError(source, "line " + std::to_string(line + 1), "no frames after the header");
    return recording;
}

Recording readRecording(const std::filesystem::path& path) {
    return parseRecording(files::readAll(path), path.string());
}

}  // namespace palpa::scoring
