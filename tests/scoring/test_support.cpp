#include "test_support.hpp"

#include <map>

#include <unistd.h>

#include <gtest/gtest.h>

#include "anatomy/generator.hpp"
#include "core/file.hpp"
#include "records/sha256.hpp"
#include "scene/loader.hpp"

namespace palpa::scoring::testing {

const Technique& psoasTechnique() {
    static const Technique technique = loadTechnique(std::filesystem::path(PALPA_TEST_ASSETS) /
                                                     "techniques" / "psoas-release.json");
    return technique;
}

nlohmann::json bundledTechniqueJson() {
    return nlohmann::json::parse(files::readAll(std::filesystem::path(PALPA_TEST_ASSETS) / "techniques" / "psoas-release.json"));
}

const scene::Scene& bundledScene() {
    static const scene::Scene s =
        scene::loadScene(std::filesystem::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.glb");
    return s;
}

const Patient& bundledPatient() {
    static const Patient patient = [] {
        const auto model = std::filesystem::path(PALPA_TEST_ASSETS) / "models" / "psoas-region.glb";
        return Patient::fromScene(bundledScene(), {model.filename().string(), records::digestFile(model).sha256});
    }();
    return patient;
}

const scene::Scene& generatedScene(float bmi) {
    static std::map<float, scene::Scene> cache;
    auto it = cache.find(bmi);
    if (it == cache.end()) it = cache.emplace(bmi, anatomy::generatePsoasRegion({bmi})).first;
    return it->second;
}

const Patient& generatedPatient(float bmi) {
    static std::map<float, Patient> cache;
    auto it = cache.find(bmi);
    if (it == cache.end())
        it = cache.emplace(bmi, Patient::fromScene(generatedScene(bmi),
                                                   {"generated-bmi" + std::to_string(static_cast<int>(bmi)), ""}))
                 .first;
    return it->second;
}

const Recording& demoRecording(const std::string& name) {
    static std::map<std::string, Recording> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache
                 .emplace(name,
                          generateRecording(demoScenario(name), psoasTechnique(), bundledPatient()))
                 .first;
    return it->second;
}

std::set<std::string> faultSet(const Result& result) {
    const auto codes = faultCodes(result.faults);
    return {codes.begin(), codes.end()};
}

std::filesystem::path tempDir(const std::string& tag) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("palpa-scoring-" + tag + "-" + info->name() + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace palpa::scoring::testing
