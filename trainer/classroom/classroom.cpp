#include "classroom/classroom.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "scoring/verdict.hpp"

namespace palpa::classroom {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 6;

// Milliseconds since the epoch of an ISO 8601 UTC time as nowUtc() writes it; nullopt when
// it is not one.
std::optional<double> epochMs(const std::string& iso) {
    std::tm t{};
    int ms = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &t.tm_year, &t.tm_mon, &t.tm_mday,
                    &t.tm_hour, &t.tm_min, &t.tm_sec, &ms) != 7)
        return std::nullopt;
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return static_cast<double>(timegm(&t)) * 1000.0 + ms;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::string newJoinCode() {
    static std::random_device device;
    std::string code;
    for (std::size_t i = 0; i < kCodeLength; ++i) code += kAlphabet[device() % kAlphabet.size()];
    return code;
}

std::optional<std::string> normalizeCode(const std::string& typed) {
    std::string code;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (kAlphabet.find(u) == std::string_view::npos) return std::nullopt;
        code += u;
    }
    if (code.size() != kCodeLength) return std::nullopt;
    return code;
}

bool codeExpired(const records::ClassRecord& cls, const std::string& now) {
    return secondsBetween(cls.expires_at, now) >= 0.0;
}

std::string addSeconds(const std::string& iso, double seconds) {
    const double ms = epochMs(iso).value_or(0.0) + seconds * 1000.0;
    const std::time_t whole = static_cast<std::time_t>(std::floor(ms / 1000.0));
    std::tm utc{};
    gmtime_r(&whole, &utc);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(std::lround(ms - static_cast<double>(whole) * 1000.0)) % 1000);
    return text;
}

double secondsBetween(const std::string& from, const std::string& to) {
    const auto a = epochMs(from), b = epochMs(to);
    if (!a || !b) return 1e9;  // an unreadable time counts as long ago
    return (*b - *a) / 1000.0;
}

Command parseCommand(const std::string& text, const std::string& where) {
    std::istringstream in(text);
    std::string word, arg;
    in >> word >> arg;
    word = lower(word);
    Command c;
    using K = Command::Kind;
    const auto number = [&](const std::string& s) {
        char* end = nullptr;
        const long n = std::strtol(s.c_str(), &end, 10);
        if (s.empty() || *end != '\0' || n < 1 || n > 100000)
            throw InputError(where, "", "a step number from 1 (got \"" + s + "\")");
        return static_cast<int>(n);
    };
    if (word == "n" || word == "next") c.kind = K::Next;
    else if (word == "p" || word == "prev" || word == "previous") c.kind = K::Previous;
    else if (word == "g" || word == "go") c.kind = K::Go, c.step = number(arg);
    else if (!word.empty() && std::isdigit(static_cast<unsigned char>(word[0]))) c.kind = K::Go, c.step = number(word);
    else if (word == "pause") c.kind = K::Pause;
    else if (word == "resume") c.kind = K::Resume;
    else if (word == "release") c.kind = K::Release;
    else if (word == "quiz") c.kind = K::Quiz;
    else if (word == "tour") c.kind = K::Tour;
    else if (word == "point") {
        if (arg.empty()) throw InputError(where, "", "point NAME: the structure to point at");
        c.kind = K::Point, c.structure = arg;
    } else if (word == "unpoint") c.kind = K::Unpoint;
    else if (word == "end") c.kind = K::End;
    else throw InputError(where, "", std::string("one of: ") + commandHelp() + " (got \"" + text + "\")");
    return c;
}

const char* commandHelp() {
    return "n(ext), p(revious), g N (go to step N), pause, resume, release (students practise), "
           "quiz (everyone takes the class's quiz), tour (back to the tour), point NAME, unpoint, end";
}

std::string apply(records::ClassRecord& cls, const Command& cmd, std::size_t steps,
                  const std::vector<std::string>& structures) {
    using K = Command::Kind;
    if (cls.mode == records::ClassMode::Ended)
        throw InputError("class " + cls.code, "", "a class that has not ended (it has)");
    const int last = static_cast<int>(steps) - 1;
    const auto stepLine = [&] { return "step " + std::to_string(cls.step + 1) + "/" + std::to_string(steps); };
    switch (cmd.kind) {
        case K::Next:
            if (cls.step >= last) throw InputError("class " + cls.code, "", "a next step (this is the last)");
            ++cls.step;
            return stepLine();
        case K::Previous:
            if (cls.step <= 0) throw InputError("class " + cls.code, "", "a previous step (this is the first)");
            --cls.step;
            return stepLine();
        case K::Go:
            if (cmd.step < 1 || cmd.step > static_cast<int>(steps))
                throw InputError("class " + cls.code, "", "a step from 1 to " + std::to_string(steps) +
                                                              " (got " + std::to_string(cmd.step) + ")");
            cls.step = cmd.step - 1;
            return stepLine();
        case K::Pause: cls.paused = true; return "paused";
        case K::Resume: cls.paused = false; return "resumed";
        case K::Release: cls.mode = records::ClassMode::Practice; cls.paused = false; return "released to practise";
        case K::Quiz:
            if (cls.quiz.empty()) throw InputError("class " + cls.code, "quiz", "a class started with a quiz (class start --quiz FILE)");
            cls.mode = records::ClassMode::Quiz;
            cls.paused = false;
            return "everyone takes the class's quiz";
        case K::Tour: cls.mode = records::ClassMode::Tour; return "back to the tour, " + stepLine();
        case K::Point:
            if (std::find(structures.begin(), structures.end(), cmd.structure) == structures.end())
                throw InputError("class " + cls.code, "point", "a structure of the model (got \"" + cmd.structure + "\")");
            cls.pointed = cmd.structure;
            return "pointing at " + cmd.structure;
        case K::Unpoint: cls.pointed.clear(); return "pointing at nothing";
        case K::End: cls.mode = records::ClassMode::Ended; cls.paused = false; return "ended";
    }
    return "";
}

