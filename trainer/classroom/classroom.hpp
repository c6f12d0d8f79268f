// Role: the classroom's rules as pure functions (docs/classroom.md): join codes and their
// expiry, the instructor's commands and what each does to the class, a student's live state
// as the JSON the console reads, and the console's table of students. No database or thread
// here: the class store (records/class_store.hpp) keeps the state, ClassLink follows it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "records/class_store.hpp"
#include "scoring/scorer.hpp"

namespace palpa::classroom {

// A fresh join code: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
std::string newJoinCode();
// A typed code in its stored form ("k7qf-2m" -> "K7QF2M"); nullopt when it cannot be one.
std::optional<std::string> normalizeCode(const std::string& typed);
// How long a join code admits new students, by default.
inline constexpr int kDefaultCodeHours = 12;
// Whether the class's code no longer admits students at `now` (ISO 8601 UTC).
bool codeExpired(const records::ClassRecord& cls, const std::string& now);
// `now` plus `seconds`, as ISO 8601 UTC.
std::string addSeconds(const std::string& iso, double seconds);
// Seconds from `from` to `to` (both ISO 8601 UTC).
double secondsBetween(const std::string& from, const std::string& to);

// What the instructor can do (the console's keys, `palpa class control`).
struct Command {
    enum class Kind { Next, Previous, Go, Pause, Resume, Release, Quiz, Tour, Point, Unpoint, End };
    Kind kind = Kind::Next;
    int step = 0;           // Go: 1-based step
    std::string structure;  // Point: the structure's mesh name
};
// Parses one command: "next"/"n", "previous"/"prev"/"p", "go N"/"g N"/"N", "pause",
// "resume", "release", "quiz", "tour", "point NAME", "unpoint", "end". Throws InputError naming
// `where` and what was expected.
Command parseCommand(const std::string& text, const std::string& where);
// The commands in words, for help screens.
const char* commandHelp();
// Applies a command to the class (the tour has `steps` steps; `structures` are the names a
// point may use). Returns one line saying what changed; throws InputError for a command that
// cannot apply (a step out of range, an unknown structure, a quiz the class has not got, a
// class that has ended).
std::string apply(records::ClassRecord& cls, const Command& cmd, std::size_t steps,
                  const std::vector<std::string>& structures);

// A student's live state, as reported a few times a second.
struct LiveState {
    std::string activity = "tour";  // "tour", "practice", "quiz"
    std::string phase;              // the practice's phase ("approach", "hold", ...)
    std::optional<double> depth_cm;
    double hold_s = 0.0;
    std::vector<std::string> faults;  // fault codes certain so far
    std::string cue;                  // the live cue's key
    std::optional<int> last_score;    // the last judged attempt in this class
    bool unsafe = false;              // a safety fault now (too deep, over a vessel, discomfort)
};
std::string toJson(const LiveState& live);
// Reads what toJson wrote; anything unreadable gives the default state.
LiveState liveFromJson(const std::string& text);
// The live state of a practice from the scorer's state.
LiveState liveFromScorer(const scoring::LiveState& state);

// A student is connected while their last report is under this old.
inline constexpr double kConnectedSeconds = 5.0;
// The console's table: one line per student (connected, step, phase, depth, hold, faults,
// last score), unsafe students flagged "!! UNSAFE".
std::string consoleTable(const records::ClassRecord& cls, std::size_t steps,
                         const std::vector<records::MemberRecord>& members, const std::string& now);

}  // namespace palpa::classroom
