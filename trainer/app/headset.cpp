#include "app/headset.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

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

    LivePractice practice(technique, *technique.default_patient, *side, xr::makeHandSource(*session));
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
            renderer.record(image->commands, desc, {image->image, image->view, image->extent}, image->slot);
        }
        session->endFrame(*frame, image);
        const double total = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        const xr::FrameWaits& w = session->lastWaits();
        stats.add(total - w.wait_frame_ms - w.wait_image_ms - w.gpu_ms, total, image.has_value());
        if (o.frames > 0 && ++frames == o.frames) session->requestExit();
    }
    stream.close();

    std::cout << "headset: session states:";
    for (xr::SessionState s : session->history()) std::cout << ' ' << xr::stateName(s);
    std::cout << "\nheadset: " << session->sessionsCreated() << " session(s), " << stats.frames() << " frames, "
              << practice.framesScored() << " hand frames scored live, " << guide.legLifts() << " leg lift(s), screening "
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
