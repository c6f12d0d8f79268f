// `palpa render`: draws the model headless (offscreen Vulkan; lavapipe needs no display) and
// writes PNG, one per eye with --stereo.
#include <iostream>

#include "app/commands.hpp"
#include "app/render_setup.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "render/offscreen.hpp"
#include "render/ui_overlay.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

namespace {
std::filesystem::path stereoName(const std::filesystem::path& out, const char* eye) {
    std::filesystem::path p = out;
    p.replace_filename(out.stem().string() + "_" + eye + out.extension().string());
    return p;
}

}  // namespace

std::vector<std::filesystem::path> renderToPng(const scene::Scene& scene, const RenderRequest& request,
                                               const std::filesystem::path& out) {
    if (request.width < 16 || request.height < 16 || request.width > 8192 || request.height > 8192)
        throw InputError("--width/--height", std::to_string(request.width) + "x" + std::to_string(request.height),
                         "expected 16 to 8192 pixels each way");
    const render::FrameDesc frame = makeFrame(request, scene);
    gpu::DeviceOptions options;
    options.validation = validationRequested();
    auto device = gpu::Device::create(options);
    log::debug("rendering on ", device->description());
    render::RenderConfig config;
    config.views = request.stereo ? 2 : 1;
    render::Renderer renderer(*device, scene, config);
    render::OffscreenTarget target(*device, {request.width, request.height}, config.views, config.colour_format);
    std::vector<render::Rgba8Image> pictures;
    if (!frame.labels.empty() && config.views == 1) {
        // Labels are drawn by Dear ImGui inside the pass (mono only: 2D text has no depth).
        render::UiOverlay ui(*device, renderer, 2, nullptr);
        ui.newFrame({request.width, request.height});
        ui.drawLabels(frame, {request.width, request.height});
        ui.endFrame();
        pictures = render::renderOffscreen(*device, renderer, frame, target);
    } else {
        if (!frame.labels.empty()) log::warn("labels are drawn in mono renders only; --stereo renders them without");
        pictures = render::renderOffscreen(*device, renderer, frame, target);
    }
    std::vector<std::filesystem::path> written;
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    if (request.stereo) {
        written = {stereoName(out, "left"), stereoName(out, "right")};
        render::writePng(written[0], pictures[0]);
        render::writePng(written[1], pictures[1]);
    } else {
        written = {out};
        render::writePng(out, pictures[0]);
    }
    device->waitIdle();
    if (!device->validationMessages().empty())
        throw Error(std::to_string(device->validationMessages().size()) + " Vulkan validation message(s) while rendering");
    return written;
}

void addRenderCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("render", "Render the model headless to PNG (offscreen Vulkan)");
    struct Args {
        std::string model, layerMap, out = "palpa.png";
        RenderRequest request;
    };
    auto a = std::make_shared<Args>();
    cmd->add_option("--model", a->model, "Model file (default: the bundled psoas-region model)");
    cmd->add_option("--layer-map", a->layerMap, "Layer-map JSON (default: beside the model)");
    cmd->add_option("--out,-o", a->out, "Output PNG (with --stereo: NAME_left.png and NAME_right.png)")->capture_default_str();
    cmd->add_option("--width", a->request.width, "Image width in pixels")->capture_default_str();
    cmd->add_option("--height", a->request.height, "Image height in pixels")->capture_default_str();
    cmd->add_option("--view", a->request.view, "Viewpoint: front, left, right, top or oblique")->capture_default_str();
    cmd->add_option("--layers", a->request.layers, "Layer opacities, e.g. skin=0.3,muscles_deep=1 (0 hides a layer)");
    cmd->add_flag("--xray", a->request.xray, "X-ray: ghost every structure but the highlighted one");
    cmd->add_flag("--whole", a->request.whole, "Frame the whole patient (default: the psoas region)");
    cmd->add_option("--leg-lift", a->request.leg_lift,
                    "Show the leg lift: left or right, optionally :FRACTION of full flexion (e.g. left:0.5)");
    cmd->add_option("--clip", a->request.clip, "Cut away where AXIS>METRES or AXIS<METRES holds, e.g. y>-0.06");
    cmd->add_option("--highlight", a->request.highlight, "Structure (mesh) to highlight, e.g. psoas_major_left");
    cmd->add_flag("--stereo", a->request.stereo, "Render both eyes in one multiview pass");
    cmd->add_flag("--labels", a->request.labels, "Label the landmarks and the highlighted structure");
    table.add(cmd, [a] {
        const std::filesystem::path model = a->model.empty() ? bundledModel() : std::filesystem::path(a->model);
        const scene::Scene scene = scene::loadScene(model, a->layerMap);
        for (const auto& p : renderToPng(scene, a->request, a->out)) std::cout << "wrote " << p.string() << '\n';
        return 0;
    });
}

}  // namespace palpa::app
