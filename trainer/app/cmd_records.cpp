// `palpa report` (a student's progress as text, HTML and CSV) and `palpa records` (the
// progress store: sync the pending folder, list students).
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/log.hpp"
#include "records/pending.hpp"
#include "app/class_console.hpp"
#include "classroom/classroom.hpp"
#include "records/class_report.hpp"
#include "records/class_store.hpp"
#include "records/progress_report.hpp"
#include "records/store.hpp"

namespace palpa::app {
namespace {

constexpr const char* kDbHelp =
    "Progress store: a path, sqlite:PATH or postgresql://... "
    "(default: $PALPA_DB, else progress.sqlite3 in $XDG_DATA_HOME/palpa)";

struct ReportArgs {
    std::string student, class_code;
    std::string db;
    std::string html;
    std::string csv;
};

// Opens an existing store for reading: a missing SQLite file is bad input, not a new store.
std::unique_ptr<records::Store> openExisting(const std::string& db) {
    const std::string url = records::canonicalUrl(db.empty() ? records::defaultStoreUrl() : db);
    if (url.rfind("sqlite:", 0) == 0 && !std::filesystem::exists(url.substr(7)))
        throw InputError(url.substr(7), "", "no progress database here (nothing stored yet)");
    return records::openStore(url);
}

int runClassReport(const ReportArgs& args) {
    auto store = openExisting(args.db);
    const std::unique_ptr<records::ClassStore> classes = records::openClassStore(store->url());
    const std::optional<std::string> code = classroom::normalizeCode(args.class_code);
    if (!code) throw InputError("--class", "", "a 6-character join code such as K7QF2M (got \"" + args.class_code + "\")");
    const std::optional<records::ClassRecord> cls = classes->find(*code);
    if (!cls) throw InputError("--class", "", "the code of a class in " + classes->displayName() + " (there is no class " + *code + ")");
    const std::string quizId = cls->quiz.empty() ? "" : quiz::parseQuiz(cls->quiz, "class " + *code + " quiz").id;
    const records::ClassReport report =
        records::loadClassReport(*store, *classes, *code, classTour(*cls).steps.size(), quizId);
    std::cout << records::formatClassText(report);
    if (!args.html.empty()) {
        files::writeAtomic(args.html, records::formatClassHtml(report));
        log::info("wrote ", args.html);
    }
    if (!args.csv.empty()) {
        files::writeAtomic(args.csv, records::formatClassCsv(report));
        log::info("wrote ", args.csv);
    }
    return kExitOk;
}

int runReport(const ReportArgs& args) {
    if (!args.class_code.empty()) return runClassReport(args);
    if (args.student.empty()) throw InputError("--student", "", "a student (--student NAME) or a class (--class CODE)");
    auto store = openExisting(args.db);
    const records::Progress progress = records::loadProgress(*store, args.student);
    std::cout << records::formatTextReport(progress);
    if (!args.html.empty()) {
        files::writeAtomic(args.html, records::formatHtml(progress));
        log::info("wrote ", args.html);
    }
    if (!args.csv.empty()) {
        files::writeAtomic(args.csv, records::formatCsv(progress));
        log::info("wrote ", args.csv);
    }
    return kExitOk;
}

int runSync(const std::string& db) {
    if (!db.empty()) {  // everything pending goes to the store named
        auto store = records::openStore(db, false);
        const int n = records::flushPending(*store, true);
        std::cout << "stored " << n << " pending item(s) in " << store->displayName() << '\n';
        return kExitOk;
    }
    std::map<std::string, int> targets;  // each item goes to the store it was meant for
    for (const records::PendingItem& item : records::readPending()) ++targets[item.target];
    if (targets.empty()) {
        std::cout << "nothing pending in " << records::pendingDir().string() << '\n';
        return kExitOk;
    }
    std::string failure;
    int left = 0;
    for (const auto& [target, count] : targets) {
        try {
            auto store = records::openStore(target, false);
            const int n = records::flushPending(*store, false);
            std::cout << "stored " << n << " pending item(s) in " << store->displayName() << '\n';
        } catch (const InputError&) {
            throw;
        } catch (const Error& e) {
            if (failure.empty()) failure = e.what();
            left += count;
        }
    }
    if (left > 0)
        throw Error(failure + "; " + std::to_string(left) + " item(s) still pending in " +
                    records::pendingDir().string());
    return kExitOk;
}

int runStudents(const std::string& db) {
    auto store = openExisting(db);
    for (const std::string& name : store->students()) std::cout << name << '\n';
    return kExitOk;
}

}  // namespace

void addRecordsCommands(CLI::App& app, CommandTable& table) {
    auto* report = app.add_subcommand(
        "report",
        "A student's progress (--student) or a class's (--class): attempts with scores over time,\n"
        "faults by kind, quiz results.\n"
        "Prints a summary; --html writes a standalone page (inline SVG chart), --csv one row per\n"
        "attempt. Exit code 1 when the store cannot be reached, 2 for an unknown student or a\n"
        "database that is not palpa's or is newer than this palpa.");
    auto args = std::make_shared<ReportArgs>();
    auto* student = report->add_option("--student,-s", args->student, "Student name");
    report->add_option("--class", args->class_code, "A class's report instead (its join code): attendance, attempts, faults, quiz items, improvement")
        ->excludes(student);
    report->add_option("--db", args->db, kDbHelp);
    report->add_option("--html", args->html, "Also write the report as a standalone HTML file");
    report->add_option("--csv", args->csv, "Also write the attempts as CSV");
    table.add(report, [args] { return runReport(*args); });

    auto* records = app.add_subcommand(
        "records",
        "The progress store: store pending items, list students (docs/progress-store.md)");
    records->require_subcommand(1);
    auto db = std::make_shared<std::string>();
    auto* sync = records->add_subcommand(
        "sync",
        "Store the items kept in the pending folder while their store was unreachable.\n"
        "Each goes to the store it was meant for, or all to --db when given.\n"
        "Exit code 1 when a store still cannot be reached (the items stay pending).");
    sync->add_option("--db", *db, "Store every pending item here instead");
    auto* students = records->add_subcommand("students", "List the students in the store");
    students->add_option("--db", *db, kDbHelp);
    table.add(sync, [db] { return runSync(*db); });
    table.add(students, [db] { return runStudents(*db); });
}

}  // namespace palpa::app
