#include "records/progress_report.hpp"
#include "records/report_format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>

namespace palpa::records {

Progress loadProgress(Store& store, const std::string& student) {
    const std::vector<std::string> names = store.students();
    if (std::find(names.begin(), names.end(), student) == names.end())
        throw InputError(store.displayName(), "student", "no student named \"" + student + "\"");
    return {student, store.displayName(), store.attempts(student), store.quizResults(student),
            store.walkthroughCompletions(student)};
}

std::vector<std::pair<std::string, int>> faultCounts(const Progress& progress) {
    std::map<std::string, int> counts;
    for (const AttemptRecord& a : progress.attempts)
        for (const std::string& f : a.faults) ++counts[f];
    std::vector<std::pair<std::string, int>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

std::optional<double> parseUtc(const std::string& text) {
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    double seconds = static_cast<double>(timegm(&tm));
    if (static_cast<size_t>(consumed) < text.size() && text[static_cast<size_t>(consumed)] == '.')
        seconds += std::strtod(text.c_str() + consumed, nullptr);
    return seconds;
}

std::string formatTextReport(const Progress& p) {
    std::ostringstream out;
    out << "Student:  " << p.student << "\nStore:    " << p.store << '\n';
    const auto passed = std::count_if(p.attempts.begin(), p.attempts.end(),
                                      [](const AttemptRecord& a) { return a.passed; });
    out << "Attempts: " << p.attempts.size() << " (" << passed << " passed)";
    if (!p.attempts.empty()) {
        const auto best = std::max_element(
            p.attempts.begin(), p.attempts.end(),
            [](const AttemptRecord& a, const AttemptRecord& b) { return a.score < b.score; });
        out << ", best " << best->score << ", latest " << p.attempts.back().score;
    }
    out << '\n';
    for (const AttemptRecord& a : p.attempts) {
        char line[160];
        std::snprintf(line, sizeof line, "  #%-5lld %s  %-14s %-5s %3d/100  %s",
                      static_cast<long long>(a.id), a.started_at.c_str(), a.technique.c_str(),
                      a.side.c_str(), a.score, a.passed ? "passed" : "failed");
        out << line;
        if (!a.faults.empty()) out << "  " << joined(a.faults, ", ");
        out << '\n';
    }
    out << "Faults by kind:";
    const auto faults = faultCounts(p);
    if (faults.empty()) out << " none";
    out << '\n';
    for (const auto& [code, count] : faults) {
        char line[96];
        std::snprintf(line, sizeof line, "  %-16s %d", code.c_str(), count);
        out << line << '\n';
    }
    out << "Quiz results:" << (p.quizzes.empty() ? " none" : "") << '\n';
    for (const QuizRecord& q : p.quizzes)
        out << "  " << q.taken_at << "  " << q.quiz << "  " << points(q.score) << '/'
            << points(q.max_score) << " (" << percent(q.score, q.max_score) << ")\n";
    out << "Walkthroughs completed:" << (p.walkthroughs.empty() ? " none" : "") << '\n';
    for (const WalkthroughRecord& w : p.walkthroughs)
        out << "  " << w.completed_at << "  " << w.walkthrough << '\n';
    return out.str();
}

std::string formatCsv(const Progress& p) {
    std::string out =
        "attempt_id,student,started_at,technique,side,score,passed,faults,recording_path,"
        "recording_sha256,recording_size\r\n";
    for (const AttemptRecord& a : p.attempts) {
        const std::vector<std::string> fields = {std::to_string(a.id),
                                                 csvField(a.student),
                                                 csvField(a.started_at),
                                                 csvField(a.technique),
                                                 csvField(a.side),
                                                 std::to_string(a.score),
                                                 a.passed ? "yes" : "no",
                                                 csvField(joined(a.faults, ";")),
                                                 csvField(a.recording_path),
                                                 csvField(a.recording_sha256),
                                                 std::to_string(a.recording_size)};
        out += joined(fields, ",") + "\r\n";
    }
    return out;
}

}  // namespace palpa::records
