// The classroom's rules without a database: join codes, their expiry, the instructor's
// commands and what each does, the live state students report and the console's table.
#include <gtest/gtest.h>

#include <set>

#include "classroom/classroom.hpp"
#include "core/error.hpp"
#include "scoring/verdict.hpp"

namespace palpa::classroom {
namespace {

records::ClassRecord aClass() {
    records::ClassRecord c;
    c.code = "K7QF2M";
    c.created_at = c.updated_at = "2026-12-02T09:00:00.000Z";
    c.expires_at = "2026-12-02T21:00:00.000Z";
    return c;
}

TEST(JoinCodes, AreSixUnambiguousCharactersAndReadAsTyped) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string code = newJoinCode();
        ASSERT_EQ(code.size(), 6u);
        EXPECT_EQ(code.find_first_of("01OIL"), std::string::npos) << code;
        EXPECT_EQ(normalizeCode(code), code);
        seen.insert(code);
    }
    EXPECT_GT(seen.size(), 190u);  // 31^6 codes: repeats are rare
    EXPECT_EQ(normalizeCode("k7qf-2m"), "K7QF2M");
    EXPECT_EQ(normalizeCode(" K7Q F2M"), "K7QF2M");
    EXPECT_FALSE(normalizeCode("K7QF2"));     // too short
    EXPECT_FALSE(normalizeCode("K7QF2MM"));   // too long
    EXPECT_FALSE(normalizeCode("K7QF0M"));    // 0 is not in the alphabet
    EXPECT_FALSE(normalizeCode("K7Q'2M"));
}

TEST(JoinCodes, ExpireAtTheirTime) {
    const records::ClassRecord c = aClass();
    EXPECT_FALSE(codeExpired(c, "2026-12-02T20:59:59.999Z"));
    EXPECT_TRUE(codeExpired(c, "2026-12-02T21:00:00.000Z"));
    EXPECT_EQ(addSeconds("2026-12-02T23:59:59.500Z", 0.75), "2026-12-03T00:00:00.250Z");
    EXPECT_DOUBLE_EQ(secondsBetween("2026-12-02T09:00:00.000Z", "2026-12-02T09:00:01.250Z"), 1.25);
    EXPECT_GT(secondsBetween("garbage", "2026-12-02T09:00:00.000Z"), 1e8);  // unreadable: long ago
}

TEST(Commands, ParseTheConsolesWordsAndRefuseOthers) {
    using K = Command::Kind;
    EXPECT_EQ(parseCommand("n", "t").kind, K::Next);
    EXPECT_EQ(parseCommand("Next", "t").kind, K::Next);
    EXPECT_EQ(parseCommand("prev", "t").kind, K::Previous);
    EXPECT_EQ(parseCommand("g 4", "t").step, 4);
    EXPECT_EQ(parseCommand("7", "t").step, 7);
    EXPECT_EQ(parseCommand("point psoas_major_left", "t").structure, "psoas_major_left");
    EXPECT_EQ(parseCommand("release", "t").kind, K::Release);
    EXPECT_EQ(parseCommand("quiz", "t").kind, K::Quiz);
    for (const char* bad : {"jump", "g", "g x", "g 0", "point", ""}) {
        try {
            parseCommand(bad, "console");
            ADD_FAILURE() << "accepted \"" << bad << "\"";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("console"), std::string::npos) << e.what();
        }
    }
}

