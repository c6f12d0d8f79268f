// JSONL recordings: write -> read round trips, tolerated variations, and every bad input named
// by line and problem.
#include <cmath>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scoring/jsonl.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using testing::demoRecording;

std::string frameLine(double t, const std::string& hands) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", t);
    return std::string("{\"t\": ") + buf + ", \"hands\": " + hands + "}";
}

std::string handJson(int joints = kJointCount) {
    std::string out = "{\"joints\": [";
    for (int j = 0; j < joints; ++j)
        out += (j ? "," : "") + std::string("[0.01,0.02,0.03,0,0,0,1,0.008]");
    return out + "]}";
}

const std::string kHeader =
    "{\"palpa_recording\": 1, \"frame\": \"patient_ras\", \"units\": \"m\", \"joints\": "
    "\"XR_EXT_hand_tracking\", \"technique\": \"psoas-release\", \"side\": \"right\"}";

TEST(Jsonl, RoundTripKeepsEveryValue) {
    Recording original = demoRecording("tracking-lost");
    original.frames.resize(400);
    const std::string text = formatRecording(original);
    const Recording read = parseRecording(text, "memory");
    EXPECT_EQ(read.header.side, Side::Right);
    EXPECT_EQ(read.header.technique, "psoas-release");
    ASSERT_EQ(read.frames.size(), original.frames.size());
    int hands = 0;
    for (size_t i = 0; i < read.frames.size(); ++i) {
        EXPECT_NEAR(read.frames[i].t, original.frames[i].t, 0.5e-4);
        for (size_t h = 0; h < 2; ++h) {
            ASSERT_EQ(read.frames[i].hands[h].has_value(), original.frames[i].hands[h].has_value());
            if (!original.frames[i].hands[h]) continue;
            ++hands;
            for (size_t j = 0; j < kJointCount; ++j) {
                const JointPose& a = (*original.frames[i].hands[h])[j];
                const JointPose& b = (*read.frames[i].hands[h])[j];
                for (int k = 0; k < 3; ++k) EXPECT_NEAR(a.position[k], b.position[k], 0.6e-6);
                for (int k = 0; k < 4; ++k) EXPECT_NEAR(a.orientation[k], b.orientation[k], 0.6e-6);
                EXPECT_NEAR(a.radius, b.radius, 0.6e-6);
            }
        }
    }
    EXPECT_GT(hands, 600);
    // Writing what was read gives the same bytes.
    EXPECT_EQ(formatRecording(read), text);
}

// The writer and the reader agree: a control character in a string is escaped, not dropped,
// and a hand the reader would refuse (a NaN or an infinity from a runtime) is written as
// untracked, so whatever palpa writes it can read back.
TEST(Jsonl, WhatIsWrittenCanBeReadBack) {
    Recording r = demoRecording("tracking-lost");
    r.frames.resize(20);
    r.header.model.emplace();
    r.header.model->file = "atlas\tv2\u0001.glb";
    r.header.model->sha256 = "ab";
    ASSERT_TRUE(r.frames[5].hands[0].has_value());
    (*r.frames[5].hands[0])[3].position.x = std::nanf("");
    ASSERT_TRUE(r.frames[6].hands[0].has_value());
    (*r.frames[6].hands[0])[0].orientation.w = INFINITY;
    const std::string text = formatRecording(r);
    EXPECT_EQ(text.find("nan"), std::string::npos);
    EXPECT_EQ(text.find("inf"), std::string::npos);
    const Recording read = parseRecording(text, "memory");
    EXPECT_EQ(read.header.model->file, r.header.model->file) << "control characters survive";
    EXPECT_FALSE(read.frames[5].hands[0].has_value()) << "a NaN hand reads back untracked";
    EXPECT_FALSE(read.frames[6].hands[0].has_value());
    EXPECT_TRUE(read.frames[7].hands[0].has_value());
}

TEST(Jsonl, AcceptsExtraKeysMissingHandsBlankLinesAndCrlf) {
    std::string text =
        "{\"palpa_recording\": 1, \"frame\": \"patient_ras\", \"units\": \"m\", "
        "\"side\": \"left\", \"device\": \"quest 3\", \"notes\": [1, 2]}\r\n";
    text += "\n";
    text += "{\"t\": 0.5, \"confidence\": 0.9, \"hands\": {\"left\": " + handJson() +
            ", \"extra\": {\"a\": 1}}}\r\n";
    text += frameLine(0.507, "{\"right\": null}") + "\n";
    text += frameLine(0.52, "{}") + "\n";
    text += "{\"t\": 0.53}\n";
    const Recording rec = parseRecording(text, "memory");
    EXPECT_EQ(rec.header.side, Side::Left);
    EXPECT_TRUE(rec.header.technique.empty());
    ASSERT_EQ(rec.frames.size(), 4u);
    EXPECT_TRUE(rec.frames[0].hands[0].has_value());
    EXPECT_FALSE(rec.frames[0].hands[1].has_value());
    EXPECT_FLOAT_EQ((*rec.frames[0].hands[0])[kThumbTip].position.y, 0.02f);
    EXPECT_FLOAT_EQ((*rec.frames[0].hands[0])[kThumbTip].orientation.w, 1.0f);
    EXPECT_FLOAT_EQ((*rec.frames[0].hands[0])[kThumbTip].radius, 0.008f);
    for (size_t i = 1; i < 4; ++i) {
        EXPECT_FALSE(rec.frames[i].hands[0].has_value());
        EXPECT_FALSE(rec.frames[i].hands[1].has_value());
    }
}