std::string toJson(const LiveState& live) {
    nlohmann::json j{{"activity", live.activity}, {"phase", live.phase}, {"hold_s", live.hold_s},
                     {"faults", live.faults}, {"cue", live.cue}, {"unsafe", live.unsafe}};
    j["depth_cm"] = live.depth_cm ? nlohmann::json(*live.depth_cm) : nlohmann::json(nullptr);
    j["last_score"] = live.last_score ? nlohmann::json(*live.last_score) : nlohmann::json(nullptr);
    return j.dump();
}

LiveState liveFromJson(const std::string& text) {
    LiveState live;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return live;
    const auto str = [&](const char* k, std::string& out) {
        if (j.contains(k) && j[k].is_string()) out = j[k].get<std::string>();
    };
    str("activity", live.activity);
    str("phase", live.phase);
    str("cue", live.cue);
    if (j.contains("depth_cm") && j["depth_cm"].is_number()) live.depth_cm = j["depth_cm"].get<double>();
    if (j.contains("hold_s") && j["hold_s"].is_number()) live.hold_s = j["hold_s"].get<double>();
    if (j.contains("last_score") && j["last_score"].is_number_integer()) live.last_score = j["last_score"].get<int>();
    if (j.contains("unsafe") && j["unsafe"].is_boolean()) live.unsafe = j["unsafe"].get<bool>();
    if (j.contains("faults") && j["faults"].is_array())
        for (const auto& f : j["faults"])
            if (f.is_string()) live.faults.push_back(f.get<std::string>());
    return live;
}

LiveState liveFromScorer(const scoring::LiveState& s) {
    LiveState live;
    live.activity = "practice";
    live.phase = scoring::phaseName(s.phase);
    live.depth_cm = s.depth_cm;
    live.hold_s = s.hold_s;
    live.faults = scoring::faultCodes(s.faults);
    live.cue = std::string(s.cue_key);
    live.unsafe = (s.faults & scoring::kSafetyFaults) != 0 || s.cue_key == "vessel_pressure" ||
                  s.cue_key == "too_deep" || s.cue_key == "discomfort";
    return live;
}

std::string consoleTable(const records::ClassRecord& cls, std::size_t steps,
                         const std::vector<records::MemberRecord>& members, const std::string& now) {
    std::ostringstream out;
    char line[256];
    std::snprintf(line, sizeof line, "%-16s %-5s %-6s %-9s %-8s %-6s %-5s %s\n", "student", "link", "step",
                  "phase", "depth", "hold", "score", "faults");
    out << line;
    for (const records::MemberRecord& m : members) {
        const LiveState live = liveFromJson(m.live);
        const bool connected = secondsBetween(m.seen_at, now) < kConnectedSeconds;
        char depth[16] = "-", hold[16] = "-", score[16] = "-";
        if (live.depth_cm && *live.depth_cm >= 0.0) std::snprintf(depth, sizeof depth, "%.1f cm", *live.depth_cm);  // above the skin: -
        if (live.activity == "practice") std::snprintf(hold, sizeof hold, "%.0f s", live.hold_s);
        if (live.last_score) std::snprintf(score, sizeof score, "%d", *live.last_score);
        std::string faults;
        for (const std::string& f : live.faults) faults += (faults.empty() ? "" : ",") + f;
        const std::string step = std::to_string(m.step + 1) + "/" + std::to_string(steps) +
                                 (m.version < cls.version && connected ? "*" : "");
        std::snprintf(line, sizeof line, "%-16.16s %-5s %-6s %-9.9s %-8s %-6s %-5s %s%s\n", m.student.c_str(),
                      connected ? "on" : "off", step.c_str(), live.activity == "practice" ? live.phase.c_str() : live.activity.c_str(),
                      depth, hold, score, faults.empty() ? "-" : faults.c_str(), live.unsafe ? "  !! UNSAFE" : "");
        out << line;
    }
    return out.str();
}

}  // namespace palpa::classroom