TEST(Commands, MoveTheClassWithinItsTour) {
    records::ClassRecord c = aClass();
    const std::vector<std::string> structures = {"psoas_major_left", "aorta"};
    EXPECT_EQ(apply(c, parseCommand("n", "t"), 3, structures), "step 2/3");
    EXPECT_EQ(apply(c, parseCommand("n", "t"), 3, structures), "step 3/3");
    EXPECT_THROW(apply(c, parseCommand("n", "t"), 3, structures), InputError);  // past the last
    EXPECT_EQ(c.step, 2);
    EXPECT_THROW(apply(c, parseCommand("g 4", "t"), 3, structures), InputError);
    apply(c, parseCommand("g 1", "t"), 3, structures);
    EXPECT_THROW(apply(c, parseCommand("p", "t"), 3, structures), InputError);
    EXPECT_EQ(c.step, 0);
    apply(c, parseCommand("pause", "t"), 3, structures);
    EXPECT_TRUE(c.paused);
    apply(c, parseCommand("release", "t"), 3, structures);
    EXPECT_EQ(c.mode, records::ClassMode::Practice);
    EXPECT_FALSE(c.paused);  // released students are not left paused
    EXPECT_THROW(apply(c, parseCommand("point kidney", "t"), 3, structures), InputError);
    apply(c, parseCommand("point aorta", "t"), 3, structures);
    EXPECT_EQ(c.pointed, "aorta");
    apply(c, parseCommand("unpoint", "t"), 3, structures);
    EXPECT_EQ(c.pointed, "");
    // The class's quiz only where the class was started with one.
    c.quiz.clear();
    try {
        apply(c, parseCommand("quiz", "t"), 3, structures);
        ADD_FAILURE() << "a class without a quiz took the quiz command";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("class start --quiz"), std::string::npos) << e.what();
    }
    EXPECT_EQ(c.mode, records::ClassMode::Practice);
    c.quiz = R"({"palpa_quiz": 1})";
    apply(c, parseCommand("pause", "t"), 3, structures);
    EXPECT_EQ(apply(c, parseCommand("quiz", "t"), 3, structures), "everyone takes the class's quiz");
    EXPECT_EQ(c.mode, records::ClassMode::Quiz);
    EXPECT_FALSE(c.paused);
    EXPECT_EQ(records::parseClassMode(records::modeName(c.mode)), records::ClassMode::Quiz);
    apply(c, parseCommand("tour", "t"), 3, structures);
    EXPECT_EQ(c.mode, records::ClassMode::Tour);
    apply(c, parseCommand("end", "t"), 3, structures);
    EXPECT_THROW(apply(c, parseCommand("tour", "t"), 3, structures), InputError);  // it has ended
}

TEST(LiveState, RoundTripsAndFlagsUnsafePresses) {
    LiveState live;
    live.activity = "practice";
    live.phase = "hold";
    live.depth_cm = 2.25;
    live.hold_s = 12.5;
    live.faults = {"hold_short"};
    live.last_score = 83;
    const LiveState back = liveFromJson(toJson(live));
    EXPECT_EQ(back.phase, "hold");
    EXPECT_DOUBLE_EQ(*back.depth_cm, 2.25);
    EXPECT_EQ(back.faults, live.faults);
    EXPECT_EQ(back.last_score, 83);
    EXPECT_EQ(liveFromJson("not json").activity, "tour");

    scoring::LiveState s;
    s.phase = scoring::Phase::Hold;
    s.cue_key = "hold";
    EXPECT_FALSE(liveFromScorer(s).unsafe);
    s.cue_key = "vessel_pressure";
    EXPECT_TRUE(liveFromScorer(s).unsafe);
    s.cue_key = "hold";
    s.faults = scoring::bit(scoring::Fault::TooDeep);
    EXPECT_TRUE(liveFromScorer(s).unsafe);
    s.faults = scoring::bit(scoring::Fault::HoldShort);
    EXPECT_FALSE(liveFromScorer(s).unsafe);
}

TEST(ConsoleTable, ShowsWhoIsConnectedBehindOrUnsafe) {
    records::ClassRecord c = aClass();
    c.version = 5;
    c.step = 3;
    LiveState deep;
    deep.activity = "practice";
    deep.phase = "hold";
    deep.depth_cm = 5.3;
    deep.unsafe = true;
    const std::vector<records::MemberRecord> members = {
        {"ana", "", "2026-12-02T09:00:09.000Z", 5, 3, toJson(LiveState{}), false},
        {"ben", "", "2026-12-02T09:00:00.000Z", 4, 2, toJson(LiveState{}), false},
        {"cy", "", "2026-12-02T09:00:09.500Z", 5, 3, toJson(deep), true}};
    const std::string table = consoleTable(c, 9, members, "2026-12-02T09:00:10.000Z");
    const auto row = [&](const std::string& who) {
        const std::size_t at = table.find("\n" + who);
        return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
    };
    EXPECT_NE(row("ana").find(" on "), std::string::npos) << table;
    EXPECT_NE(row("ana").find("4/9"), std::string::npos) << table;
    EXPECT_NE(row("ben").find(" off "), std::string::npos) << table;  // 10 s without a report
    EXPECT_NE(row("cy").find("5.3 cm"), std::string::npos) << table;
    EXPECT_NE(row("cy").find("!! UNSAFE"), std::string::npos) << table;
    EXPECT_EQ(row("ana").find("UNSAFE"), std::string::npos) << table;
}

}  // namespace
}  // namespace palpa::classroom
