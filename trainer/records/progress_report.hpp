// Role: a student's progress report from the store: a text summary, a standalone HTML page
// (inline SVG chart of score over time, faults by kind, quiz results; no scripts, fonts or
// network) and CSV with one row per attempt for instructors' spreadsheets.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "records/store.hpp"

namespace palpa::records {

// Everything the store holds about one student.
struct Progress {
    std::string student;
    std::string store;  // the store's display name
    std::vector<AttemptRecord> attempts;
    std::vector<QuizRecord> quizzes;
    std::vector<WalkthroughRecord> walkthroughs;
};

// Reads a student's progress; InputError (exit 2) when the store has no such student.
Progress loadProgress(Store& store, const std::string& student);

// How often each fault code occurred over the attempts, most frequent first.
std::vector<std::pair<std::string, int>> faultCounts(const Progress& progress);
// Seconds since the epoch of an ISO 8601 UTC timestamp ("YYYY-MM-DDTHH:MM:SS[.fff]Z").
std::optional<double> parseUtc(const std::string& text);

// The text summary, several lines ending in '\n'.
std::string formatTextReport(const Progress& progress);
// RFC 4180 CSV with a header row, one row per attempt (CRLF line ends).
std::string formatCsv(const Progress& progress);
// A standalone HTML5 page.
std::string formatHtml(const Progress& progress);

}  // namespace palpa::records
