// Role: shared helpers for the scoring tests: the bundled technique, the patient of the
// bundled model and of generated bodies of other sizes, demo recordings generated in memory
// (cached), fault sets by code, temporary folders.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "scene/scene.hpp"
#include "scoring/demo.hpp"
#include "scoring/recording.hpp"
#include "scoring/technique.hpp"
#include "scoring/verdict.hpp"

namespace palpa::scoring::testing {

// The bundled psoas-release technique (loaded once), and its file as JSON to change.
const Technique& psoasTechnique();
nlohmann::json bundledTechniqueJson();
// The patient of the bundled model (assets/models/psoas-region.glb, BMI 22), loaded once.
const Patient& bundledPatient();
// The bundled model's scene (loaded once).
const scene::Scene& bundledScene();
// A body generated for a body-mass index, and its patient (cached by BMI).
const scene::Scene& generatedScene(float bmi);
const Patient& generatedPatient(float bmi);
// A demo scenario's recording generated in memory for the bundled technique (cached by name).
const Recording& demoRecording(const std::string& name);
// The fault codes of a result as a set.
std::set<std::string> faultSet(const Result& result);
// A fresh empty temporary folder unique to the calling test.
std::filesystem::path tempDir(const std::string& tag);

}  // namespace palpa::scoring::testing
