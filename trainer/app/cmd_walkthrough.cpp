// `palpa walkthrough`: an instructor's scripted anatomy tour. --render-steps renders every
// step headless to PNG (with its labels); without it the tour runs in the desktop window
// (arrow keys or N/P to move), or, with no display, its outline is printed.
#include <cstdio>
#include <iostream>

#include "platform/stop.hpp"
#include "records/settings.hpp"
#include "app/commands.hpp"
#include "app/render_setup.hpp"
#include "app/walkthrough_frame.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "platform/window.hpp"
#include "render/offscreen.hpp"
#include "render/ui_overlay.hpp"
#include "scene/loader.hpp"
#include "records/recorder.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {
namespace {

struct WalkArgs {
    std::string file, model, layerMap, renderDir;
    std::uint32_t width = 1280, height = 720;
    int frames = 0;
    std::string student, db;
};

void renderSteps(const walkthrough::Walkthrough& w, const scene::Scene& scene, const WalkArgs& a) {
    std::filesystem::create_directories(a.renderDir);
    gpu::DeviceOptions options;
    options.validation = validationRequested();
    auto device = gpu::Device::create(options);
    render::RenderConfig config;
    render::Renderer renderer(*device, scene, config);
    render::OffscreenTarget target(*device, {a.width, a.height}, 1, config.colour_format);
    render::UiOverlay ui(*device, renderer, 2, nullptr);
    const std::optional<std::uint32_t> enclosing = enclosingSkin(scene);
    for (std::size_t i = 0; i < w.steps.size() && !platform::stopRequested(); ++i) {
        const walkthrough::Step& step = w.steps[i];
        render::FrameDesc frame = stepFrame(step, scene, static_cast<float>(a.width), static_cast<float>(a.height));
        frame.enclosing_layer = enclosing;
        ui.newFrame({a.width, a.height});
        ui.drawLabels(frame, {a.width, a.height});
        ui.endFrame();
        char name[32];
        std::snprintf(name, sizeof name, "step-%02zu.png", i + 1);
        const std::filesystem::path out = std::filesystem::path(a.renderDir) / name;
        render::writePng(out, render::renderOffscreen(*device, renderer, frame, target)[0]);
        std::cout << "[" << i + 1 << "/" << w.steps.size() << "] " << step.title << " -> " << out.string() << std::endl;
    }
    device->waitIdle();
    if (!device->validationMessages().empty())
        throw Error(std::to_string(device->validationMessages().size()) + " Vulkan validation message(s) while rendering");
}

void printOutline(const walkthrough::Walkthrough& w) {
    std::cout << w.title << " (" << w.steps.size() << " steps)\n\n";
    for (std::size_t i = 0; i < w.steps.size(); ++i)
        std::cout << i + 1 << ". " << w.steps[i].title << "\n   " << w.steps[i].narration << "\n\n";
}

}  // namespace

void addWalkthroughCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("walkthrough", "Run an anatomy walkthrough, or render its steps headless");
    auto a = std::make_shared<WalkArgs>();
    cmd->add_option("file", a->file, "Walkthrough file (default: the bundled \"psoas and its neighbours\")");
    cmd->add_option("--render-steps", a->renderDir, "Render every step to DIR/step-NN.png (headless) and exit");
    cmd->add_option("--width", a->width, "Image width for --render-steps")->check(CLI::Range(16, 8192))->capture_default_str();
    cmd->add_option("--height", a->height, "Image height for --render-steps")->check(CLI::Range(16, 8192))->capture_default_str();
    cmd->add_option("--student,-s", a->student, "Record the walkthrough as completed by this student (when its last step is reached)");
    cmd->add_option("--db", a->db, "Progress store URL (default: $PALPA_DB, else the local SQLite store)");
    cmd->add_option("--frames", a->frames, "In the window: close after this many frames (0: when closed)");
    cmd->add_option("--model", a->model, "Model file (default: the bundled psoas-region model)");
    cmd->add_option("--layer-map", a->layerMap, "Layer-map JSON (default: beside the model)");
    table.add(cmd, [a] {
        a->student = records::studentOr(a->student);
        const std::filesystem::path file = a->file.empty() ? assetsDir() / "walkthroughs" / "psoas-and-neighbours.json" : std::filesystem::path(a->file);
        const walkthrough::Walkthrough w = walkthrough::loadWalkthrough(file);
        const std::filesystem::path model = a->model.empty() ? bundledModel() : std::filesystem::path(a->model);
        const scene::Scene scene = scene::loadScene(model, a->layerMap);
        walkthrough::check(w, scene);
        if (!a->renderDir.empty()) {
            renderSteps(w, scene, *a);
            return 0;
        }
        if (const std::string why = platform::whyNoDisplay(); !why.empty()) {
            log::info("no window (", why, "): printing the outline; --render-steps DIR renders the steps");
            printOutline(w);
            return 0;
        }
        std::size_t reached = 0;
        const int code = runDesktopTour(scene, w, a->frames, &reached);
        if (!a->student.empty() && reached + 1 >= w.steps.size()) {
            records::WalkthroughRecord record;
            record.student = a->student;
            record.walkthrough = w.id;
            std::cout << records::storeRecord(a->db, record) << '\n';
        }
        return code;
    });
}

}  // namespace palpa::app
