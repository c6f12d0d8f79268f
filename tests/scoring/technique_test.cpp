// Techniques and patients are data: the bundled file loads and resolves, bad files are named,
// and a second technique works without code changes.
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

using testing::defaultPatient;
using testing::psoasTechnique;

nlohmann::json bundledJson() {
    return nlohmann::json::parse(files::readAll(std::filesystem::path(PALPA_TEST_ASSETS) /
                                                "techniques" / "psoas-release.json"));
}

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
    EXPECT_EQ(t.contact_joint, kThumbTip);
    EXPECT_EQ(t.axis_from_joint, kWrist);
    EXPECT_EQ(t.axis_to_joint, kMiddleTip);
    ASSERT_TRUE(t.default_patient.has_value());
    EXPECT_EQ(t.default_patient->landmarks.size(), 5u);
    EXPECT_FALSE(t.default_patient->skin.isPlane());
    EXPECT_DOUBLE_EQ(t.step(Metric::Depth).max, 0.05);
    EXPECT_DOUBLE_EQ(t.step(Metric::Hold).min, 20.0);

    const Plan plan = makePlan(t, defaultPatient(), Side::Left);
    ASSERT_EQ(plan.targets.size(), 2u);
    const ResolvedTarget& left = plan.targets[0];
    const ResolvedTarget& right = plan.targets[1];
    EXPECT_NEAR(left.point.x, -0.015f, 1e-3f);
    EXPECT_NEAR(left.point.z, 0.020f, 1e-3f);
    EXPECT_NEAR(right.point.x, 0.015f, 1e-3f);
    EXPECT_NEAR(left.point.y, defaultPatient().skin.height(left.point.x, left.point.z), 1e-6f);
    // Hand axes point down toward the pelvis and out to their side.
    EXPECT_LT(left.hand_axis.z, -0.8f);
    EXPECT_LT(left.hand_axis.x, -0.3f);
    EXPECT_GT(right.hand_axis.x, 0.3f);
    // The ideal press is 45 degrees between inward and toward the (worked, left) pelvis.
    const glm::vec3 n = left.normal;
    EXPECT_NEAR(angleDeg(plan.idealPress(n), -n), 45.0, 0.01);
    EXPECT_LT(plan.idealPress(n).x, 0.0f);
    EXPECT_GT(makePlan(t, defaultPatient(), Side::Right).idealPress(n).x, 0.0f);
}

TEST(Technique, SkinPlaneAndGrid) {
    const SkinSurface plane = SkinSurface::plane(0.01f, 0.5f, 0.0f);
    EXPECT_FLOAT_EQ(plane.height(0.2f, 7.0f), 0.11f);
    EXPECT_NEAR(angleDeg(plane.normal(0, 0), {0, 1, 0}), std::atan(0.5) * 57.2957795, 1e-4);
    EXPECT_NEAR(SkinSurface::plane().depthBelow({0.1f, -0.02f, 0.3f}), 0.02f, 1e-7f);

    const SkinSurface grid = SkinSurface::grid(-1, -1, 1, 1, 3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
    EXPECT_FLOAT_EQ(grid.height(0, 0), 1.0f);
    EXPECT_FLOAT_EQ(grid.height(0.5f, 0), 0.5f);
    EXPECT_FLOAT_EQ(grid.height(0.5f, 0.5f), 0.25f);
    EXPECT_FLOAT_EQ(grid.height(5, 5), 0.0f);  // clamped outside
    EXPECT_EQ(grid.normal(5, 5), glm::vec3(0, 1, 0));
    EXPECT_GT(grid.normal(0.5f, 0.1f).x, 0.0f);  // slopes down toward +x there
    EXPECT_THROW(SkinSurface::grid(0, 0, 1, 1, 2, 2, {0, 0, 0}), std::invalid_argument);
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

    Patient patient = defaultPatient();
    patient.landmarks.erase("asis_left");
    try {
        makePlan(psoasTechnique(), patient, Side::Left);
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("landmark \"asis_left\""), std::string::npos);
    }
}

TEST(Technique, PatientFileOverridesTheDefault) {
    const nlohmann::json patient = {{"palpa_patient", 1},
                                    {"landmarks", bundledJson()["default_patient"]["landmarks"]},
                                    {"skin", {{"type", "plane"}, {"y0", 0.0}}}};
    const Patient p = parsePatient(patient.dump(), "p.json");
    EXPECT_TRUE(p.skin.isPlane());
    EXPECT_EQ(p.landmarks.size(), 5u);
    const Result r = scoreRecording(testing::demoRecording("good-left"), psoasTechnique(), p);
    EXPECT_TRUE(r.passed) << formatJsonReport(r);
}

// A second technique (one hand on the worked side, 3 cm out, 10 s hold, stricter angle) is
// only data: the generator places the hand by it and the scorer judges by it.
TEST(Technique, SecondTechniqueWorksWithoutCodeChanges) {
    nlohmann::json j = bundledJson();
    j["id"] = "single-hand-test";
    j["targets"] = nlohmann::json::array({{{"id", "worked"},
                                           {"side", "worked"},
                                           {"landmark", "umbilicus"},
                                           {"superior_cm", 0.0},
                                           {"lateral_cm", 3.0},
                                           {"hand_axis", "pelvis_{side}"}}});
    for (auto& step : j["steps"]) {
        if (step["metric"] == "hold") step["min_s"] = 8, step["ideal_max_s"] = 15;
        if (step["metric"] == "hand_angle")
            step["good_max_deg"] = 15, step["acceptable_max_deg"] = 20;
    }
    const Technique second = parseTechnique(j.dump(), "second.json");

    Scenario s = demoScenario("hold-short");  // a 10 s hold: short for psoas, fine here
    const Recording rec = generateRecording(s, second, *second.default_patient);
    ASSERT_EQ(rec.header.technique, "single-hand-test");
    const Result ok = scoreRecording(rec, second, *second.default_patient);
    EXPECT_TRUE(ok.passed) << formatJsonReport(ok);
    EXPECT_EQ(ok.metrics.targets, 1);

    s.script.hand_angle_deg = {0.0, 28.0};  // fine for psoas (30), off here (20)
    const Result off = scoreRecording(generateRecording(s, second, *second.default_patient), second,
                                      *second.default_patient);
    EXPECT_EQ(testing::faultSet(off), (std::set<std::string>{"hand_angle_off"}));

    // The psoas recording judged against the second technique: the left hand lands 4.3 cm
    // from the single target ... and a second hand there has no target left.
    const Result psoas =
        scoreRecording(testing::demoRecording("good-left"), second, *second.default_patient);
    EXPECT_FALSE(psoas.passed);
}

}  // namespace
}  // namespace palpa::scoring
