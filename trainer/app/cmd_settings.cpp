// `palpa settings`: shows or changes the settings file (docs/settings.md): the default student
// every command stores for when --student is not given, the patient's size, and the progress
// database's URL.
#include <cstdlib>
#include <iostream>

#include "core/error.hpp"

#include "app/commands.hpp"
#include "records/settings.hpp"
#include "records/store.hpp"

namespace palpa::app {

void addSettingsCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("settings", "Show or change the settings: the default student and the progress database");
    struct Args {
        std::string student, db, bmi;
        bool clear = false;
    };
    auto a = std::make_shared<Args>();
    auto* student = cmd->add_option("--student", a->student,
                                    "Store attempts, quizzes and tours for this student when a command is not given --student (\"\" clears it)");
    auto* db = cmd->add_option("--db", a->db, "Progress store URL without a password (\"\" clears it; $PALPA_DB still wins)");
    auto* bmi = cmd->add_option("--bmi", a->bmi,
                                "The patient's body-mass index (17-40) every command uses when not given --bmi or --model (\"\" clears it: the bundled patient)");
    cmd->add_flag("--clear", a->clear, "Forget every setting");
    table.add(cmd, [a, student, db, bmi] {
        const std::filesystem::path path = records::settingsPath();
        records::Settings s = a->clear ? records::Settings{} : records::loadSettings(path);
        const bool change = a->clear || student->count() > 0 || db->count() > 0 || bmi->count() > 0;
        if (bmi->count() > 0) {
            s.bmi.reset();
            if (!a->bmi.empty()) {
                char* end = nullptr;
                const float v = std::strtof(a->bmi.c_str(), &end);
                if (end == a->bmi.c_str() || *end != '\0' || !(v >= records::kMinBmi && v <= records::kMaxBmi))
                    throw InputError("--bmi", "", "a body-mass index from 17 to 40, or \"\" to clear it (got \"" + a->bmi + "\")");
                s.bmi = v;
            }
        }
        if (student->count() > 0) s.student = a->student;
        if (db->count() > 0) {
            if (!a->db.empty()) records::checkNoPassword(a->db, "--db");
            s.db = a->db;
        }
        if (change) {
            records::saveSettings(s, path);
            std::cout << "saved " << path.string() << '\n';
        }
        std::cout << "settings: " << path.string() << '\n'
                  << "  student: " << (s.student.empty() ? "(none: give --student to store)" : s.student) << '\n'
                  << "  db:      " << (s.db.empty() ? "(none)" : s.db) << '\n'
                  << "  bmi:     " << (s.bmi ? std::to_string(*s.bmi).substr(0, 4) : std::string("(none: the bundled patient)")) << '\n'
                  << "  store in use: " << records::defaultStoreUrl() << '\n';
        return 0;
    });
}

}  // namespace palpa::app
