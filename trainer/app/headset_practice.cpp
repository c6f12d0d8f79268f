// The practice attempt in the headset: the live scorer and the guide's steps, the hands tinted
// by feedback, the leg lift (the worked side's femur flexes at the hip while the psoas and
// iliacus are highlighted), the attempt written to its recording as it happens, the report
// and the store at the end.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <imgui.h>
#include <glm/gtc/matrix_transform.hpp>

#include "app/commands.hpp"
#include "app/hand_feedback.hpp"
#include "app/headset.hpp"
#include "app/headset_activity.hpp"
#include "app/live_practice.hpp"
#include "app/render_setup.hpp"
#include "app/verdict_panel.hpp"
#include "core/error.hpp"
#include "headset/guide.hpp"
#include "records/recorder.hpp"
#include "records/store.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/report.hpp"

namespace palpa::app {

namespace {

// Appends the live attempt to a JSONL recording as it happens (flushed every second), so a
// crash or a lost session keeps what was recorded.
class RecordingStream {
  public:
    RecordingStream(const std::string& path, const scoring::RecordingHeader& header) {
        if (path.empty()) return;
        out_.open(path, std::ios::trunc);
        if (!out_) throw Error("cannot write the recording " + path);
        out_ << scoring::formatHeader(header) << '\n';
    }
    void add(const scoring::Recording& recorded) {
        if (!out_) return;
        for (; written_ < recorded.frames.size(); ++written_)
            out_ << scoring::formatFrame(recorded.frames[written_]) << '\n';
        if (recorded.frames.empty() || recorded.frames.back().t - flushed_ < 1.0) return;
        out_.flush();
        flushed_ = recorded.frames.back().t;
    }
    void close() {
        if (out_.is_open()) out_.close();
    }

  private:
    std::ofstream out_;
    std::size_t written_ = 0;
    double flushed_ = 0.0;
};

class PracticeActivity final : public HeadsetActivity {
  public:
    PracticeActivity(const HeadsetOptions& o, const scene::Scene& scene, scoring::Side side)
        : options_(o),
          scene_(scene),
          technique_(loadTechnique()),
          source_(new FedHands("headset")),
          practice_(technique_, patientFromScene(scene, o.model.empty() ? bundledModel() : std::filesystem::path(o.model)), side,
                    std::unique_ptr<input::HandSource>(source_)),
          stream_(o.record, practice_.recorded().header) {
        const std::string s = side == scoring::Side::Left ? "left" : "right";
        left_ = side == scoring::Side::Left;
        for (std::uint32_t i = 0; i < scene.meshes.size(); ++i) {
            const std::string& name = scene.meshes[i].name;
            if (name == "psoas_major_" + s || name == "iliacus_" + s) psoas_.push_back(i);
        }
        std::cout << "headset: step " << headset::stepName(guide_.state().step) << '\n';
    }

    std::string name() const override { return "practice"; }
    void handsFrom(std::string_view name) override { source_->rename(std::string(name)); }

    void update(const HeadsetInput& in) override {
        source_->feed(in.hands);
        practice_.update(in.t);
        if (practice_.state().phase != scoring::Phase::Approach) touched_ = true;
        stream_.add(practice_.recorded());
        if (in.select[0] || in.select[1]) guide_.confirmScreening();
        const headset::Step before = guide_.state().step;
        const headset::GuideState& step = guide_.update(in.t, practice_.state());
        if (step.step != before)
            std::cout << "headset: step " << headset::stepName(step.step) << " at " << in.t
                      << " s" << std::endl;  // flushed: a terminal or a script follows the attempt
    }

