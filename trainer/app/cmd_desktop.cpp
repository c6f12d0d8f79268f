// `palpa desktop`: the model in a window with an orbit camera and Dear ImGui panels.
#include <chrono>
#include <cmath>
#include <iostream>

#include "platform/stop.hpp"
#include "records/settings.hpp"
#include "app/commands.hpp"
#include <imgui.h>

#include "app/live_practice.hpp"
#include "records/recorder.hpp"
#include "records/store.hpp"
#include "scoring/jsonl.hpp"
#include "app/desktop_quiz.hpp"
#include "app/desktop_ui.hpp"
#include "render/camera.hpp"
#include "scene/bvh.hpp"
#include "app/render_setup.hpp"
#include "app/walkthrough_frame.hpp"
#include "app/desktop_class.hpp"
#include "app/desktop_console.hpp"
#include "headset/table.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "gpu/swapchain.hpp"
#include "platform/window.hpp"
#include "render/image.hpp"
#include "render/renderer.hpp"
#include "render/ui_overlay.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

namespace {

constexpr float kTableNavelHeight = 0.92f;  // m from the floor to the navel, as in the headset

// The tour panel: step title, narration and the buttons to move (a class's line instead when
// an instructor leads); returns the step change.
int drawTourPanel(const walkthrough::Walkthrough& tour, std::size_t step, const std::string& led) {
    int delta = 0;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + kPanelMargin, vp->Pos.y + vp->Size.y - kTourPanelHeight - kPanelMargin), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x - 2.0f * kPanelMargin, kTourPanelHeight), ImGuiCond_Always);
    ImGui::Begin(tour.title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    ImGui::Text("Step %zu of %zu: %s", step + 1, tour.steps.size(), tour.steps[step].title.c_str());
    ImGui::Separator();
    ImGui::TextWrapped("%s", tour.steps[step].narration.c_str());
    if (!led.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", led.c_str());
        ImGui::End();
        return 0;
    }
    if (ImGui::Button("< Previous")) delta = -1;
    ImGui::SameLine();
    if (ImGui::Button("Next >")) delta = 1;
    ImGui::SameLine();
    ImGui::TextDisabled("(arrow keys, N/P, space)");
    ImGui::End();
    return delta;
}

}  // namespace

int runDesktop(const scene::Scene& scene, int maxFrames) { return runDesktopSession(scene, DesktopMode{}, maxFrames); }

int runDesktopTour(const scene::Scene& scene, const walkthrough::Walkthrough& tour, int maxFrames, std::size_t* reached) {
    DesktopMode mode;
    mode.tour = &tour;
    mode.reached = reached;
    return runDesktopSession(scene, mode, maxFrames);
}

