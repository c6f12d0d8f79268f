#include "platform/stop.hpp"
#include "app/headset.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <optional>

#include <glm/gtc/matrix_transform.hpp>

#include "app/commands.hpp"
#include "app/headset_activity.hpp"
#include "app/headset_patient.hpp"
#include "app/headset_stats.hpp"
#include "app/render_setup.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "gpu/swapchain.hpp"
#include "headset/gestures.hpp"
#include "headset/panel_layout.hpp"
#include "headset/pulse.hpp"
#include "headset/table.hpp"
#include "platform/window.hpp"
#include "render/image.hpp"
#include "render/mirror.hpp"
#include "render/panel.hpp"
#include "render/renderer.hpp"
#include "scene/loader.hpp"
#include "xr/session.hpp"

namespace palpa::app {

namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<HeadsetActivity> makeActivity(const HeadsetOptions& o, const scene::Scene& scene) {
    if (!o.class_code.empty()) return makeClassActivity(o, scene);
    if (!o.walkthrough.empty()) return makeWalkthroughActivity(o, scene);
    if (!o.quiz.empty()) return makeQuizActivity(o, scene);
    return makePracticeActivity(o, scene);
}

}  // namespace

int runHeadset(const HeadsetOptions& o, std::shared_ptr<xr::RuntimeConnection> instance) {
    xr::SessionOptions so;
    so.validation = validationRequested();
    so.hand_tracking = o.hand_tracking;
    headset::TablePose table =
        o.table.empty() ? headset::TablePose{} : headset::parseTablePose(o.table);
    scene::Scene scene = scene::loadScene(
        o.model.empty() ? bundledModel() : std::filesystem::path(o.model), o.layer_map);
    // Bad input is reported before the headset starts: the layers, the tour, the quiz.
    parseLayers(o.layers, scene);
    std::unique_ptr<HeadsetActivity> activity = makeActivity(o, scene);
    // The bundled patients can be swapped from the panel before a practice begins.
    std::optional<PatientMenu> patients;
    if (o.model.empty() && o.class_code.empty()) patients.emplace(chosenBmi(), o.layer_map);

    // The instructor's mirror window, where a display exists (it needs surface extensions on
    // the Vulkan instance the runtime creates, so it opens first).
    std::unique_ptr<platform::Window> window;
    if (o.mirror && platform::whyNoDisplay().empty()) {
        window = std::make_unique<platform::Window>("palpa - headset mirror (left eye)", 960, 600);
        so.instance_extensions = platform::Window::requiredInstanceExtensions();
        so.device_extensions = platform::Window::requiredDeviceExtensions();
    }
    std::unique_ptr<xr::Session> session = xr::Session::create(so, std::move(instance));
    // LOCAL's origin is the eyes at the start, not the floor: the default table then sits
    // where the simulated and most real stages put it, 58 cm below and 50 cm ahead of the eyes.
    const bool local = session->spaceName() == "LOCAL";
    if (local && o.table.empty()) table.position = {0.0f, -0.58f, -0.50f};
    const float tableY = local ? 0.92f : table.position.y;
    headset::addTable(scene, tableY);
    headset::addRoom(scene, tableY);
    std::vector<render::LayerStyle> layers = parseLayers(o.layers, scene);
    std::optional<std::uint32_t> enclosing = enclosingSkin(scene);  // skip what the skin hides
    std::cout << "headset: " << session->runtimeName() << ", hands from "
              << (session->handTracking() ? "hand tracking"
                                          : "controllers (hands are simulated from the grip)")
              << ", " << session->eyeExtent().width << "x" << session->eyeExtent().height
              << " per eye, space " << session->spaceName() << ", table "
              << headset::formatTablePose(table) << '\n';
    if (!session->handTracking())
        std::cout << "headset: no hand tracking: your controllers drive simulated flat hands\n";
    session->setWorldFromSpace(glm::inverse(headset::spaceFromPatient(table)));
    int spaceChanges = session->spaceChanges();

    std::unique_ptr<input::HandSource> hands = xr::makeHandSource(*session);
    activity->handsFrom(hands->name());
    FrameStats stats;
    {  // GPU objects live in this scope: they go before the session's device does.
        std::unique_ptr<gpu::WindowTarget> mirrorTarget;
        // Whatever ends this scope (an error included): the GPU idle, the mirror's swapchain
        // and surface gone before the instance that made them.
        struct Teardown {
            xr::Session& session;
            std::unique_ptr<gpu::WindowTarget>& target;
            platform::Window* window;
            ~Teardown() {
                session.device().waitIdle();
                target.reset();
                if (window) window->destroySurface();
            }
        } teardown{*session, mirrorTarget, window.get()};
        std::unique_ptr<render::EyeMirror> mirror;
        if (window) {
            mirrorTarget = std::make_unique<gpu::WindowTarget>(
                session->device(), window->createSurface(session->device()),
                window->framebufferSize(), 2, /*vsync=*/false);
            mirror = std::make_unique<render::EyeMirror>(session->device(), session->eyeExtent(),
                                                         session->colourFormat());
            std::cout << "headset: mirroring the left eye in a desktop window\n";
        }
        const glm::uvec2 kPanelPixels = headset::kPanelPixels;
        const glm::mat4 panelPose =
            render::panelTransform(headset::kPanel.centre, headset::kPanel.right, headset::kPanel.up,
                                   headset::kPanel.width_m, headset::kPanel.height_m);
        const glm::vec2 panelPixels(kPanelPixels);

        std::array<headset::PinchDetector, 2> pinches;
        int frames = 0;
        bool exitAsked = false;
        headset::PulseBeats pulseBeats;
        for (;;) {  // once a patient: a new one rebuilds what draws it
            std::optional<PatientMenu::Loaded> next;
            {
                render::RenderConfig rc = render::RenderConfig::forXrSwapchain();
                rc.colour_format = session->colourFormat();
                rc.views = 2;
                rc.frames_in_flight = session->framesInFlight();
                render::Renderer renderer(session->device(), scene, rc);
                session->onSwapchainRebuilt([&renderer] { renderer.forgetTargets(); });
                render::Panel panel(session->device(), renderer, {kPanelPixels.x, kPanelPixels.y},
                                    session->framesInFlight());
                // Before the renderer and panel go: the GPU done with them, the session no longer
                // calling into the renderer.
                struct Quiesce {
                    xr::Session& session;
                    ~Quiesce() {
                        session.device().waitIdle();
                        session.onSwapchainRebuilt({});
                    }
                } quiesce{*session};
                while (!next && session->pollEvents()) {
                    // Ctrl-C or SIGTERM: end the session as the runtime expects (stopping, then
                    // exiting); the recording, the figures and the verdict so far follow.
                    if (platform::stopRequested() && !exitAsked) {
                        std::cout << "headset: stopping: asked the runtime to end the session" << std::endl;
                        session->requestExit();
                        exitAsked = true;
                    }
                    if (window && !window->poll() && !exitAsked) {
                        session->requestExit();  // closing the mirror ends the session
                        exitAsked = true;
                    }
                    const auto start = Clock::now();
                    const std::optional<xr::FrameInfo> frame = session->beginFrame();
                    if (!frame) continue;
                    HeadsetInput in;
                    in.t = frame->seconds;
                    if (auto polled = hands->poll(frame->seconds)) in.hands = *polled;
                    const xr::Buttons buttons = session->buttons();
                    std::optional<glm::vec2> pointer;
                    bool pressed = false;
                    for (int h = 0; h < 2; ++h) {
                        in.select[h] = buttons.select[h] || pinches[h].update(in.hands.hands[h]);
                        in.menu[h] = buttons.menu[h];
                        if (!in.hands.hands[h]) continue;
                        const glm::vec3 tip = (*in.hands.hands[h])[headset::kIndexTip].position;
                        if (const auto touch = headset::touchPanel(panelPose, panelPixels, tip);
                            touch && !pointer) {
                            pointer = touch->pixel;
                            pressed = touch->pressed;
                        }
                    }
                    if (session->spaceChanges() != spaceChanges) {  // the runtime recentred: the table stays in the room
                        spaceChanges = session->spaceChanges();
                        table = headset::tablePoseOf(glm::inverse(session->worldFromSpace()));
                        std::cout << "headset: the runtime recentred the play space; the table stays where it stood, now at "
                                  << headset::formatTablePose(table) << '\n';
                    }
                    if ((in.menu[0] || in.menu[1]) && frame->head) {
                        // Recentre: the patient in front of where the student looks now (play-space frame).
                        const glm::mat4 spaceFromWorld = glm::inverse(session->worldFromSpace());
                        const glm::vec3 head =
                            glm::vec3(spaceFromWorld * glm::vec4(frame->head->position, 1.0f));
                        const glm::vec3 fwd = glm::mat3(spaceFromWorld) *
                                              (frame->head->orientation * glm::vec3(0.0f, 0.0f, -1.0f));
                        table = headset::recentred(head, fwd);
                        session->setWorldFromSpace(glm::inverse(headset::spaceFromPatient(table)));
                        std::cout << "headset: recentred the table at " << headset::formatTablePose(table)
                                  << '\n';
                    }
                    activity->update(in);
                    // Controllers drive the hands: let the student feel the pulse under a thumb.
                    if (!session->handTracking()) {
                        const auto beat = pulseBeats.update(in.t, activity->pulse(), activity->heartRateBpm());
                        for (int h = 0; h < 2; ++h)
                            if (beat[static_cast<std::size_t>(h)])
                                session->vibrate(h, headset::PulseBeats::kAmplitude, headset::PulseBeats::kBeatSeconds);
                    }
                    panel.setPointer(pointer, pressed);
                    panel.newFrame(1.0f / 90.0f);
                    activity->drawPanel(kPanelPixels);
                    if (patients && activity->offersPatients()) patients->draw();
                    panel.endFrame();

                    std::optional<xr::FrameImage> image;
                    if (frame->render) image = session->acquireImage();
                    if (image) {
                        render::FrameDesc desc;
                        for (const xr::Eye& eye : frame->eyes)
                            desc.views.push_back({glm::inverse(xr::toMatrix(eye.pose)),
                                                  xr::projection(eye.fov, 0.03f, 20.0f),
                                                  eye.pose.position});
                        desc.layers = layers;
                        desc.enclosing_layer = enclosing;
                        activity->decorate(desc);
                        desc.hand_joints = o.hand_joints;
                        panel.place(panelPose, desc.views);
                        panel.recordTexture(*image);
                        renderer.record(*image, desc);
                        if (mirror) mirror->capture(*image, 0);
                    }
                    session->endFrame(*frame, image);
                    const double total =
                        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                    const xr::FrameWaits& w = session->lastWaits();
                    stats.add(total - w.total(), total, image.has_value());
                    ++frames;
                    if (!exitAsked && ((o.frames > 0 && frames >= o.frames) || activity->done())) {
                        session->requestExit();
                        exitAsked = true;
                    }
                    if (window) {
                        if (auto wf = mirrorTarget->begin(window->framebufferSize())) {
                            mirror->present(*wf);
                            mirrorTarget->end(*wf);
                        }
                    }
                    if (patients) next = patients->take(std::cout);
                }
            }
            if (!next) break;  // the session ended
            // Another patient: the activity starts again on it, with what draws it rebuilt.
            activity.reset();
            rememberPatient(next->bmi);
            scene = std::move(next->scene);
            activity = makeActivity(o, scene);
            activity->handsFrom(hands->name());
            headset::addTable(scene, tableY);
            headset::addRoom(scene, tableY);
            layers = parseLayers(o.layers, scene);
            enclosing = enclosingSkin(scene);
            std::cout << "headset: now the " << patientName(next->bmi) << " patient ("
                      << scene.triangleCount() << " triangles; kept in the settings for the next run)"
                      << std::endl;
        }
        if (mirrorTarget) {
            if (!o.mirror_screenshot.empty()) {
                render::writePng(o.mirror_screenshot, render::captureLast(*mirrorTarget));
                std::cout << "mirror screenshot: " << o.mirror_screenshot << '\n';
            }
        }
    }

    std::cout << "headset: session states:";
    for (xr::SessionState s : session->history()) std::cout << ' ' << xr::stateName(s);
    std::cout << "\nheadset: " << session->sessionsCreated() << " session(s), " << stats.frames()
              << " frames\n";
    if (o.stats)
        std::cout << stats.summary(scene.triangleCount(), session->eyeExtent().width,
                                   session->eyeExtent().height);
    if (!o.stats_json.empty()) stats.writeJson(o.stats_json);
    const std::vector<std::string> messages = session->device().validationMessages();
    const bool runtimeLost = session->runtimeLost();
    session.reset();
    if (!messages.empty())
        throw Error(std::to_string(messages.size()) +
                    " Vulkan validation message(s) in the headset session");
    const int code = activity->finish(std::cout);
    if (runtimeLost) {  // the attempt so far is kept; the run itself did not end as it should
        std::cerr << "palpa: the OpenXR runtime went away mid-session; what was done so far is kept\n";
        return kExitFailure;
    }
    return code;
}

}  // namespace palpa::app
