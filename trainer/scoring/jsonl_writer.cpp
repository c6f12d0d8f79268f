// Writing recordings as JSON Lines: std::to_chars, so the bytes do not depend on the locale.
#include <algorithm>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/file.hpp"
#include "scoring/jsonl.hpp"

namespace palpa::scoring {
namespace {

// Appends value with at most `decimals` digits after the point, trailing zeros trimmed,
// and "-0" written as "0".
void appendNumber(std::string& out, double value, int decimals) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed,
                                   std::clamp(decimals, 0, 6));
    if (ec != std::errc() || !std::isfinite(value)) {
        out += '0';  // never NaN or infinity: the reader refuses them (hands are checked first)
        return;
    }
    char* last = end;
    if (std::find(buf, end, '.') != end) {
        while (last > buf && last[-1] == '0') --last;
        if (last > buf && last[-1] == '.') --last;
    }
    std::string_view text(buf, static_cast<size_t>(last - buf));
    if (text == "-0") text = "0";
    out += text;
}

void appendHand(std::string& out, const HandPose& hand, int decimals) {
    out += "{\"joints\": [";
    for (int j = 0; j < kJointCount; ++j) {
        const JointPose& joint = hand[static_cast<size_t>(j)];
        if (j) out += ',';
        out += '[';
        const float values[8] = {joint.position.x,    joint.position.y,    joint.position.z,
                                 joint.orientation.x, joint.orientation.y, joint.orientation.z,
                                 joint.orientation.w, joint.radius};
        for (int k = 0; k < 8; ++k) {
            if (k) out += ',';
            appendNumber(out, static_cast<double>(values[k]), decimals);
        }
        out += ']';
    }
    out += ']';
    bool first = true;  // the joints only inferred, when there are any
    for (int j = 0; j < kJointCount; ++j) {
        if (hand[static_cast<size_t>(j)].tracked) continue;
        out += first ? ", \"inferred\": [" : ",";
        out += std::to_string(j);
        first = false;
    }
    if (!first) out += ']';
    out += '}';
}

// A JSON string as nlohmann writes it: control characters escaped (never dropped), invalid
// UTF-8 replaced, so the reader gets back what was written.
std::string jsonString(std::string_view text) {
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Whether every value of a hand can be written as a JSON number (the reader refuses NaN and
// infinity): a hand that cannot is written as untracked (null), as the scorer would treat it.
bool finiteHand(const HandPose& hand) {
    for (const JointPose& j : hand) {
        const float v[8] = {j.position.x, j.position.y, j.position.z, j.orientation.x,
                            j.orientation.y, j.orientation.z, j.orientation.w, j.radius};
        for (float x : v)
            if (!std::isfinite(x)) return false;
    }
    return true;
}

}  // namespace

std::string formatHeader(const RecordingHeader& header) {
    std::string out = "{\"palpa_recording\": " + std::to_string(header.version);
    out += ", \"frame\": " + jsonString(header.frame);
    out += ", \"units\": " + jsonString(header.units);
    out += ", \"joints\": " + jsonString(header.joints);
    if (!header.technique.empty()) out += ", \"technique\": " + jsonString(header.technique);
    out += ", \"side\": " + jsonString(sideName(header.side));
    if (header.model) {
        out += ", \"model\": {\"file\": " + jsonString(header.model->file);
        out += ", \"sha256\": " + jsonString(header.model->sha256);
        out += ", \"waist_cm\": ";
        appendNumber(out, header.model->waist_cm, 1);
        out += ", \"vessel_depth_cm\": ";
        appendNumber(out, header.model->vessel_depth_cm, 2);
        out += "}";
    }
    return out + "}";
}

std::string formatFrame(const Frame& frame, const WriteOptions& options) {
    std::string out;
    out.reserve(4096);
    out += "{\"t\": ";
    appendNumber(out, frame.t, options.time_decimals);
    out += ", \"hands\": {";
    for (int h = 0; h < 2; ++h) {
        if (h) out += ", ";
        out += h == 0 ? "\"left\": " : "\"right\": ";
        const auto& hand = frame.hands[static_cast<size_t>(h)];
        if (hand && finiteHand(*hand))
            appendHand(out, *hand, options.decimals);
        else
            out += "null";
    }
    out += "}";
    if (frame.patient) {
        out += ", \"patient\": {\"breath_cm\": ";
        appendNumber(out, frame.patient->breath_cm, 2);
        out += ", \"discomfort\": ";
        appendNumber(out, frame.patient->discomfort, 2);
        out += frame.patient->reacting ? ", \"reacting\": true}" : ", \"reacting\": false}";
    }
    out += "}";
    return out;
}

std::string formatRecording(const Recording& recording, const WriteOptions& options) {
    std::string out = formatHeader(recording.header);
    out += '\n';
    out.reserve(recording.frames.size() * 3200 + out.size());
    for (const Frame& frame : recording.frames) {
        out += formatFrame(frame, options);
        out += '\n';
    }
    return out;
}

void writeRecording(const std::filesystem::path& path, const Recording& recording,
                    const WriteOptions& options) {
    files::writeAtomic(path, formatRecording(recording, options));
}

}  // namespace palpa::scoring
