#include "test_support.hpp"

#include <map>

#include <unistd.h>

#include <gtest/gtest.h>

namespace palpa::scoring::testing {

const Technique& psoasTechnique() {
    static const Technique technique = loadTechnique(std::filesystem::path(PALPA_TEST_ASSETS) /
                                                     "techniques" / "psoas-release.json");
    return technique;
}

const Patient& defaultPatient() {
    return *psoasTechnique().default_patient;
}

const Recording& demoRecording(const std::string& name) {
    static std::map<std::string, Recording> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache
                 .emplace(name,
                          generateRecording(demoScenario(name), psoasTechnique(), defaultPatient()))
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
