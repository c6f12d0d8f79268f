#include "app/headset.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include <imgui.h>
#include <glm/gtc/matrix_transform.hpp>

#include "app/commands.hpp"
#include "app/headset_stats.hpp"
#include "app/live_practice.hpp"
#include "app/render_setup.hpp"
#include "core/log.hpp"
#include "headset/guide.hpp"
#include "headset/table.hpp"
#include "records/recorder.hpp"
#include "records/store.hpp"
#include "gpu/swapchain.hpp"
#include "platform/window.hpp"
#include "render/image.hpp"
#include "render/mirror.hpp"
#include "render/panel.hpp"
#include "render/renderer.hpp"
#include "scene/loader.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/report.hpp"
#include "xr/session.hpp"

namespace palpa::app {

namespace {

using Clock = std::chrono::steady_clock;

// Appends the live attempt to a JSONL recording as it happens (flushed every second), so a
// crash or a lost session keeps what was recorded.
class RecordingStream {
public:
    RecordingStream(const std::string& path, const scoring::RecordingHeader& header) : path_(path) {
        if (path.empty()) return;
        out_.open(path, std::ios::trunc);
        if (!out_) throw Error("cannot write the recording " + path);
        out_ << scoring::formatHeader(header) << '\n';
    }
    void add(const scoring::Recording& recorded) {
        if (!out_) return;
        for (; written_ < recorded.frames.size(); ++written_) out_ << scoring::formatFrame(recorded.frames[written_]) << '\n';
        if (recorded.frames.empty() || recorded.frames.back().t - flushed_ < 1.0) return;
        out_.flush();
        flushed_ = recorded.frames.back().t;
    }
    void close() {
        if (out_) out_.close();
    }

private:
    std::string path_;
    std::ofstream out_;
    std::size_t written_ = 0;
    double flushed_ = 0.0;
};

// The pivot of a femur's hip joint: the centroid of its top (most superior) 2.5 cm.
glm::vec3 hipPivot(const scene::Mesh& femur) {
    glm::vec3 sum(0.0f);
    int n = 0;
    for (const scene::Vertex& v : femur.vertices)
        if (v.position.z > femur.bounds.max.z - 0.025f) sum += v.position, ++n;
    return n ? sum / static_cast<float>(n) : femur.bounds.centre();
}

struct LegLift {
    std::uint32_t femur = 0;
    glm::vec3 pivot{0.0f};
    std::vector<std::uint32_t> psoas;  // psoas major and iliacus of the side
};

std::optional<LegLift> legLift(const scene::Scene& scene, scoring::Side side) {
    const std::string s = side == scoring::Side::Left ? "left" : "right";
    LegLift lift;
    bool femur = false;
    for (std::uint32_t i = 0; i < scene.meshes.size(); ++i) {
        const std::string& name = scene.meshes[i].name;
        if (name == "femur_" + s) femur = true, lift.femur = i, lift.pivot = hipPivot(scene.meshes[i]);
        if (name == "psoas_major_" + s || name == "iliacus_" + s) lift.psoas.push_back(i);
    }
    if (!femur) return std::nullopt;
    return lift;
}

// The floating panel's contents: the step, what to do, the measured values and the hold timer.
void drawPanel(const headset::GuideState& step, const scoring::LiveState& live, const headset::Guide& guide,
               std::string_view source, VkExtent2D size) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(size.width), static_cast<float>(size.height)));
    ImGui::Begin("palpa", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1.0f), "%s", step.title.c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::TextWrapped("%s", step.instruction.c_str());
    if (!step.breath.empty()) ImGui::TextColored(ImVec4(0.6f, 1.0f, 0.7f, 1.0f), "%s", step.breath.c_str());
    ImGui::Separator();
    if (live.depth_cm)
        ImGui::Text("Depth %.1f cm (gentle: 1-4 cm)", *live.depth_cm);
    else
        ImGui::TextDisabled("No contact");
    const float hold = static_cast<float>(live.hold_min_s > 0 ? std::min(1.0, live.hold_s / live.hold_min_s) : 0.0);
    ImGui::ProgressBar(hold, ImVec2(-1, 0), (std::to_string(static_cast<int>(live.hold_s)) + " s hold").c_str());
    if (!live.cue.empty()) ImGui::TextWrapped("%s", std::string(live.cue).c_str());
    ImGui::TextDisabled("hands: %s | screening %s | menu button: recentre", std::string(source).c_str(),
                        guide.screened() ? "confirmed" : "not confirmed");
    ImGui::End();
}

}  // namespace

