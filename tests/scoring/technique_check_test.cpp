// A technique checked against the model (`palpa technique check`): the bundled technique
// passes on the bundled patient and a generated one; a file with several faults gets a line
// for each, naming its place; a target off the skin is named for each side worked; and the
// live cues the scorer shows over every demo attempt are the ones a technique must give texts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "scoring/scorer.hpp"
#include "scoring/technique_check.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using testing::bundledPatient;
using testing::generatedPatient;
using testing::psoasTechnique;

using testing::bundledTechniqueJson;

std::string lines(const TechniqueCheck& c) {
    std::string s;
    for (const auto& p : c.problems) s += p.line() + "\n";
    return s;
}

TEST(TechniqueCheck, TheBundledTechniquePassesOnThePatients) {
    for (const Patient* p : {&bundledPatient(), &generatedPatient(30.0f)}) {
        const TechniqueCheck c = checkTechnique(psoasTechnique(), *p);
        EXPECT_TRUE(c.problems.empty()) << lines(c);
        EXPECT_EQ(c.targets, 2);
        // The file asks its targets 2 cm clear of the vessels' outline.
        EXPECT_GE(c.min_vessel_clearance, 0.02 - 1e-4);
        EXPECT_LT(c.min_vessel_clearance, 0.10);
    }
}

TEST(TechniqueCheck, EveryProblemIsALineNamingItsPlace) {
    nlohmann::json j = bundledTechniqueJson();
    j["targets"][0]["landmark"] = "navel";
    j["directions"]["pelvis_left"]["to"][0] = "asis_lft";
    j["cues"].erase("pulse");
    j["cues"].erase("hold_done");
    const TechniqueCheck c = checkTechnique(parseTechnique(j.dump(), "broken.json"), bundledPatient());
    const std::string all = lines(c);
    ASSERT_EQ(c.problems.size(), 4u) << all;
    EXPECT_NE(all.find("broken.json: targets[0].landmark: a landmark of the model (there is no \"navel\""), std::string::npos) << all;
    EXPECT_NE(all.find("broken.json: directions.pelvis_left.to[0]: a landmark of the model (there is no \"asis_lft\""), std::string::npos) << all;
    EXPECT_NE(all.find("broken.json: cues.pulse: a text for the live cue \"pulse\""), std::string::npos) << all;
    EXPECT_NE(all.find("broken.json: cues.hold_done:"), std::string::npos) << all;
}

TEST(TechniqueCheck, ATargetOffTheSkinIsNamedForEachSideWorked) {
    nlohmann::json j = bundledTechniqueJson();
    j["targets"][1]["superior_cm"] = 90.0;  // past the model's head end
    j["targets"][1].erase("lateral_over");
    const TechniqueCheck c = checkTechnique(parseTechnique(j.dump(), "far.json"), bundledPatient());
    const std::string all = lines(c);
    ASSERT_EQ(c.problems.size(), 2u) << all;
    EXPECT_NE(all.find("targets[1] (left side worked): lies off the model's skin"), std::string::npos) << all;
    EXPECT_NE(all.find("targets[1] (right side worked): lies off the model's skin"), std::string::npos) << all;
}

TEST(TechniqueCheck, TheScorerShowsOnlyTheCuesATechniqueMustHave) {
    const std::vector<std::string>& keys = liveCueKeys();
    const std::set<std::string> known(keys.begin(), keys.end());
    std::set<std::string> shown;
    for (const Scenario& s : demoScenarios()) {
        const Recording& r = testing::demoRecording(s.name);
        Scorer scorer(psoasTechnique(), bundledPatient(), r.header.side);
        for (const Frame& f : r.frames) shown.insert(std::string(scorer.push(f).cue_key));
    }
    for (const std::string& key : shown) EXPECT_TRUE(known.count(key)) << "the scorer showed \"" << key << "\", not in liveCueKeys()";
    // The demo attempts go through every phase and most faults, so the check above has teeth.
    EXPECT_GE(shown.size(), 10u);
}

}  // namespace
}  // namespace palpa::scoring
