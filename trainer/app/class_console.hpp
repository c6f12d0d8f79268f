// Role: the classroom's two ends in palpa's front end: the instructor's console (a terminal
// view driven by the keyboard alone: the live table of students, and commands that move the
// class) and a headless student that follows a class, replaying a recording when the class is
// released to practise and taking the class's quiz in the terminal when the instructor starts
// it (the load and fault tests run forty of them). cmd_class.cpp wires them
// to `palpa class ...`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quiz/quiz.hpp"
#include "records/class_store.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

// The class's tour, read from the class (every student reads the same text).
walkthrough::Walkthrough classTour(const records::ClassRecord& cls);
// The class's quiz (InputError naming the class when it has none or it cannot be read).
quiz::Quiz classQuiz(const records::ClassRecord& cls);
// What changed between two states of the class, in words ("step 3/9 The vessels, paused");
// "" when nothing a student sees changed.
std::string describeChange(const records::ClassRecord& was, const records::ClassRecord& now,
                           const walkthrough::Walkthrough& tour);
// The class `code` in the store at `url` (InputError naming the store when there is none),
// waiting up to 10 s for a store that is unavailable (a server restarting).
records::ClassRecord findClass(const std::string& url, const std::string& code);
// The structures a class may point at: the bundled patient's mesh names.
std::vector<std::string> classStructures();

struct ConsoleOptions {
    double refresh_s = 1.0;  // the table at most this often (at once when a student turns unsafe)
    bool stats = false;      // print the console's update figures at the end
};
// Runs the console on `code` until "quit" or the end of its input (the class goes on) or
// "end" (the class ends). Returns the exit code.
// The database going away (a network cut, a server restart) is said, and the console
// reconnects and reads the class again; a command typed meanwhile is reported not sent.
int runClassConsole(const std::string& url, const std::string& code, const ConsoleOptions& options);

struct StudentOptions {
    std::string url, code, student;
    std::string replay;         // a recording replayed (live scored, stored) when released
    double replay_speed = 1.0;  // 2 = twice as fast
    double report_hz = 4.0;
    std::optional<std::uint64_t> quiz_seed;  // the class quiz's order (default: the clock)
};
// Follows the class headless until it ends (exit 0) or a stop signal.
int runHeadlessStudent(const StudentOptions& options);

}  // namespace palpa::app