    void drawPanel(glm::uvec2 size) override {
        const headset::GuideState& step = guide_.state();
        const scoring::LiveState& live = practice_.state();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(
            ImVec2(static_cast<float>(size.x), static_cast<float>(size.y)));
        ImGui::Begin("palpa", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        ImGui::SetWindowFontScale(1.6f);
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1.0f), "%s", step.title.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::TextWrapped("%s", step.instruction.c_str());
        if (!step.breath.empty())
            ImGui::TextColored(ImVec4(0.6f, 1.0f, 0.7f, 1.0f), "%s", step.breath.c_str());
        ImGui::Separator();
        if (live.depth_cm)
            ImGui::Text("Depth %.1f cm (gentle: 1-4 cm)", *live.depth_cm);
        else
            ImGui::TextDisabled("No contact");
        const float hold = static_cast<float>(
            live.hold_min_s > 0 ? std::min(1.0, live.hold_s / live.hold_min_s) : 0.0);
        ImGui::ProgressBar(hold, ImVec2(-1, 0),
                           (std::to_string(static_cast<int>(live.hold_s)) + " s hold").c_str());
        if (!live.patient_says.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "Patient: \"%s\"",
                               std::string(live.patient_says).c_str());
        drawHandsLine(live, practice_.hands());
        if (!live.cue.empty()) ImGui::TextWrapped("%s", live.cue.c_str());
        // Once the side is done, what went well and what to change, before the other side.
        if (step.step == headset::Step::Release || step.step == headset::Step::Rest ||
            step.step == headset::Step::OtherSide) {
            ImGui::Separator();
            drawVerdict(practice_.judgeNow(), ImGui::GetContentRegionAvail().x);
        }
        ImGui::TextDisabled("hands: %s | screening %s | menu: recentre", source_->name().data(),
                            guide_.screened() ? "confirmed" : "not confirmed");
        ImGui::End();
    }

    bool offersPatients() const override {
        const headset::Step step = guide_.state().step;
        return !touched_ && (step == headset::Step::Screening || step == headset::Step::Placement);
    }

    std::array<bool, 2> pulse() const override { return practice_.state().pulse; }
    std::optional<scoring::LiveState> live() const override { return practice_.state(); }
    double heartRateBpm() const override { return technique_.safety.heart_rate_bpm; }

    void decorate(render::FrameDesc& desc) const override {
        practice_.addHands(desc);
        practice_.addGuides(desc);
        practice_.addPatient(desc, scene_);
        const headset::GuideState& step = guide_.state();
        if (step.hip_flexion_deg > 0.0f)
            lifts_.add(left_, std::min(1.0f, step.hip_flexion_deg / static_cast<float>(guide_.timing().lift_deg)), desc);
        if (step.show_psoas) desc.highlight = psoas_;
    }

    int finish(std::ostream& out) override {
        stream_.close();
        out << "headset: " << practice_.framesScored() << " hand frames scored live ("
            << source_->name() << "), " << guide_.legLifts() << " leg lift(s), screening "
            << (guide_.screened() ? "confirmed" : "not confirmed") << '\n';
        if (!options_.record.empty()) out << "recorded the attempt: " << options_.record << '\n';
        if (practice_.framesScored() == 0) {
            out << "headset: no hands were tracked, so there is no attempt to judge\n";
            return kExitOk;
        }
        practice_.finishNow();
        const scoring::Result& result = *practice_.result();
        out << scoring::formatHumanReport(result);
        if (!options_.student.empty()) {
            records::AttemptRecorder recorder(options_.db);
            out << recorder.record(options_.student, options_.record, result, "", options_.class_code) << '\n';
            recorder.finish();
        }
        return kExitOk;
    }

  private:
    static scoring::Technique loadTechnique() {
        return scoring::loadTechnique(assetsDir() / "techniques" / "psoas-release.json");
    }

    const HeadsetOptions options_;  // a copy: the caller may fill in defaults on its own
    const scene::Scene& scene_;
    scoring::Technique technique_;
    FedHands* source_;  // owned by practice_
    LivePractice practice_;
    RecordingStream stream_;
    headset::Guide guide_;
    bool left_ = true;
    bool touched_ = false;  // the hands have touched the patient: the attempt has begun
    LegLifts lifts_{scene_};
    std::vector<std::uint32_t> psoas_;
};

}  // namespace

std::unique_ptr<HeadsetActivity> makePracticeActivity(const HeadsetOptions& o,
                                                      const scene::Scene& scene) {
    const auto side = scoring::parseSide(o.side);
    if (!side) throw InputError("--side", o.side, "expected left or right");
    HeadsetOptions options = o;
    if (!options.student.empty() && options.record.empty()) {
        // The recording is stored with the attempt: without --record it goes to the data folder.
        std::string stamp = records::nowUtc();
        std::replace(stamp.begin(), stamp.end(), ':', '-');
        std::filesystem::create_directories(records::dataDir() / "attempts");
        options.record = (records::dataDir() / "attempts" / ("headset-" + stamp + ".jsonl")).string();
    }
    return std::make_unique<PracticeActivity>(options, scene, *side);
}

}  // namespace palpa::app
