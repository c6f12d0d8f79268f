#include "records/class_report.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "records/report_format.hpp"

namespace palpa::records {

namespace {

// First and last score of a student with two attempts or more.
std::optional<std::pair<int, int>> improvement(const ClassReport::Student& s) {
    if (s.attempts.size() < 2) return std::nullopt;
    return std::make_pair(s.attempts.front().score, s.attempts.back().score);
}

}  // namespace

ClassReport loadClassReport(Store& store, ClassStore& classes, const std::string& code, std::size_t steps,
                            const std::string& quizId) {
    const std::optional<ClassRecord> cls = classes.find(code);
    if (!cls) throw InputError("--class", "", "the code of a class in " + classes.displayName() + " (there is no class " + code + ")");
    ClassReport r;
    r.cls = *cls;
    r.store = store.displayName();
    r.steps = steps;
    std::map<std::string, int> faults;
    std::map<std::string, ClassReport::Item> items;
    std::vector<std::string> order;  // items in the order first met
    for (const MemberRecord& m : classes.members(code)) {
        ClassReport::Student s;
        s.member = m;
        for (AttemptRecord& a : store.attempts(m.student))
            if (a.class_code == code) {
                for (const std::string& f : a.faults) ++faults[f];
                s.attempts.push_back(std::move(a));
            }
        if (!quizId.empty())
            for (QuizRecord& q : store.quizResults(m.student)) {
                // Taken in the class, or the class's quiz taken on the student's own since it began.
                const bool own = q.class_code.empty() && q.quiz == quizId && q.taken_at >= cls->created_at;
                if (q.class_code != code && !own) continue;
                const nlohmann::json answers = nlohmann::json::parse(q.items_json, nullptr, false);
                if (answers.is_array())
                    for (const auto& answer : answers) {
                        if (!answer.is_object() || !answer.contains("item") || !answer["item"].is_string()) continue;
                        const std::string id = answer["item"].get<std::string>();
                        if (!items.count(id)) order.push_back(id);
                        ClassReport::Item& item = items[id];
                        item.id = id;
                        ++item.asked;
                        if (answer.contains("correct") && answer["correct"].is_boolean() && answer["correct"].get<bool>()) ++item.right;
                    }
                s.quizzes.push_back(std::move(q));
            }
        r.students.push_back(std::move(s));
    }
    for (const std::string& id : order) r.items.push_back(items[id]);
    std::stable_sort(r.items.begin(), r.items.end(), [](const auto& a, const auto& b) {
        return a.right * b.asked < b.right * a.asked;  // the lowest share right first
    });
    r.faults.assign(faults.begin(), faults.end());
    std::stable_sort(r.faults.begin(), r.faults.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return r;
}

std::string formatClassText(const ClassReport& r) {
    std::ostringstream out;
    char line[256];
    out << "Class:    " << r.cls.code << " \"" << r.cls.title << "\" led by " << r.cls.instructor << '\n'
        << "Store:    " << r.store << '\n'
        << "Began:    " << r.cls.created_at << "  (" << modeName(r.cls.mode) << ", step " << r.cls.step + 1 << "/" << r.steps << ")\n";
    std::size_t attempts = 0, passed = 0;
    for (const auto& s : r.students) {
        attempts += s.attempts.size();
        for (const auto& a : s.attempts) passed += a.passed;
    }
    out << "Attended: " << r.students.size() << " student(s); " << attempts << " attempt(s) in class, " << passed << " passed\n\n";
    std::snprintf(line, sizeof line, "%-16s %-24s %-24s %-6s %s\n", "student", "joined", "last seen", "step", "scores in class");
    out << line;
    for (const auto& s : r.students) {
        std::string scores;
        for (const auto& a : s.attempts) scores += (scores.empty() ? "" : " ") + std::to_string(a.score) + (a.passed ? "" : "x");
        const std::string step = std::to_string(s.member.step + 1) + "/" + std::to_string(r.steps);
        std::snprintf(line, sizeof line, "%-16.16s %-24s %-24s %-6s %s\n", s.member.student.c_str(), s.member.joined_at.c_str(),
                      s.member.seen_at.c_str(), step.c_str(), scores.empty() ? "-" : scores.c_str());
        out << line;
    }
    out << "(x: not passed)\n\nFaults by kind across the class:" << (r.faults.empty() ? " none" : "") << '\n';
    for (const auto& [code, count] : r.faults) {
        std::snprintf(line, sizeof line, "  %-18s %d\n", code.c_str(), count);
        out << line;
    }
    out << "Quiz items, most missed first:" << (r.items.empty() ? " none" : "") << '\n';
    for (const auto& item : r.items) {
        std::snprintf(line, sizeof line, "  %-24s %d/%d right (%s)\n", item.id.c_str(), item.right, item.asked,
                      percent(item.right, item.asked).c_str());
        out << line;
    }
    out << "Improvement (first to last attempt in class):";
    bool any = false;
    for (const auto& s : r.students)
        if (const auto change = improvement(s)) {
            std::snprintf(line, sizeof line, "\n  %-16.16s %3d -> %3d  (%+d)", s.member.student.c_str(), change->first, change->second,
                          change->second - change->first);
            out << line;
            any = true;
        }
    out << (any ? "\n" : " none (no student made two attempts)\n");
    return out.str();
}

std::string formatClassCsv(const ClassReport& r) {
    std::string out = "class,student,attempt_id,started_at,technique,side,score,passed,faults\r\n";
    for (const auto& s : r.students)
        for (const AttemptRecord& a : s.attempts)
            out += joined({csvField(r.cls.code), csvField(s.member.student), std::to_string(a.id), csvField(a.started_at),
                           csvField(a.technique), csvField(a.side), std::to_string(a.score), a.passed ? "yes" : "no",
                           csvField(joined(a.faults, ";"))},
                          ",") +
                   "\r\n";
    return out;
}

std::string formatClassHtml(const ClassReport& r) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class " << escape(r.cls.code) << ": "
        << escape(r.cls.title) << "</title>\n<style>body{font:15px/1.4 sans-serif;margin:2em;color:#222}"
           "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}"
           "th{background:#eee}.no{color:#b30}</style></head><body>\n"
        << "<h1>Class " << escape(r.cls.code) << ": " << escape(r.cls.title) << "</h1>\n<p>Led by " << escape(r.cls.instructor)
        << ", began " << escape(r.cls.created_at) << ". " << r.students.size() << " student(s) attended.</p>\n";
    // Each student's scores in class as a row of bars (0-100), passed bars green, others red.
    out << "<h2>Attempts</h2>\n<table><tr><th>student</th><th>joined</th><th>step reached</th><th>scores</th></tr>\n";
    for (const auto& s : r.students) {
        out << "<tr><td>" << escape(s.member.student) << "</td><td>" << escape(s.member.joined_at) << "</td><td>"
            << s.member.step + 1 << "/" << r.steps << "</td><td>";
        if (s.attempts.empty()) out << "-";
        else {
            const int width = static_cast<int>(s.attempts.size()) * 14;
            out << "<svg width=\"" << width << "\" height=\"40\" role=\"img\" aria-label=\"scores\">";
            for (std::size_t i = 0; i < s.attempts.size(); ++i) {
                const int h = std::max(1, s.attempts[i].score * 40 / 100);
                out << "<rect x=\"" << i * 14 << "\" y=\"" << 40 - h << "\" width=\"10\" height=\"" << h << "\" fill=\""
                    << (s.attempts[i].passed ? "#009e73" : "#d55e00") << "\"><title>" << s.attempts[i].score << "</title></rect>";
            }
            out << "</svg> ";
            for (const auto& a : s.attempts) out << "<span" << (a.passed ? "" : " class=\"no\"") << ">" << a.score << "</span> ";
        }
        out << "</td></tr>\n";
    }
    out << "</table>\n<h2>Faults by kind</h2>\n<table><tr><th>fault</th><th>count</th></tr>\n";
    for (const auto& [code, count] : r.faults) out << "<tr><td>" << escape(code) << "</td><td>" << count << "</td></tr>\n";
    out << "</table>\n<h2>Quiz items, most missed first</h2>\n<table><tr><th>item</th><th>right</th><th>asked</th></tr>\n";
    for (const auto& item : r.items)
        out << "<tr><td>" << escape(item.id) << "</td><td>" << item.right << "</td><td>" << item.asked << "</td></tr>\n";
    out << "</table>\n<h2>Improvement</h2>\n<table><tr><th>student</th><th>first</th><th>last</th><th>change</th></tr>\n";
    for (const auto& s : r.students)
        if (const auto change = improvement(s))
            out << "<tr><td>" << escape(s.member.student) << "</td><td>" << change->first << "</td><td>" << change->second
                << "</td><td>" << (change->second >= change->first ? "+" : "") << change->second - change->first << "</td></tr>\n";
    out << "</table>\n</body></html>\n";
    return out.str();
}

}  // namespace palpa::records