TEST(Jsonl, AcceptsFrameRatesFrom30To144HzWithJitter) {
    for (double rate : {30.0, 72.0, 90.0, 144.0}) {
        std::string text = kHeader + "\n";
        for (int i = 0; i < 50; ++i)
            text +=
                frameLine((i + 0.3 * std::sin(i)) / rate, "{\"left\": " + handJson() + "}") + "\n";
        EXPECT_EQ(parseRecording(text, "memory").frames.size(), 50u) << rate;
    }
}

struct BadCase {
    const char* file;
    const char* place;    // InputError::place() starts with this
    const char* problem;  // InputError::problem() contains this
};

const BadCase kBadCases[] = {
    {"truncated.jsonl", "line 4", "truncated"},
    {"nan.jsonl", "line 3", "NaN"},
    {"joint-count.jsonl", "line 4: hands.left.joints",
     "expected 26 joints (XR_EXT_hand_tracking), got 25"},
    {"joint-values.jsonl", "line 3: hands.left.joints[3]", "got 7"},
    {"time-backwards.jsonl", "line 4: t", "time goes backwards"},
    {"time-repeats.jsonl", "line 4: t", "time does not advance"},
    {"bad-version.jsonl", "line 1: palpa_recording", "unknown recording version 2"},
    {"empty.jsonl", "line 1", "empty file"},
    {"header-only.jsonl", "line 2", "no frames"},
    {"bad-frame.jsonl", "line 1: frame", "expected \"patient_ras\""},
};

TEST(Jsonl, BadInputNamesTheLineAndTheProblem) {
    for (const BadCase& c : kBadCases) {
        const std::filesystem::path path =
            std::filesystem::path(PALPA_TEST_DATA) / "recordings" / c.file;
        try {
            readRecording(path);
            ADD_FAILURE() << c.file << " was accepted";
        } catch (const InputError& e) {
            EXPECT_EQ(e.file(), path.string()) << c.file;
            EXPECT_EQ(e.place().rfind(c.place, 0), 0u) << c.file << ": place " << e.place();
            EXPECT_NE(e.problem().find(c.problem), std::string::npos)
                << c.file << ": problem " << e.problem();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
}

TEST(Jsonl, MoreBadInputInMemory) {
    const auto problem = [](const std::string& text) -> std::string {
        try {
            parseRecording(text, "memory");
        } catch (const InputError& e) {
            return e.place() + ": " + e.problem();
        }
        return "accepted";
    };
    const std::string frame = frameLine(0.1, "{\"left\": " + handJson() + "}");
    EXPECT_NE(problem("\n\n").find("line 1: empty file"), std::string::npos);
    EXPECT_NE(problem("[1, 2]\n").find("line 1: expected a JSON object"), std::string::npos);
    EXPECT_NE(problem("{\"frame\": \"patient_ras\"}\n").find("no \"palpa_recording\""),
              std::string::npos);
    EXPECT_NE(problem(kHeader + "\n{\"hands\": {}}\n").find("line 2: frame lacks \"t\""),
              std::string::npos);
    EXPECT_NE(
        problem(kHeader + "\n" + frameLine(0.1, "{\"left\": 3}") + "\n").find("line 2: hands.left"),
        std::string::npos);
    std::string negative = frame;
    negative.replace(negative.find(",0.008]"), 7, ",-0.008]");
    EXPECT_NE(problem(kHeader + "\n" + negative + "\n").find("radius is negative"),
              std::string::npos);
    std::string huge = frame;
    huge.replace(huge.find("0.02"), 4, "1e999");
    EXPECT_NE(problem(kHeader + "\n" + huge + "\n").find("line 2"), std::string::npos);
    std::string text_value = frame;
    text_value.replace(text_value.find("0.02"), 4, "\"x\"");
    EXPECT_NE(problem(kHeader + "\n" + text_value + "\n")
                  .find("line 2: hands.left.joints[0]: value 1 is not a number"),
              std::string::npos);
    EXPECT_NE(problem(kHeader.substr(0, 60) + "\n").find("line 1"), std::string::npos);
    EXPECT_EQ(problem(kHeader + "\n" + frame), "accepted");  // no final newline is fine
}

}  // namespace
}  // namespace palpa::scoring
