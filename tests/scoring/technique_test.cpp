// Techniques are data resolved on the model: the bundled file loads and resolves its targets
// from the model's landmarks, skin and vessels, bad files are named, and a second technique
// works without code changes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/file.hpp"
#include "scoring/plan.hpp"
#include "scoring/report.hpp"
#include "scoring/scorer.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using testing::bundledPatient;
using testing::generatedPatient;
using testing::psoasTechnique;

nlohmann::json bundledJson() { return testing::bundledTechniqueJson(); }

std::string problemOf(const nlohmann::json& j) {
    try {
        parseTechnique(j.dump(), "t.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "accepted";
}

TEST(Technique, BundledPsoasReleaseLoadsAndResolves) {
    const Technique& t = psoasTechnique();
    EXPECT_EQ(t.id, "psoas-release");
    EXPECT_EQ(t.steps.size(), 7u);
    EXPECT_EQ(t.targets.size(), 2u);
    EXPECT_EQ(t.required_hands, 2);
    EXPECT_EQ(t.contact_joint, kThumbTip);
    EXPECT_EQ(t.axis_from_joint, kWrist);
    EXPECT_EQ(t.axis_to_joint, kMiddleTip);
    EXPECT_DOUBLE_EQ(t.step(Metric::Depth).max, 0.05);
    EXPECT_DOUBLE_EQ(t.step(Metric::Hold).min, 20.0);
    EXPECT_DOUBLE_EQ(t.safety.vessel_keep_out, 0.015);
    EXPECT_EQ(t.safety.joints.size(), 6u);

    const Patient& patient = bundledPatient();
    const Plan plan = makePlan(t, patient, Side::Left);
    ASSERT_EQ(plan.targets.size(), 2u);
    for (const ResolvedTarget& target : plan.targets) {
        // Both thumbs on the worked (left) side, over the psoas belly's line, about 2 cm
        // above the umbilicus together, on the model's skin.
        EXPECT_EQ(target.side, Side::Left);
        EXPECT_NEAR(target.point.x, patient.landmarks().at("psoas_belly_left").x, 0.004f);
        EXPECT_LT(std::abs(patient.skin(target.point).depth), 1e-4f);
        EXPECT_GE(target.vessel_clearance, 0.02 - 1e-4);
        // Hand axes point down toward the pelvis and out to the worked side.
        EXPECT_LT(target.hand_axis.z, -0.8f);
        EXPECT_LT(target.hand_axis.x, -0.3f);
    }
    EXPECT_NEAR(0.5f * (plan.targets[0].point.z + plan.targets[1].point.z), 0.020f, 1e-3f);
    // The ideal press is 45 degrees between inward and toward the (worked, left) pelvis.
    const glm::vec3 n = plan.targets[0].normal;
    EXPECT_NEAR(angleDeg(plan.idealPress(n), -n), 45.0, 0.01);
    EXPECT_LT(plan.idealPress(n).x, 0.0f);
    // On the right the targets mirror, pushed further out where the vena cava (wider and
    // further right than the aorta is left) needs it.
    const Plan right = makePlan(t, patient, Side::Right);
    for (const ResolvedTarget& target : right.targets) {
        EXPECT_GE(target.point.x, patient.landmarks().at("psoas_belly_right").x - 0.004f);
        EXPECT_GE(target.vessel_clearance, 0.02 - 1e-4);
        EXPECT_GT(target.hand_axis.x, 0.3f);
    }
    EXPECT_GT(right.idealPress(n).x, 0.0f);
}

TEST(Technique, TargetsFollowTheModelNotTypedNumbers) {
    // A heavier body moves the landmarks and the skin: the targets move with them.
    const Plan slim = makePlan(psoasTechnique(), generatedPatient(22.0f), Side::Left);
    const Plan heavy = makePlan(psoasTechnique(), generatedPatient(32.0f), Side::Left);
    for (size_t i = 0; i < 2; ++i) {
        EXPECT_NEAR(heavy.targets[i].point.x, generatedPatient(32.0f).landmarks().at("psoas_belly_left").x, 0.004f);
        EXPECT_LT(std::abs(generatedPatient(32.0f).skin(heavy.targets[i].point).depth), 1e-4f);
        EXPECT_GT(glm::length(heavy.targets[i].point - slim.targets[i].point), 1e-4f);
    }
}

TEST(Technique, BadFilesAreNamed) {
    nlohmann::json j = bundledJson();
    EXPECT_EQ(problemOf(j), "accepted");
    j["palpa_technique"] = 3;
    EXPECT_NE(problemOf(j).find("palpa_technique: unknown technique version 3"), std::string::npos);
    j = bundledJson();
    j["steps"].erase(4);
    EXPECT_NE(problemOf(j).find("steps: no step measures \"hold\""), std::string::npos);
    j = bundledJson();
    j["steps"][1]["metric"] = "wobble";
    EXPECT_NE(problemOf(j).find("steps[1].metric: unknown metric"), std::string::npos);
    j = bundledJson();
    j["steps"][0].erase("good_max_cm");
    EXPECT_NE(problemOf(j).find("steps[0].good_max_cm: missing"), std::string::npos);
    j = bundledJson();
    j["targets"][1]["hand_axis"] = "nowhere";
    EXPECT_NE(problemOf(j).find("targets[1].hand_axis: unknown direction"), std::string::npos);
    j = bundledJson();
    j["joints"]["contact"] = "sixth_finger";
    EXPECT_NE(problemOf(j).find("joints.contact: unknown joint"), std::string::npos);
    EXPECT_NE(problemOf(nlohmann::json::array()).find("expected a JSON object"), std::string::npos);
    try {
        parseTechnique("{\"palpa_technique\": 1,", "t.json");
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("malformed JSON"), std::string::npos);
    }

    j = bundledJson();
    j["default_patient"] = nlohmann::json::object();
    EXPECT_NE(problemOf(j).find("default_patient: is no longer read"), std::string::npos);
    j = bundledJson();
    j["patient"]["discomfort"]["calm_at"] = 0.9;
    EXPECT_NE(problemOf(j).find("patient.discomfort.calm_at: must be below react_at"), std::string::npos);
    j = bundledJson();
    j["safety"]["joints"][1] = "tail";
    EXPECT_NE(problemOf(j).find("safety.joints[1]: unknown joint"), std::string::npos);

    // A model without a landmark the technique needs: the error names the model as the file to
    // fix, the landmark, and where the technique asks for it.
    scene::Scene model = testing::bundledScene();
    std::erase_if(model.landmarks, [](const scene::Landmark& l) { return l.name == "asis_left"; });
    try {
        makePlan(psoasTechnique(), Patient::fromScene(model, {"atlas.glb", ""}), Side::Left);
        ADD_FAILURE();
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("atlas.glb: landmark \"asis_left\": missing", 0), 0u) << what;
        EXPECT_NE(what.find("psoas-release.json"), std::string::npos) << what;
    }
    // A model without vessels cannot be scored for vessel safety.
    model = testing::bundledScene();
    model.findLayer("vessels");
    for (scene::Layer& layer : model.layers)
        if (layer.name == "vessels") layer.meshes.clear();
    try {
        makePlan(psoasTechnique(), Patient::fromScene(model, {"atlas.glb", ""}), Side::Left);
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("the model has no vessels"), std::string::npos) << e.what();
    }
}

