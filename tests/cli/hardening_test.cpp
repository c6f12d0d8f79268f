// What an attacker or a careless user found (issue: hardening), each answered through the CLI
// with one line naming the file, the place and what was expected, and exit status 2: values
// finite as doubles but not as the floats they are stored in, numbers that overflow JSON,
// implausible hands and times, a technique id that would name a file, a walkthrough's bad view
// or clip found when it is read, and usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

namespace palpa {
namespace {

namespace fs = std::filesystem;
using test::palpa;
using test::run;

fs::path dir() {
    const fs::path d = fs::temp_directory_path() / "palpa_hardening";
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path kGood = fs::path(PALPA_TEST_ASSETS) / "recordings" / "good-left.jsonl";

// The bundled good attempt with `from` replaced by `to` in line `line` (1-based), written out.
fs::path recordingWith(const std::string& name, int line, const std::string& from, const std::string& to) {
    std::istringstream in(slurp(kGood));
    std::string out, l;
    for (int n = 1; std::getline(in, l); ++n) {
        if (n == line) {
            const auto at = l.find(from);
            EXPECT_NE(at, std::string::npos) << from;
            if (at != std::string::npos) l.replace(at, from.size(), to);
        }
        out += l + "\n";
    }
    const fs::path p = dir() / (name + ".jsonl");
    std::ofstream(p) << out;
    return p;
}

struct Refused {
    int exit_code;
    std::string err;
    int lines;
};
Refused refused(const std::string& args) {
    const auto r = run(palpa() + " " + args);
    return {r.exit_code, r.err, r.errLines()};
}

void expectRefused(const std::string& args, const std::string& expected) {
    const Refused r = refused(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_EQ(r.lines, 1) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << args << "\n" << r.err;
}

TEST(Hardening, HandsThatCannotBeAreRefused) {
    // The first frame's first joint's x: 1e30 m away, and -1e308 (finite as a double, infinite
    // as the float it is stored in: it crashed the scorer).
    std::string line2;
    {
        std::istringstream in(slurp(kGood));
        std::getline(in, line2);
        std::getline(in, line2);
    }
    nlohmann::json frame = nlohmann::json::parse(line2);
    const std::string x = frame["hands"]["left"]["joints"][0][0].dump();
    expectRefused("score " + recordingWith("far-joint", 2, "[[" + x + ",", "[[1e30,").string(),
                  "line 2: hands.left.joints[0]: position 1e+30 m is more than 10 m from the patient");
    expectRefused("score " + recordingWith("neg-huge", 2, "[[" + x + ",", "[[-1e308,").string(), "more than 10 m from the patient");
    // A quaternion component of 1e308.
    const std::string qx = frame["hands"]["left"]["joints"][0][3].dump();
    const std::string joint = frame["hands"]["left"]["joints"][0].dump();
    std::string bad = joint;
    bad.replace(bad.find("," + qx + ","), qx.size() + 2, ",1e308,");
    expectRefused("score " + recordingWith("quaternion", 2, joint, bad).string(), "expected a unit quaternion");
}

// The bundled good attempt with every frame after line 400 moved `seconds` later, written out.
fs::path gapAfterLine400(const std::string& name, double seconds) {
    std::istringstream in(slurp(kGood));
    std::string out, l;
    for (int n = 1; std::getline(in, l); ++n) {
        if (n > 400) {
            nlohmann::json f = nlohmann::json::parse(l);
            f["t"] = f["t"].get<double>() + seconds;
            l = f.dump();
        }
        out += l + "\n";
    }
    const fs::path p = dir() / (name + ".jsonl");
    std::ofstream(p) << out;
    return p;
}

TEST(Hardening, TimesAndGapsThatCannotBeAreRefusedOrCountedAsLoss) {
    // A frame 1e12 s on: beyond a day, refused.
    expectRefused("score " + gapAfterLine400("gap-far", 1e12).string(), "line 401: t: expected seconds within a day");
    // A gap of 100 s mid-hold (within a day): nobody tracked the hands then. It is a tracking
    // loss, not 100 s of perfect hold.
    const fs::path gap = gapAfterLine400("gap-100", 100.0);
    const auto r = run(palpa() + " score --json " + gap.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto judged = nlohmann::json::parse(r.out);
    EXPECT_FALSE(judged["passed"].get<bool>()) << r.out;
    bool lost = false;
    for (const auto& f : judged["faults"]) lost = lost || f == "tracking_lost";
    EXPECT_TRUE(lost) << judged["faults"];
}

TEST(Hardening, ATechniqueIdThatWouldNameAFileIsRefused) {
    const std::string id = std::string(5000, 'a');
    expectRefused("score " + recordingWith("long-id", 1, "\"psoas-release\"", "\"" + id + "\"").string(),
                  "line 1: technique: expected a technique id of 1-64 letters");
    expectRefused("score " + recordingWith("path-id", 1, "\"psoas-release\"", "\"../../etc/passwd\"").string(),
                  "line 1: technique: expected a technique id");
}

TEST(Hardening, NumbersThatOverflowAreNamedWithTheirPlace) {
    const fs::path techniques = fs::path(PALPA_TEST_ASSETS) / "techniques" / "psoas-release.json";
    std::string text = slurp(techniques);
    // 1e400 overflows a double: reading it stops at the number's line.
    const auto at = text.find("\"min_cutoff_hz\": ");
    ASSERT_NE(at, std::string::npos);
    const auto end = text.find_first_of(",\n}", at + 17);
    std::string overflow = text;
    overflow.replace(at + 17, end - at - 17, "1e400");
    fs::path p = dir() / "technique-overflow.json";
    std::ofstream(p) << overflow;
    std::size_t line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
    expectRefused("score " + kGood.string() + " --technique " + p.string(),
                  "technique-overflow.json: line " + std::to_string(line) + ", column");
    // 1e308 is a finite double but no float (it crashed the scorer); 1e9 is a float but no
    // filter cut-off.
    std::string huge = text;
    huge.replace(at + 17, end - at - 17, "1e308");
    p = dir() / "technique-huge-cutoff.json";
    std::ofstream(p) << huge;
    expectRefused("score " + kGood.string() + " --technique " + p.string(), "filter.min_cutoff_hz: expected a number within a float's range");
    std::string big = text;
    big.replace(at + 17, end - at - 17, "1e9");
    p = dir() / "technique-big-cutoff.json";
    std::ofstream(p) << big;
    expectRefused("score " + kGood.string() + " --technique " + p.string(), "filter.min_cutoff_hz: expected at most 1000 Hz");
    // A 5,000-digit integer in a layer map.
    std::string map = slurp(fs::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.layers.json");
    map.replace(map.find("\"scale\": 1.0"), 12, "\"scale\": " + std::string(5000, '9'));
    p = dir() / "overflow.layers.json";
    std::ofstream(p) << map;
    expectRefused("info " + (fs::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.glb").string() + " --layer-map " + p.string(),
                  "overflow.layers.json: line ");
}

TEST(Hardening, AWalkthroughsBadViewOrClipIsFoundWhenRead) {
    const fs::path tour = fs::path(PALPA_TEST_ASSETS) / "walkthroughs" / "psoas-and-neighbours.json";
    for (const auto& [field, value, expected] :
         {std::tuple<std::string, std::string, std::string>{"view", "FRONT", "steps[0].view: unknown view \"FRONT\""},
          {"clip", "y>nan", "steps[0].clip: expected AXIS>METRES"},
          {"clip", "q>1", "steps[0].clip: expected AXIS>METRES"}}) {
        nlohmann::json w = nlohmann::json::parse(slurp(tour));
        w["steps"][0][field] = value;
        const fs::path p = dir() / ("tour-" + field + ".json");
        std::ofstream(p) << w.dump(2);
        // The outline mode (no display) reads it too, and stops there.
        const auto r = run("env -u DISPLAY -u WAYLAND_DISPLAY " + palpa() + " walkthrough " + p.string());
        EXPECT_EQ(r.exit_code, 2) << value << ": " << r.out << r.err;
        EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    }
}

TEST(Hardening, UsageErrorsAreOneLineWithThePrefix) {
    for (const char* args : {" render --width abc", " no-such-command", " score --frobnicate"}) {
        const auto r = run(palpa() + args);
        EXPECT_EQ(r.exit_code, 2) << args;
        EXPECT_EQ(r.errLines(), 1) << args << ": " << r.err;
        EXPECT_EQ(r.err.rfind("palpa: error: ", 0), 0u) << args << ": " << r.err;
    }
}

}  // namespace
}  // namespace palpa
