// Role: the patients palpa offers (the bundled one and the generated sizes), their names in
// the menus, their model files, and the run's and settings' choice among them. The desktop's
// and the headset's patient menus share it; commands.cpp implements it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace palpa::app {

// The patient's body-mass index in use: --bmi, else the settings' (none: the bundled patient,
// BMI 22). choosePatientBmi replaces it for the rest of the run.
std::optional<float> chosenBmi();
void choosePatientBmi(std::optional<float> bmi);
// The patients the menus offer besides the bundled one (BMI 22), smallest first.
inline constexpr float kPatientBmis[] = {20.0f, 24.0f, 30.0f, 36.0f};
// "bundled (BMI 22)", "BMI 30".
std::string patientName(std::optional<float> bmi);
// The model file of the patient of `bmi` (none: the bundled one), generated into the cache
// the first time (seconds). Safe to call from a loading thread.
std::filesystem::path patientModel(std::optional<float> bmi);
// A patient picked in a menu: used for the rest of the run and kept in the settings.
void rememberPatient(std::optional<float> bmi);

}  // namespace palpa::app
