// Role: the user's settings file, $XDG_CONFIG_HOME/palpa/config.json (else
// ~/.config/palpa/config.json): the default student every command stores for when none is
// given, the patient's body size, and the progress database's URL (never a password: libpq's ~/.pgpass or PGPASSWORD
// holds that). Format: docs/settings.md. Read on demand; written whole, atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace palpa::records {

struct Settings {
    std::string student;  // "" when none is set
    std::string db;       // "" when none is set: $PALPA_DB or the local SQLite store
    std::optional<float> bmi;  // the patient's body-mass index (kMinBmi-kMaxBmi); none: the bundled patient
};
inline constexpr float kMinBmi = 17.0f, kMaxBmi = 40.0f;

// Where the settings file lives (it need not exist).
std::filesystem::path settingsPath();
// Parses settings; throws InputError naming `source`, the field and what was expected.
Settings parseSettings(std::string_view json, const std::string& source);
// Reads the settings file; a missing file is the empty settings.
Settings loadSettings(const std::filesystem::path& path = settingsPath());
// Writes the settings file (a temporary file renamed over it); throws Error saying why not.
void saveSettings(const Settings& settings, const std::filesystem::path& path = settingsPath());
// Refuses a database URL that carries a password (InputError naming `source`).
void checkNoPassword(const std::string& url, const std::string& source);

// The student to store for: `given` when not empty, else the settings' default ("" when none).
std::string studentOr(const std::string& given);

}  // namespace palpa::records
