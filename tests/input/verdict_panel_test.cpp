// The judged attempt as the student reads it in the window and the headset panel: drawn into
// a headless Dear ImGui frame and read back as text (ImGui's log), it leads with the verdict
// and any unsafe press, lists the faulty steps before the good ones, and gives their advice.
#include <gtest/gtest.h>

#include <string>

#include <imgui.h>

#include "app/verdict_panel.hpp"
#include "scene/loader.hpp"
#include "scoring/demo.hpp"
#include "scoring/scorer.hpp"

namespace palpa::app {
namespace {

std::string g_logged;

// Draws the verdict in a headless ImGui frame and returns the text ImGui logged.
std::string drawn(const scoring::Result& result) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {800.0f, 1200.0f};
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.SetClipboardTextFn = [](void*, const char* text) { g_logged = text; };
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::NewFrame();
    ImGui::SetNextWindowSize({700.0f, 1100.0f});
    ImGui::Begin("verdict");
    ImGui::LogToClipboard();
    drawVerdict(result, 680.0f);
    ImGui::LogFinish();
    ImGui::End();
    ImGui::Render();
    ImGui::DestroyContext();
    return g_logged;
}

const scoring::Technique& technique() {
    static const scoring::Technique t =
        scoring::loadTechnique(std::string(PALPA_TEST_ASSETS) + "/techniques/psoas-release.json");
    return t;
}

scoring::Result judged(const char* scenario) {
    static const scoring::Patient patient = scoring::Patient::fromScene(
        scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb"));
    return scoring::scoreRecording(
        scoring::generateRecording(scoring::demoScenario(scenario), technique(), patient), technique(), patient);
}

TEST(VerdictPanel, FaultsComeFirstWithTheirAdvice) {
    const std::string text = drawn(judged("direction-off"));
    const auto verdict = text.find("NOT PASSED");
    const auto direction = text.find("[X]  Press inward and toward the pelvis");
    const auto placement = text.find("[ok] Place both thumbs");
    ASSERT_NE(verdict, std::string::npos) << text;
    ASSERT_NE(direction, std::string::npos) << text;
    ASSERT_NE(placement, std::string::npos) << text;
    EXPECT_LT(verdict, direction);
    EXPECT_LT(direction, placement) << "the faulty step is listed before the good ones";
    EXPECT_NE(text.find("fault: direction_off"), std::string::npos);
    EXPECT_NE(text.find(technique().step(scoring::Metric::PressDirection).advice.at("direction_off").substr(0, 30)),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Your press (side view"), std::string::npos);
    EXPECT_NE(text.find("Where your thumbs touched"), std::string::npos);
}

TEST(VerdictPanel, AnUnsafePressIsSaidBeforeTheSteps) {
    const std::string text = drawn(judged("too-deep"));
    const auto unsafe = text.find("UNSAFE: too deep");
    ASSERT_NE(unsafe, std::string::npos) << text;
    EXPECT_LT(unsafe, text.find("[X]"));
    EXPECT_NE(text.find("score 49/100"), std::string::npos) << text;
}

TEST(VerdictPanel, AGoodAttemptShowsNoAdviceToChange) {
    const std::string text = drawn(judged("good-left"));
    EXPECT_NE(text.find("PASSED   score 100/100"), std::string::npos) << text;
    EXPECT_EQ(text.find("[X]"), std::string::npos);
    EXPECT_EQ(text.find("fault:"), std::string::npos);
}

}  // namespace
}  // namespace palpa::app