int runHeadset(const HeadsetOptions& o) {
    xr::SessionOptions so;
    so.validation = validationRequested();
    so.hand_tracking = o.hand_tracking;
    const auto side = scoring::parseSide(o.side);
    if (!side) throw InputError("--side", o.side, "expected left or right");
    headset::TablePose table = o.table.empty() ? headset::TablePose{} : headset::parseTablePose(o.table);

    const scene::Scene scene = scene::loadScene(o.model.empty() ? bundledModel() : std::filesystem::path(o.model), o.layer_map);
    const scoring::Technique technique = scoring::loadTechnique(assetsDir() / "techniques" / "psoas-release.json");
    if (!technique.default_patient) throw InputError(technique.source, "default_patient", "the technique carries no default patient");
    const std::vector<render::LayerStyle> layers = parseLayers(o.layers, scene);

    // The instructor's mirror window, where a display exists (it needs surface extensions on
    // the Vulkan instance the runtime creates, so it opens first).
    std::unique_ptr<platform::Window> window;
    if (o.mirror && platform::whyNoDisplay().empty()) {
        window = std::make_unique<platform::Window>("palpa - headset mirror (left eye)", 960, 600);
        so.instance_extensions = platform::Window::requiredInstanceExtensions();
        so.device_extensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    }
    std::unique_ptr<xr::Session> session = xr::Session::create(so);
    std::cout << "headset: " << session->runtimeName() << ", hands from "
              << (session->handTracking() ? "hand tracking" : "controllers (hands are simulated from the grip)") << ", "
              << session->eyeExtent().width << "x" << session->eyeExtent().height << " per eye, space "
              << session->spaceName() << ", table " << headset::formatTablePose(table) << '\n';
    if (!session->handTracking()) std::cout << "headset: no hand tracking: your controllers drive simulated flat hands\n";
    session->setWorldFromSpace(glm::inverse(headset::spaceFromPatient(table)));

    render::RenderConfig rc;
    rc.colour_format = session->colourFormat();
    rc.views = 2;
    rc.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // what the runtime expects back
    rc.frames_in_flight = session->framesInFlight();
    render::Renderer renderer(session->device(), scene, rc);
    session->onSwapchainRebuilt([&renderer] { renderer.forgetTargets(); });

    std::unique_ptr<gpu::WindowTarget> mirrorTarget;
    std::unique_ptr<render::EyeMirror> mirror;
    if (window) {
        mirrorTarget = std::make_unique<gpu::WindowTarget>(session->device(), window->createSurface(session->device().instance()),
                                                           window->framebufferSize());
        mirror = std::make_unique<render::EyeMirror>(session->device(), session->eyeExtent(), session->colourFormat());
        std::cout << "headset: mirroring the left eye in a desktop window\n";
    }
    render::Panel panel(session->device(), renderer, {640, 400}, session->framesInFlight());
    // Beyond the patient's far side, 25 cm above the navel, facing the student (patient frame).
    const glm::mat4 panelPose = render::panelTransform({0.45f, 0.25f, 0.0f}, {0.0f, 0.0f, 1.0f}, {0.0f, 1.0f, 0.0f}, 0.48f, 0.30f);
    auto handSource = xr::makeHandSource(*session);
    const std::string sourceName(handSource->name());
    LivePractice practice(technique, *technique.default_patient, *side, std::move(handSource));
    headset::Guide guide;
    RecordingStream stream(o.record, practice.recorded().header);
    const std::optional<LegLift> lift = legLift(scene, *side);

    FrameStats stats;
    int frames = 0;
    headset::Step lastStep = headset::Step::Screening;
    std::cout << "headset: step " << headset::stepName(lastStep) << '\n';
    while (session->pollEvents()) {
        const auto start = Clock::now();
        const std::optional<xr::FrameInfo> frame = session->beginFrame();
        if (!frame) continue;
        practice.update(frame->seconds);
        stream.add(practice.recorded());
        const xr::Buttons buttons = session->buttons();
        if (buttons.select[0] || buttons.select[1]) guide.confirmScreening();
        if ((buttons.menu[0] || buttons.menu[1]) && frame->head) {
            // Recentre: the patient in front of where the student looks now (play-space frame).
            const glm::mat4 spaceFromWorld = glm::inverse(session->worldFromSpace());
            const glm::vec3 head = glm::vec3(spaceFromWorld * glm::vec4(frame->head->position, 1.0f));
            const glm::vec3 fwd = glm::mat3(spaceFromWorld) * (frame->head->orientation * glm::vec3(0.0f, 0.0f, -1.0f));
            table = headset::recentred(head, fwd);
            session->setWorldFromSpace(glm::inverse(headset::spaceFromPatient(table)));
            std::cout << "headset: recentred the table at " << headset::formatTablePose(table) << '\n';
        }
        const headset::GuideState& step = guide.update(frame->seconds, practice.state());
        if (step.step != lastStep) {
            lastStep = step.step;
            std::cout << "headset: step " << headset::stepName(step.step) << " at " << frame->seconds << " s\n";
        }

        panel.newFrame(1.0f / 90.0f);
        drawPanel(step, practice.state(), guide, sourceName, panel.pixels());
        panel.endFrame();

        std::optional<xr::FrameImage> image;
        if (frame->render) image = session->acquireImage();
        if (image) {
            render::FrameDesc desc;
            for (const xr::Eye& eye : frame->eyes)
                desc.views.push_back({glm::inverse(xr::toMatrix(eye.pose)), xr::projection(eye.fov, 0.03f, 20.0f), eye.pose.position});
            desc.layers = layers;
            practice.addHands(desc);
            if (lift && step.hip_flexion_deg > 0.0f) {
                glm::mat4 m = glm::translate(glm::mat4(1.0f), lift->pivot);
                m = glm::rotate(m, glm::radians(step.hip_flexion_deg), glm::vec3(1.0f, 0.0f, 0.0f));
                desc.transforms.push_back({lift->femur, glm::translate(m, -lift->pivot)});
            }
            if (lift && step.show_psoas) desc.highlight = lift->psoas;
            panel.place(panelPose, desc.views);
            panel.recordTexture(image->commands);
            renderer.record(image->commands, desc, {image->image, image->view, image->extent}, image->slot);
            if (mirror) mirror->capture(image->commands, image->image, 0);
        }
        session->endFrame(*frame, image);
        const double total = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        const xr::FrameWaits& w = session->lastWaits();
        stats.add(total - w.wait_frame_ms - w.wait_image_ms - w.gpu_ms, total, image.has_value());
        if (o.frames > 0 && ++frames == o.frames) session->requestExit();
        if (window) {
            if (!window->poll()) session->requestExit();  // closing the mirror ends the session
            if (auto wf = mirrorTarget->begin(window->framebufferSize())) {
                mirror->present(wf->commands, wf->image, wf->extent);
                mirrorTarget->end(*wf);
            }
        }
    }
    if (mirrorTarget) {
        if (!o.mirror_screenshot.empty()) {
            VkExtent2D extent{};
            std::vector<std::uint8_t> pixels = mirrorTarget->captureLast(extent);
            render::writePng(o.mirror_screenshot, render::Rgba8Image{extent.width, extent.height, std::move(pixels)});
            std::cout << "mirror screenshot: " << o.mirror_screenshot << '\n';
        }
        session->device().waitIdle();
        mirrorTarget.reset();
        window->destroySurface();
    }
    stream.close();

    std::cout << "headset: session states:";
    for (xr::SessionState s : session->history()) std::cout << ' ' << xr::stateName(s);
    std::cout << "\nheadset: " << session->sessionsCreated() << " session(s), " << stats.frames() << " frames, "
              << practice.framesScored() << " hand frames scored live (" << sourceName << "), " << guide.legLifts() << " leg lift(s), screening "
              << (guide.screened() ? "confirmed" : "not confirmed") << '\n';
    if (!o.record.empty()) std::cout << "recorded the attempt: " << o.record << '\n';
    if (o.stats) std::cout << stats.summary(scene.triangleCount(), session->eyeExtent().width, session->eyeExtent().height);
    if (!o.stats_json.empty()) stats.writeJson(o.stats_json);

    const std::vector<std::string> messages = session->device().validationMessages();
    session.reset();
    if (!messages.empty()) throw Error(std::to_string(messages.size()) + " Vulkan validation message(s) in the headset session");

    if (practice.framesScored() == 0) {
        std::cout << "headset: no hands were tracked, so there is no attempt to judge\n";
        return kExitOk;
    }
    practice.finishNow();
    const scoring::Result& result = *practice.result();
    std::cout << scoring::formatHumanReport(result);
    if (!o.student.empty()) {
        if (o.record.empty()) throw InputError("--student", o.student, "storing an attempt needs --record FILE (the recording is stored with it)");
        records::AttemptRecorder recorder(o.db);
        std::cout << recorder.record(o.student, o.record, result, "") << '\n';
        recorder.finish();
    }
    return kExitOk;
}

}  // namespace palpa::app
