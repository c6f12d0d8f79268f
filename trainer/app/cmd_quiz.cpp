// `palpa quiz`: a self-assessment quiz in the terminal. Multiple-choice items are asked here;
// practical items take the recording of an attempt (scored by the technique scorer, asked again
// when the path does not score, and stored as the student's attempt); "point at the structure"
// items need the 3D model and are played in the desktop window or headset. Only the end of the
// input ends the quiz; what was answered is stored.
#include <chrono>
#include <optional>
#include <iostream>
#include <random>

#include "records/settings.hpp"
#include "app/commands.hpp"
#include "core/error.hpp"
#include <nlohmann/json.hpp>

#include "quiz/quiz.hpp"
#include "records/recorder.hpp"

namespace palpa::app {
namespace {

struct QuizArgs {
    std::string file;
    std::string student, db;
    std::uint64_t seed = 0;
    bool seeded = false;
};

// Reads one trimmed line; false at the end of input.
bool readLine(std::istream& in, std::string& line) {
    if (!std::getline(in, line)) return false;
    const auto b = line.find_first_not_of(" \t\r");
    const auto e = line.find_last_not_of(" \t\r");
    line = b == std::string::npos ? "" : line.substr(b, e - b + 1);
    return true;
}

}  // namespace

std::string storeQuizResult(const std::string& student, const std::string& db, const quiz::QuizResult& result,
                            const std::string& classCode) {
    records::QuizRecord record;
    record.student = student;
    record.quiz = result.quiz;
    record.score = result.correct();
    record.max_score = result.asked();
    nlohmann::json items = nlohmann::json::array();
    for (const quiz::Answer& a : result.answers) items.push_back({{"item", a.item}, {"correct", a.correct}, {"given", a.given}});
    record.items_json = items.dump();
    record.class_code = classCode;
    return records::storeRecord(db, record);
}

quiz::QuizResult askQuiz(const quiz::Quiz& q, const TerminalQuiz& args, std::istream& in, std::ostream& out) {
    const std::uint64_t seed = args.seed;
    std::size_t points = 0;
    for (const quiz::Item& item : q.items) points += item.type == quiz::ItemType::Point;
    out << q.title << "\n" << q.items.size() - points << " items here (order seed " << seed
        << "); answer with the letter, or a blank line to skip.";
    if (points > 0) out << " " << points << " \"point at the structure\" item(s) are played in `palpa desktop --quiz` or the headset.";
    out << "\n\n";
    quiz::QuizResult result;
    result.quiz = q.id;
    int number = 0, skipped3d = 0;
    bool ended = false;
    std::optional<records::AttemptRecorder> recorder;
    for (std::size_t index : quiz::askingOrder(q, seed)) {
        const quiz::Item& item = q.items[index];
        if (item.type == quiz::ItemType::Point) {
            ++skipped3d;
            continue;
        }
        out << "[" << ++number << "] " << item.prompt << "\n";
        std::string line;
        if (item.type == quiz::ItemType::Choice) {
            for (std::size_t c = 0; c < item.choices.size(); ++c)
                out << "    " << static_cast<char>('a' + c) << ") " << item.choices[c] << "\n";
            std::size_t chosen = item.choices.size();
            while (chosen == item.choices.size()) {
                out << "answer> " << std::flush;
                if (!readLine(in, line)) { ended = true; break; }
                if (line.empty()) break;
                const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(line[0])));
                if (line.size() == 1 && c >= 'a' && c < static_cast<char>('a' + item.choices.size())) chosen = static_cast<std::size_t>(c - 'a');
                else out << "please type a letter from a to " << static_cast<char>('a' + item.choices.size() - 1) << "\n";
            }
            if (ended) break;
            if (chosen == item.choices.size()) { out << "  skipped\n\n"; continue; }
            const bool right = quiz::gradeChoice(item, chosen);
            result.answers.push_back({item.id, right, item.choices[chosen]});
            out << (right ? "  Right. " : "  Not quite: the answer is " + std::string(1, static_cast<char>('a' + item.answer)) + ") " + item.choices[item.answer] + ". ")
                << item.explanation << "\n\n";
        } else {
            out << "    (perform it in the headset or simulator, then give the recording's path)\n";
            // A path that does not score is said on one line and asked again; a blank line skips.
            std::optional<scoring::Result> scored;
            while (!scored) {
                out << "recording> " << std::flush;
                if (!readLine(in, line)) { ended = true; break; }
                if (line.empty()) break;
                try {
                    scored = scoreRecordingFile(line);
                } catch (const InputError& e) {
                    out << "  " << e.what() << "; try again, or a blank line to skip\n";
                }
            }
            if (ended) break;
            if (!scored) { out << "  skipped\n\n"; continue; }
            const scoring::Result& attempt = *scored;
            // The attempt itself is stored too, as a scored attempt of the student's.
            if (!args.student.empty()) {
                if (!recorder) recorder.emplace(args.db);
                out << "  " << recorder->record(args.student, line, attempt, "", args.class_code) << "\n";
            }
            const bool right = quiz::gradePractical(item, attempt.passed, attempt.score);
            result.answers.push_back({item.id, right, "score " + std::to_string(attempt.score)});
            out << "  Score " << attempt.score << "/100, " << (attempt.passed ? "passed" : "not passed") << " (needs "
                << item.pass_score << "). " << (right ? "Right. " : "") << item.explanation << "\n\n";
        }
    }
    if (ended) out << "\n(input ended)\n";
    const int asked = result.asked();
    out << "Final score: " << result.correct() << "/" << asked;
    if (asked > 0) out << " (" << (100 * result.correct() + asked / 2) / asked << " %)";
    out << "\n";
    if (!args.student.empty() && asked > 0) out << storeQuizResult(args.student, args.db, result, args.class_code) << "\n";
    if (skipped3d > 0) out << skipped3d << " \"point at the structure\" item(s) are played in `palpa desktop --quiz` or the headset.\n";
    if (recorder) recorder->finish();
    return result;
}

namespace {

int runQuiz(const QuizArgs& args, std::istream& in, std::ostream& out) {
    const std::filesystem::path file = args.file.empty() ? assetsDir() / "quizzes" / "psoas-release.json" : std::filesystem::path(args.file);
    TerminalQuiz options;
    options.seed = args.seeded ? args.seed : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
    options.student = args.student;
    options.db = args.db;
    (void)askQuiz(quiz::loadQuiz(file), options, in, out);
    return kExitOk;
}

}  // namespace

void addQuizCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("quiz", "Take a self-assessment quiz in the terminal (multiple choice and practical items)");
    auto a = std::make_shared<QuizArgs>();
    cmd->add_option("file", a->file, "Quiz file (default: the bundled psoas-release quiz)");
    cmd->add_option("--student,-s", a->student, "Store the result for this student");
    cmd->add_option("--db", a->db, "Progress store URL (default: $PALPA_DB, else the local SQLite store)");
    cmd->add_option("--seed", a->seed, "Order seed (to replay the same order)")->each([a](const std::string&) { a->seeded = true; });
    table.add(cmd, [a] {
        a->student = records::studentOr(a->student);  // or the settings' default student
        return runQuiz(*a, std::cin, std::cout);
    });
}

}  // namespace palpa::app
