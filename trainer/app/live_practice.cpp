#include "app/live_practice.hpp"

#include <cmath>
#include <iostream>

#include <imgui.h>
#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "app/hand_feedback.hpp"
#include "app/press_guides.hpp"
#include "app/verdict_panel.hpp"
#include "scoring/report.hpp"

namespace palpa::app {

namespace {
constexpr float kFaultPulse = 1.4f;  // joint radii of a hand a fault cue is about, at the pulse's peak
// The chest's breath (docs/anatomy.md): a share of the abdomen's rise over a region from the
// xiphoid to the top of the sternum, overlapping the abdomen's a little, a little wider.
constexpr float kChestShare = 0.4f;
constexpr float kChestOverlap = 0.03f;  // m
constexpr float kChestWidth = 1.2f;
}  // namespace

SimulatorControl::SimulatorControl(input::HandSimulator* simulated, scoring::Patient p, const scoring::Technique& technique)
    : hands(simulated),
      patient(std::move(p)),
      plans{scoring::makePlan(technique, patient, scoring::Side::Left),
            scoring::makePlan(technique, patient, scoring::Side::Right)} {
    // The fingers and palm rest on the model's skin while the thumbs press.
    hands->setSurface([skin = patient](const glm::vec3& q) {
        const scoring::SkinSample s = skin.skin(q);
        return input::SurfaceSample{s.depth, s.normal};
    });
}

void SimulatorControl::replace() {
    if (last_ && !hidden_) placeBoth(*last_);
}

void SimulatorControl::setHidden(bool hide) {
    hidden_ = hide;
    if (hide) {
        hands->lift(input::Hand::Left);
        hands->lift(input::Hand::Right);
    } else {
        replace();
    }
}

void SimulatorControl::placeBoth(const glm::vec3& hit) {
    last_ = hit;
    if (hidden_) return;  // placed where they come back
    const auto& lm = patient.landmarks();
    const glm::vec3 navel = lm.count("umbilicus") ? lm.at("umbilicus") : glm::vec3(0.0f);
    // Both thumbs together on the side of the midline that was clicked, one just above the
    // other, fingers fanned toward that side's pelvis.
    const bool left = hit.x < navel.x;
    const scoring::Plan& plan = plans[left ? 0 : 1];
    for (int h = 0; h < 2; ++h) {
        const float z = hit.z + (h == 0 ? kThumbSpacing : -kThumbSpacing) * 0.5f;
        const auto above = patient.skinAbove(hit.x, z);
        if (!above) continue;
        input::HandSimulator::Placement p;
        p.skin = above->point;
        p.normal = above->normal;
        const glm::vec3 ideal = plan.idealPress(p.normal);
        const glm::vec3 along = scoring::unitOrZero(scoring::tangential(plan.press_along, p.normal));
        const float from_inward = std::atan2(glm::dot(ideal, along), glm::dot(ideal, -p.normal)) + glm::radians(tilt_deg);
        p.press = std::cos(from_inward) * -p.normal + std::sin(from_inward) * along;
        p.forward = glm::angleAxis(glm::radians(turn_deg), p.normal) * along;
        hands->place(static_cast<input::Hand>(h), p);
    }
}

void drawSimulatorHelp(const SimulatorControl& control) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 12.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("Controls (F1 or ? to close)", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    ImGui::TextUnformatted(kSimulatorHelp);
    ImGui::Separator();
    ImGui::Text("Now: press %s%.0f degrees from the ideal line, hands turned %+.0f degrees, pressing to %.1f cm%s",
                control.tilt_deg >= 0.0f ? "+" : "", control.tilt_deg, control.turn_deg, control.hands->depth() * 100.0f,
                control.hidden() ? ", hands hidden (H)" : "");
    ImGui::End();
}

LivePractice::LivePractice(const scoring::Technique& technique, const scoring::Patient& patient,
                                 scoring::Side worked, std::unique_ptr<input::HandSource> source)
    : technique_(technique), patient_(patient), worked_(worked), scorer_(technique, patient, worked), source_(std::move(source)) {
    recorded_.header.technique = technique.id;
    recorded_.header.side = worked;
    recorded_.header.model = scoring::recordedModel(patient);
}

void LivePractice::finishNow() {
    if (result_) return;
    result_ = scorer_.finish();
    judged();
}

const scoring::Result& LivePractice::judgeNow() const {
    if (!judged_now_ || judged_frames_ != scorer_.frames()) {
        judged_now_ = scorer_.finish();
        judged_frames_ = scorer_.frames();
    }
    return *judged_now_;
}

void LivePractice::judged() {
    if (narrate_ && result_)
        std::cout << "practice: judged " << (result_->passed ? "PASSED" : "NOT PASSED") << ", score " << result_->score
                  << (result_->safety.empty() ? "" : " (unsafe)") << std::endl;
    if (on_judged_ && result_ && !recorded_.frames.empty()) on_judged_(*result_, recorded_);
}

void LivePractice::narrateNow() {
    const scoring::LiveState& s = scorer_.state();
    std::string now = std::string(scoring::phaseName(s.phase)) + " | " + std::string(s.cue_key);
    if (now == narrated_) return;
    narrated_ = now;
    std::cout << "practice: " << static_cast<int>(s.t * 10.0) / 10.0 << " s, step " << scoring::phaseName(s.phase) << ", cue "
              << s.cue_key << (s.cue.empty() ? "" : ": " + s.cue) << std::endl;
}

void LivePractice::restart(scoring::Side worked) {
    worked_ = worked;
    scorer_ = scoring::Scorer(technique_, patient_, worked);
    recorded_ = {};
    recorded_.header.technique = technique_.id;
    recorded_.header.side = worked;
    recorded_.header.model = scoring::recordedModel(patient_);
    result_.reset();
    judged_now_.reset();
    narrated_.clear();
}

void LivePractice::update(double now) {
    if (result_) return;
    while (auto f = source_->poll(now)) {
        scoring::Frame frame;
        frame.t = f->t;
        frame.hands = f->hands;
        if (!recorded_.frames.empty() && frame.t <= recorded_.frames.back().t) continue;
        const scoring::LiveState& state = scorer_.push(frame);
        frame.patient = scoring::RecordedPatient{state.patient.breath * 100.0, state.patient.discomfort,
                                                 state.patient.reacting};
        recorded_.frames.push_back(frame);
        latest_ = *f;
        if (narrate_) narrateNow();
    }
    if (source_->finished()) {
        result_ = scorer_.finish();
        judged();
    }
}

void addHandsToFrame(const input::HandFrame& hands, const glm::vec3& colour, render::FrameDesc& frame) {
    for (std::size_t h = 0; h < 2; ++h) {
        const auto& hand = hands.hands[h];
        if (!hand) continue;
        render::HandPose pose;
        for (std::size_t j = 0; j < render::kHandJoints; ++j) {
            pose.joints[j] = (*hand)[j].position;
            pose.orientations[j] = (*hand)[j].orientation;
            pose.radii[j] = (*hand)[j].radius;
        }
        pose.left = h == 0;
        pose.colour = colour;
        frame.hands.push_back(pose);
    }
}

void LivePractice::addHands(render::FrameDesc& frame) const {
    const scoring::LiveState& s = scorer_.state();
    // Not by colour alone: each hand carries its band's icon, and a hand a fault cue is about
    // also swells and shrinks twice a second.
    const bool big = std::fmod(s.t, 0.5) < 0.25;
    for (int h = 0; h < 2; ++h) {
        const auto& hand = latest_.hands[static_cast<std::size_t>(h)];
        if (!hand) continue;
        const HandBand band = handBand(s, h);
        input::HandFrame one;
        one.hands[static_cast<std::size_t>(h)] = hand;
        addHandsToFrame(one, bandColour(band), frame);
        if (band == HandBand::Fault && big)
            for (float& r : frame.hands.back().radii) r *= kFaultPulse;
        addBandIcon(band, *hand, h == 0, frame);
    }
}

void LivePractice::addGuides(render::FrameDesc& frame) const {
    addPressGuides(scorer_.plan(), patient_, scorer_.state(), frame);
}

void addPatientToFrame(const scoring::Patient& patient, const scoring::PatientState& state, const scene::Scene& scene,
                       render::FrameDesc& frame) {
    const scoring::Patient::BreathRegion r = patient.breathRegion();
    frame.swell_region = {r.z0, r.z1, r.x0, r.half_width};
    // The chest rises too, less than the abdomen in quiet supine breathing: from just below the
    // xiphoid to the top of the sternum.
    if (const scene::Mesh* sternum = scene.findMesh("sternum")) {
        frame.chest_region = {r.z1 - kChestOverlap, sternum->bounds.max.z + kChestOverlap, r.x0, kChestWidth * r.half_width};
        frame.chest_share = kChestShare;
    }
    // The skin rises with the breath; the wall and the gut beneath a little less.
    struct Share {
        const char* layer;
        float breath;
    };
    for (const Share share : {Share{"skin", 1.0f}, Share{"abdominal_wall", 0.85f}, Share{"viscera", 0.6f}}) {
        const scene::Layer* layer = scene.findLayer(share.layer);
        if (!layer) continue;
        for (std::uint32_t m : layer->meshes) {
            frame.swells.push_back({m, static_cast<float>(state.breath) * share.breath});
            // Guarding: the wall tenses, reddened with the discomfort.
            if (state.reacting && std::string_view(share.layer) == "abdominal_wall")
                frame.tints.push_back({m, glm::vec4(0.95f, 0.2f, 0.15f, 0.25f + 0.4f * static_cast<float>(state.discomfort))});
        }
    }
}

void IdleBreathing::add(double seconds, render::FrameDesc& frame) {
    response_.breathe(seconds, false);
    addPatientToFrame(patient_, response_.state(), scene_, frame);
}

void LivePractice::addPatient(render::FrameDesc& frame, const scene::Scene& scene) const {
    addPatientToFrame(patient_, scorer_.state().patient, scene, frame);
}

void LivePractice::draw(PanelColumn& column) const {
    const scoring::LiveState& s = scorer_.state();
    placeInColumn(column);
    ImGui::Begin("Technique", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    ImGui::Text("Source: %s   side: patient's %s   frames: %d", source_->name().data(),
                worked_ == scoring::Side::Left ? "left" : "right", scorer_.frames());
    if (!help_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", help_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Text("Step: %s", scoring::phaseName(s.phase));
    if (s.depth_cm && *s.depth_cm > 0.0) ImGui::Text("Depth: %.1f cm (gentle 1-4)", *s.depth_cm);
    else if (s.depth_cm) ImGui::TextDisabled("Depth: the thumbs are %.1f cm above the skin", -*s.depth_cm);
    else ImGui::TextDisabled("Depth: no hands");
    ImGui::Text("Patient: breath %+.1f cm, discomfort %d %%", s.patient.breath * 100.0,
                static_cast<int>(std::lround(100.0 * s.patient.discomfort)));
    if (!s.patient_says.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.35f, 1.0f));
        ImGui::TextWrapped("Patient: \"%s\" (the abdomen tenses)", std::string(s.patient_says).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::ProgressBar(static_cast<float>(s.hold_min_s > 0 ? std::min(1.0, s.hold_s / s.hold_min_s) : 0.0), ImVec2(-1, 0),
                       (std::to_string(static_cast<int>(s.hold_s)) + " s hold").c_str());
    drawHandsLine(s, latest_);
    if (!s.cue.empty()) ImGui::TextWrapped("%s", s.cue.c_str());
    if (result_) {
        ImGui::Separator();
        drawVerdict(*result_, column.width - 2.0f * ImGui::GetStyle().WindowPadding.x);
    }
    advanceColumn(column);
    ImGui::End();
}

}  // namespace palpa::app
