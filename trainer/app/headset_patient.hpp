// Role: the headset's patient menu. Before a practice begins, a row of buttons along the
// panel's bottom edge offers the bundled patient and the generated sizes; a poke loads the
// picked patient (generating it the first time) on a worker thread while the headset keeps
// drawing the current one, then hands the loaded scene to the frame loop, which swaps it in.
#pragma once

#include <filesystem>
#include <future>
#include <optional>
#include <ostream>
#include <string>

#include "scene/scene.hpp"

namespace palpa::app {

class PatientMenu {
  public:
    struct Loaded {
        std::optional<float> bmi;  // none: the bundled patient
        std::filesystem::path model;
        scene::Scene scene;
    };

    // `current`: the patient shown; `layer_map`: as `--layer-map` (empty: beside the model).
    PatientMenu(std::optional<float> current, std::string layer_map);
    ~PatientMenu();  // waits for a load under way
    PatientMenu(const PatientMenu&) = delete;
    PatientMenu& operator=(const PatientMenu&) = delete;

    // Inside the panel's ImGui frame: draws the row; a press starts loading that patient.
    void draw();
    // The patient whose load finished since the last call (once). A failed load is reported
    // on `log` and the current patient stays.
    std::optional<Loaded> take(std::ostream& log);
    const std::optional<float>& current() const { return current_; }

  private:
    std::optional<float> current_;
    std::string layer_map_;
    std::optional<std::optional<float>> loading_;  // the patient being loaded
    std::future<Loaded> future_;
};

}  // namespace palpa::app