int runDesktopSession(const scene::Scene& model, DesktopMode mode, int maxFrames) {
    // The patient lies on a table, as in the headset, seen from beside the hip; a tour's steps
    // frame the body with their own named views instead.
    scene::Scene onTable = model;
    if (!mode.tour) headset::addTable(onTable, kTableNavelHeight);
    const scene::Scene& scene = onTable;
    const scene::TriangleBvh picker(scene);  // clicks and hovers pick through it
    std::optional<IdleBreathing> breathing;  // the tour's patient breathes quietly
    std::optional<double> liftFrom;          // when the practice's leg lift began (L)
    const LegLifts lifts(scene);             // the tour's and the practice's leg lifts
    static const walkthrough::Walkthrough kNoTour;
    const walkthrough::Walkthrough& tour = mode.tour ? *mode.tour : kNoTour;
    std::size_t* reached = mode.reached;
    if (const std::string why = platform::whyNoDisplay(); !why.empty())
        throw Error("cannot open the desktop window: " + why + "; `palpa render` draws headless");
    platform::Window window("palpa", 1280, 800);
    gpu::DeviceOptions options;
    options.validation = validationRequested();
    options.instance_extensions = platform::Window::requiredInstanceExtensions();
    options.device_extensions = platform::Window::requiredDeviceExtensions();
    options.hooks = platform::Window::presentHooks();
    auto device = gpu::Device::create(options);
    int code = 0;
    {
        gpu::WindowTarget target(*device, window.createSurface(*device), window.framebufferSize());
        render::RenderConfig config = render::RenderConfig::forPresenting();
        config.colour_format = target.format();
        config.frames_in_flight = target.framesInFlight();
        render::Renderer renderer(*device, scene, config);
        target.onRebuild([&renderer] { renderer.forgetTargets(); });
        render::UiOverlay ui(*device, renderer, target.imageCount(), window.handle());
        log::info("desktop window on ", device->description(), "; drag to orbit, right-drag to pan, wheel to zoom");

        DesktopState state;
        state.layers.resize(scene.layers.size());
        state.practice = mode.practice != nullptr;
        state.enclosing = enclosingSkin(scene);
        state.patient_menu = mode.patient_choice != nullptr;
        state.bmi = chosenBmi();
        {
        const auto fb = window.framebufferSize();
        const render::PixelRect region = modelRegion(static_cast<float>(fb.width), static_cast<float>(fb.height), false);
        const scene::Landmark* navel = model.findLandmark("umbilicus");
        state.orbit = render::bedside(focusBounds(model), navel ? navel->position : model.bounds().centre(), region.width() / region.height());
    }
        int frames = 0;
        std::size_t step = 0;
        const auto opened = std::chrono::steady_clock::now();
        // The practice's clock: wall time, or a fixed step a frame for scripted runs (the same
        // attempt however slow the machine).
        const auto practiceClock = [&] {
            return mode.fixed_step > 0.0 ? (frames + 1) * mode.fixed_step
                                         : std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
        };
        auto last = std::chrono::steady_clock::now();
        double frameMs = 0.0;
        bool leaving = false, confirmLeave = false;
        while (!leaving && window.poll() && (maxFrames <= 0 || frames < maxFrames)) {
            auto frame = target.begin(window.framebufferSize());
            if (!frame) {
                window.waitWhileMinimised();
                continue;
            }
            ui.newFrame(frame->extent);
            const platform::Input in = window.takeInput();
            if (platform::stopRequested()) leaving = true;  // Ctrl-C: closes as Esc does; the attempt is kept
            // Esc closes the window; in the middle of a practice attempt it asks first (the
            // attempt is judged and kept either way).
            for (int key : in.keys) {
                if (key == 'P' && mode.patient_choice) state.picked = nextPatient(state.bmi);  // the patient menu's next size
                if (key != platform::keys::kEscape) continue;
                const bool midAttempt = mode.practice && mode.practice->framesScored() > 0 && !mode.practice->result();
                if (!midAttempt || confirmLeave) leaving = true;
                else std::cout << "desktop: leave the practice? Esc again closes (the attempt is judged and kept)" << std::endl;
                confirmLeave = midAttempt;
            }
            // With a quiz, the simulator and the practice serve its practical items only.
            const bool practical = !mode.practice_for_quiz || (mode.quiz && mode.quiz->practicalWaiting());
            LivePractice* practice = practical ? mode.practice : nullptr;
            SimulatorControl* simulator = practical ? mode.simulator : nullptr;
            if (!ui.wantsMouse() && tour.steps.empty() && !simulator) {
                state.orbit.yaw += static_cast<float>(in.drag_x) * 0.008f;
                state.orbit.pitch = std::clamp(state.orbit.pitch + static_cast<float>(in.drag_y) * 0.008f, -1.5f, 1.5f);
                state.orbit.distance = std::clamp(state.orbit.distance * std::pow(0.9f, static_cast<float>(in.scroll)), 0.1f, 5.0f);
            }
            state.status = device->description() + "  |  " + std::to_string(static_cast<int>(frameMs * 10) / 10.0).substr(0, 4) + " ms/frame";
            PanelColumn right = rightColumn(static_cast<float>(frame->extent.width), static_cast<float>(frame->extent.height));
            render::FrameDesc desc;
            if (tour.steps.empty()) {
                drawDesktopUi(scene, state);
                if (state.picked && mode.patient_choice) {  // closes as Esc does; the caller opens the new patient
                    *mode.patient_choice = *state.picked;
                    leaving = true;
                }
                desc = desktopFrame(scene, state, static_cast<float>(frame->extent.width), static_cast<float>(frame->extent.height));
                if (simulator) {
                    // Left-drag places the thumbs on the belly (mirrored), the wheel presses,
                    // S switches the side worked, R restarts, F judges the attempt now.
                    // A press held this frame, or a click pressed and released within it (queued:
                    // no click is lost on a slow frame).
                    if ((in.left_held || in.clicked) && !ui.wantsMouse()) {
                        const double px = in.left_held ? in.cursor_x : in.click_x, py = in.left_held ? in.cursor_y : in.click_y;
                        std::vector<bool> skinOnly(scene.layers.size(), false);
                        if (const scene::Layer* skin = scene.findLayer("skin")) skinOnly[static_cast<std::size_t>(skin - scene.layers.data())] = true;
                        const auto hit = scene::pick(scene, picker, render::pixelRay(desc.views[0], static_cast<float>(px), static_cast<float>(py),
                                                                             static_cast<float>(frame->extent.width), static_cast<float>(frame->extent.height)),
                                                     skinOnly);
                        if (hit) simulator->placeBoth(hit->point);
                    }
                    simulator->hands->setDepth(simulator->hands->depth() + 0.0025f * static_cast<float>(in.scroll));
                    for (int key : in.keys) {
                        if (key == 'S') practice->restart(practice->worked() == scoring::Side::Left ? scoring::Side::Right : scoring::Side::Left);
                        if (key == 'R') practice->restart(practice->worked());
                        if (key == 'F') practice->finishNow();
                        const float tilt = key == platform::keys::kUp ? 5.0f : key == platform::keys::kDown ? -5.0f : 0.0f;
                        const float turn = key == 'Q' ? -10.0f : key == 'E' ? 10.0f : 0.0f;
                        if (tilt != 0.0f || turn != 0.0f || key == 'C') {
                            simulator->tilt_deg = key == 'C' ? 0.0f : std::clamp(simulator->tilt_deg + tilt, -60.0f, 40.0f);
                            simulator->turn_deg = key == 'C' ? 0.0f : std::clamp(simulator->turn_deg + turn, -90.0f, 90.0f);
                            simulator->replace();
                        }
                        if (key == platform::keys::kF1 || key == platform::keys::kSlash) state.show_help = !state.show_help;
                        if (key == 'G') state.guides = !state.guides;
                        if (key == 'H') simulator->setHidden(!simulator->hidden());
                        if (key == 'L') {  // the patient lifts the worked leg
                            liftFrom = practiceClock();
                            std::cout << "practice: the patient lifts the "
                                      << (practice->worked() == scoring::Side::Left ? "left" : "right") << " leg\n"
                                      << std::flush;
                        }
                    }
                    if (state.show_help) drawSimulatorHelp(*simulator);
                    state.orbit.yaw += static_cast<float>(in.pan_x) * 0.008f;
                    state.orbit.pitch = std::clamp(state.orbit.pitch + static_cast<float>(in.pan_y) * 0.008f, -1.5f, 1.5f);
                }
                if (confirmLeave) {
                    const ImGuiIO& io = ImGui::GetIO();
                    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
                    ImGui::Begin("Leave the practice?", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
                    ImGui::TextUnformatted("Press Esc again to close: the attempt is judged and kept.");
                    if (ImGui::Button("Keep practising")) confirmLeave = false;
                    ImGui::End();
                }
                if (practice) {
                    practice->update(practiceClock());
                    if (mode.link) mode.link->report(&practice->state(), leaving);
                    if (!mode.quiz) practice->draw(right);
                    practice->addHands(desc);
                    if (state.guides) practice->addGuides(desc);
                    practice->addPatient(desc, scene);
                    // L: one leg lift of the worked side (raised 2 s, held 3 s, lowered 2 s).
                    if (liftFrom && practiceClock() - *liftFrom < 7.0)
                        lifts.add(practice->worked() == scoring::Side::Left, liftCycle(practiceClock() - *liftFrom), desc);
                }
                if (mode.quiz) {
                    if (mode.link && !practice) mode.link->report(nullptr, leaving);
                    mode.quiz->draw(&right);
                    if (practice) practice->draw(right);
                    // The item's layers go to the panel (its checkboxes show them), then to the frame.
                    mode.quiz->syncLayers(scene, state.layers);
                    desc.layers = state.layers;
                    if (in.clicked && !ui.wantsMouse() && mode.quiz->wantsPick()) {
                        std::vector<bool> visible;
                        for (std::size_t l = 0; l < desc.layers.size(); ++l)
                            visible.push_back(desc.layers[l].visible && desc.layers[l].opacity > 0.05f && scene.layers[l].name != "table");
                        const auto hit = scene::pick(scene, picker, render::pixelRay(desc.views[0], static_cast<float>(in.click_x), static_cast<float>(in.click_y),
                                                                             static_cast<float>(frame->extent.width), static_cast<float>(frame->extent.height)),
                                                     visible);
                        mode.quiz->picked(hit ? &scene.meshes[hit->mesh] : nullptr);
                    }
                    if (const quiz::Item* item = mode.quiz->practicalWaiting(); item && practice) {
                        const auto side = scoring::parseSide(item->side).value_or(scoring::Side::Left);
                        if (side != practice->worked()) practice->restart(side);
                        const scoring::LiveState& live = practice->state();
                        mode.quiz->setLiveStatus(std::string(scoring::phaseName(live.phase)) + ", hold " +
                                                 std::to_string(static_cast<int>(live.hold_s)) + " s (place with the mouse, F or the button judges)");
                        if (mode.quiz->takeJudgeRequest()) practice->finishNow();
                        if (const auto& r = practice->result()) {
                            mode.quiz->answerPractical(r->score, r->passed);
                            practice->restart(side);
                        }
                    }
                }
            } else {
                const std::string led = mode.link      ? mode.link->follow(step, leaving)
                                        : mode.console ? mode.console->frame(step, in, leaving)
                                                       : std::string();
                const int delta = led.empty() ? in.step + drawTourPanel(tour, step, led) : drawTourPanel(tour, step, led);
                step = static_cast<std::size_t>(std::clamp<long>(static_cast<long>(step) + delta, 0, static_cast<long>(tour.steps.size()) - 1));
                const float w = static_cast<float>(frame->extent.width), h = static_cast<float>(frame->extent.height);
                const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
                desc = stepFrame(tour.steps[step], scene, w, h, modelRegion(w, h, true), liftCycle(seconds), &lifts);
                desc.enclosing_layer = state.enclosing;
                if (!breathing) breathing.emplace(scene, scoring::Patient::fromScene(scene));
                breathing->add(seconds, desc);
                if (reached) *reached = std::max(*reached, step);
                if (mode.link) mode.link->decorate(scene, seconds, desc);
                if (mode.console) {
                    addPointed(scene, mode.console->shown().cls.pointed, seconds, desc);
                    if (in.clicked && !ui.wantsMouse()) {  // point at the structure clicked
                        std::vector<bool> visible;
                        for (std::size_t l = 0; l < scene.layers.size(); ++l)
                            visible.push_back(l >= desc.layers.size() || (desc.layers[l].visible && desc.layers[l].opacity > 0.05f));
                        const auto hit = scene::pick(scene, picker, render::pixelRay(desc.views[0], static_cast<float>(in.click_x), static_cast<float>(in.click_y), w, h), visible);
                        mode.console->clicked(hit ? &scene.meshes[hit->mesh].name : nullptr);
                    }
                }
            }
            ui.drawLabels(desc, frame->extent);
            ui.endFrame();
            desc.hand_joints = mode.hand_joints;
            renderer.record(*frame, desc);
            if (!target.end(*frame)) {
                code = kExitFailure;
                break;
            }
            ++frames;
            const auto now = std::chrono::steady_clock::now();
            frameMs = 0.9 * frameMs + 0.1 * std::chrono::duration<double, std::milli>(now - last).count();
            last = now;
        }
        device->waitIdle();
        std::cout << "desktop: " << frames << " frames\n";
        if (!mode.screenshot.empty()) {
            const render::Rgba8Image shot = render::captureLast(target);
            if (!shot.pixels.empty()) {
                render::writePng(mode.screenshot, shot);
                std::cout << "screenshot: " << mode.screenshot << '\n';
            }
        }
    }
    window.destroySurface();
    if (!device->validationMessages().empty())
        throw Error(std::to_string(device->validationMessages().size()) + " Vulkan validation message(s) in the desktop window");
    return code;
}

int runSimulator(const scene::Scene& scene, const scoring::Patient& patient, const SimulatorOptions& o) {
    const scoring::Technique technique = scoring::loadTechnique(assetsDir() / "techniques" / "psoas-release.json");
    auto hands = std::make_unique<input::HandSimulator>();
    SimulatorControl control(hands.get(), patient, technique);
    control.tilt_deg = o.tilt_deg;
    control.turn_deg = o.turn_deg;
    if (o.place.size() == 3) {
        control.placeBoth({o.place[0], 0.0f, o.place[1]});
        hands->setDepth(o.place[2]);
    }
    LivePractice practice(technique, control.patient, o.side == "right" ? scoring::Side::Right : scoring::Side::Left, std::move(hands));
    practice.narrate(true);
    practice.setHelp("left-drag: place | wheel: press | Up/Down: tilt | Q/E: turn | F1: help");
    // Every judged attempt is written and stored for the student before the next one starts.
    std::optional<records::AttemptRecorder> recorder;
    if (!o.student.empty()) recorder.emplace(o.db);
    int judged = 0;
    practice.onJudged([&](const scoring::Result& result, const scoring::Recording& recording) {
        std::filesystem::path path = o.record;
        if (path.empty()) {
            std::string stamp = records::nowUtc();
            std::replace(stamp.begin(), stamp.end(), ':', '-');
            path = records::dataDir() / "attempts" / ("practice-" + stamp + ".jsonl");
        } else if (judged > 0) {
            path.replace_filename(path.stem().string() + "-" + std::to_string(judged + 1) + path.extension().string());
        }
        ++judged;
        if (!recorder && o.record.empty()) return;
        std::filesystem::create_directories(path.parent_path().empty() ? "." : path.parent_path());
        scoring::writeRecording(path, recording);
        std::cout << "recorded the attempt: " << path.string() << '\n';
        if (recorder) std::cout << recorder->record(o.student, path, result, "", o.link ? o.link->shown().code : "") << '\n';
    });
    DesktopMode mode;
    mode.practice = &practice;
    mode.simulator = &control;
    mode.screenshot = o.screenshot;
    mode.fixed_step = o.fixed_step;
    mode.hand_joints = o.hand_joints;
    mode.patient_choice = o.patient_choice;
    mode.link = o.link;
    const int code = runDesktopSession(scene, mode, o.frames);
    practice.finishNow();
    std::cout << "simulator: " << practice.framesScored() << " frames scored live; "
              << (practice.result()->passed ? "PASSED" : "NOT PASSED") << ", score " << practice.result()->score << '\n';
    if (recorder) recorder->finish();
    return code;
}

int runDesktopQuiz(const scene::Scene& scene, const scoring::Patient& patient, quiz::Quiz q, const SimulatorOptions& o,
                   std::uint64_t seed) {
    DesktopQuiz quiz(std::move(q), seed);
    // Practical items are performed live with the mouse hand simulator.
    const scoring::Technique technique = scoring::loadTechnique(assetsDir() / "techniques" / "psoas-release.json");
    auto hands = std::make_unique<input::HandSimulator>();
    SimulatorControl control(hands.get(), patient, technique);
    if (o.place.size() == 3) {
        control.placeBoth({o.place[0], 0.0f, o.place[1]});
        hands->setDepth(o.place[2]);
    }
    LivePractice practice(technique, control.patient, scoring::Side::Left, std::move(hands));
    practice.setHelp("left-drag: place | wheel: press | Up/Down: tilt | Q/E: turn | F: judge | F1: help");
    DesktopMode mode;
    mode.quiz = &quiz;
    mode.practice = &practice;
    mode.simulator = &control;
    mode.practice_for_quiz = true;
    mode.fixed_step = o.fixed_step;
    mode.screenshot = o.screenshot;
    mode.hand_joints = o.hand_joints;
    mode.link = o.link;
    quiz.setLiveStatus("");
    const int code = runDesktopSession(scene, mode, o.frames);
    if (quiz.practicalWaiting()) std::cout << "quiz: practical item in progress: " << practice.framesScored() << " frames scored live\n";
    std::cout << "quiz: " << quiz.result().correct() << "/" << quiz.result().asked() << " right" << std::endl;
    // Kept before anything else starts (the class's next mode, another run).
    if (!o.student.empty() && quiz.result().asked() > 0)
        std::cout << storeQuizResult(o.student, o.db, quiz.result(), o.link ? o.link->shown().code : "") << std::endl;
    return code;
}

namespace {

struct DesktopArgs {
    std::string model, layerMap, quiz, student, db, replay, screenshot, record, side = "left", classCode;
    bool simulate = false, handJoints = false;
    std::vector<float> place;
    float tilt = 0.0f, turn = 0.0f;
    double fixedStep = 0.0;
    int frames = 0;
    std::uint64_t seed = 0;
    double speed = 1.0;
};

// What the simulator, a class or a quiz take from the command line.
SimulatorOptions simulatorOptions(const DesktopArgs& a) {
    SimulatorOptions o;
    o.hand_joints = a.handJoints;
    o.side = a.side;
    o.frames = a.frames;
    o.record = a.record;
    o.screenshot = a.screenshot;
    o.place = a.place;
    o.tilt_deg = a.tilt;
    o.turn_deg = a.turn;
    o.fixed_step = a.fixedStep;
    o.student = a.student;
    o.db = a.db;
    return o;
}

}  // namespace

void addDesktopCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("desktop", "Open the model in a desktop window (orbit camera, layer and structure panels)");
    auto a = std::make_shared<DesktopArgs>();
    cmd->add_option("--model", a->model, "Model file (default: the bundled psoas-region model)");
    cmd->add_option("--layer-map", a->layerMap, "Layer-map JSON (default: beside the model)");
    cmd->add_option("--frames", a->frames, "Close after this many frames (0: run until the window closes)");
    cmd->add_option("--screenshot", a->screenshot, "Save the last frame shown as PNG when the window closes");
    cmd->add_flag("--simulate", a->simulate, "Practise with mouse-driven hands: left-drag places the thumbs, the wheel presses along the ideal line, Up/Down tilt the press, Q/E turn the hands, F1 shows every control");
    cmd->add_option("--side", a->side, "The patient's side worked with --simulate: left or right")->check(CLI::IsMember({"left", "right"}))->capture_default_str();
    cmd->add_option("--record", a->record, "Write the practice attempt (simulated or replayed) as a JSONL recording when the window closes");
    cmd->add_option("--place", a->place, "With --simulate: start with the thumbs at X Z (metres) pressed D deep, e.g. --place -0.015 0.02 0.03")->expected(3);
    cmd->add_option("--tilt", a->tilt, "With --simulate: start with the press tilted this many degrees from the ideal line (+ toward the pelvis, - straight in)")->check(CLI::Range(-60.0, 40.0));
    cmd->add_option("--turn", a->turn, "With --simulate: start with the hands turned this many degrees from the fan toward the pelvis")->check(CLI::Range(-90.0, 90.0));
    cmd->add_option("--fixed-step", a->fixedStep, "With --simulate or a quiz's practical items: advance the practice's clock this many seconds a frame instead of by the wall clock (scripted runs, tests)")->check(CLI::Range(0.001, 1.0));
    cmd->add_flag("--hand-joints", a->handJoints, "Draw the tracked hands as joints and bones instead of hand meshes (debugging)");
    cmd->add_option("--replay", a->replay, "Replay a hand recording with live scoring, hands tinted by the feedback");
    cmd->add_option("--replay-speed", a->speed, "Replay speed (2 = twice as fast)")->check(CLI::Range(0.05, 100.0))->capture_default_str();
    cmd->add_option("--quiz", a->quiz, "Play a quiz in the window (point-at-structure items by clicking the model)");
    cmd->add_option("--seed", a->seed, "Quiz order seed");
    cmd->add_option("--student,-s", a->student, "Store every judged practice attempt (--simulate) or the quiz result for this student");
    cmd->add_option("--db", a->db, "Progress store URL (default: $PALPA_DB, else the local SQLite store)");
    cmd->add_option("--class", a->classCode, "Join an instructor's class with its join code (palpa class start): the tour follows the instructor, the simulator's practice runs while released, the class's quiz plays when the instructor starts it");
    table.add(cmd, [a] {
        a->student = records::studentOr(a->student);
        if (!a->classCode.empty()) {
            if (a->student.empty()) throw InputError("--student", "", "the name of the student who joins the class");
            if (!a->quiz.empty() || !a->replay.empty()) throw InputError("--class", a->classCode, "join a class, or play a quiz or a replay, not both");
            classroom::ClassLink link({a->db.empty() ? records::defaultStoreUrl() : a->db, a->classCode, a->student, 4.0});
            const records::ClassRecord joined = link.current();
            std::cout << "class: joined " << joined.code << " \"" << joined.title << "\" led by " << joined.instructor << " as " << a->student << std::endl;
            const std::filesystem::path model = a->model.empty() ? bundledModel() : std::filesystem::path(a->model);
            const scene::Scene scene = scene::loadScene(model, a->layerMap);
            return runDesktopClass(scene, patientFromScene(scene, model), link, simulatorOptions(*a));
        }
        // Exploring or practising on the bundled patients, the window offers the other sizes.
        const bool patientMenu = a->model.empty() && a->replay.empty() && a->quiz.empty();
        for (;;) {
            PatientChoice choice;
            const std::filesystem::path model = a->model.empty() ? bundledModel() : std::filesystem::path(a->model);
            const scene::Scene scene = scene::loadScene(model, a->layerMap);
            DesktopMode mode;
            mode.screenshot = a->screenshot;
            mode.hand_joints = a->handJoints;
            mode.patient_choice = patientMenu ? &choice : nullptr;
            const auto reopen = [&choice] {
                if (!choice.chosen) return false;
                rememberPatient(choice.bmi);
                std::cout << "desktop: opening the " << (choice.bmi ? "BMI " + std::to_string(static_cast<int>(std::lround(*choice.bmi))) : std::string("bundled"))
                          << " patient (kept in the settings for the next run)" << std::endl;
                return true;
            };
            if (a->simulate) {
                SimulatorOptions options = simulatorOptions(*a);
                options.patient_choice = mode.patient_choice;
                const int code = runSimulator(scene, patientFromScene(scene, model), options);
                if (reopen()) continue;
                return code;
            }
            if (!a->replay.empty()) {
                ScoringInputs in = loadScoringInputs(a->replay);
                in.patient = patientFromScene(scene, model);  // the model shown is the one measured
                warnOnOtherModel(a->replay, in.recording.header, in.patient);
                std::vector<input::HandFrame> frames;
                for (const scoring::Frame& f : in.recording.frames) frames.push_back({f.t, f.hands});
                LivePractice practice(in.technique, in.patient, in.recording.header.side,
                                         input::makeReplaySource(std::move(frames), a->speed));
                mode.practice = &practice;
                const int code = runDesktopSession(scene, mode, a->frames);
                std::cout << "replay: " << practice.framesScored() << " frames scored live";
                if (const auto& r = practice.result())
                    std::cout << "; " << (r->passed ? "PASSED" : "NOT PASSED") << ", score " << r->score;
                std::cout << '\n';
                if (!a->record.empty()) {
                    scoring::writeRecording(a->record, practice.recorded());
                    std::cout << "recorded the attempt: " << a->record << '\n';
                }
                return code;
            }
            if (a->quiz.empty()) {
                const int code = runDesktopSession(scene, mode, a->frames);
                if (reopen()) continue;
                return code;
            }
            return runDesktopQuiz(scene, patientFromScene(scene, model), quiz::loadQuiz(a->quiz), simulatorOptions(*a), a->seed);
        }
    });
}

}  // namespace palpa::app