// A second technique (one hand on the worked side over the psoas, 10 s hold, stricter angle)
// is only data: the generator places the hand by it and the scorer judges by it.
TEST(Technique, SecondTechniqueWorksWithoutCodeChanges) {
    nlohmann::json j = bundledJson();
    j["id"] = "single-hand-test";
    j["targets"] = nlohmann::json::array({{{"id", "worked"},
                                           {"side", "worked"},
                                           {"landmark", "umbilicus"},
                                           {"superior_cm", 0.0},
                                           {"lateral_over", "psoas_belly_{side}"},
                                           {"clear_of_vessels_cm", 2.0},
                                           {"hand_axis", "pelvis_{side}"}}});
    j["required_hands"] = 1;
    for (auto& step : j["steps"]) {
        if (step["metric"] == "hold") step["min_s"] = 8, step["ideal_max_s"] = 15;
        if (step["metric"] == "hand_angle")
            step["good_max_deg"] = 15, step["acceptable_max_deg"] = 20;
    }
    const Technique second = parseTechnique(j.dump(), "second.json");

    Scenario s = demoScenario("hold-short");  // a 10 s hold: short for psoas, fine here
    const Recording rec = generateRecording(s, second, bundledPatient());
    ASSERT_EQ(rec.header.technique, "single-hand-test");
    const Result ok = scoreRecording(rec, second, bundledPatient());
    EXPECT_TRUE(ok.passed) << formatJsonReport(ok);
    EXPECT_EQ(ok.metrics.targets, 1);

    s.script.hand_angle_deg = {0.0, 28.0};  // fine for psoas (30), off here (20)
    const Result off = scoreRecording(generateRecording(s, second, bundledPatient()), second,
                                      bundledPatient());
    EXPECT_EQ(testing::faultSet(off), (std::set<std::string>{"hand_angle_off"}));

    // The psoas recording judged against the second technique: one hand takes the single
    // target, the other has none and is not needed.
    const Result psoas = scoreRecording(testing::demoRecording("good-left"), second, bundledPatient());
    EXPECT_EQ(psoas.metrics.targets, 1);
    EXPECT_EQ((psoas.metrics.hands[0].target >= 0) + (psoas.metrics.hands[1].target >= 0), 1);
    EXPECT_TRUE(psoas.passed) << formatJsonReport(psoas);
}

}  // namespace
}  // namespace palpa::scoring
