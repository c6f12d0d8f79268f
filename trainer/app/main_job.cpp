// The main job: what `palpa` with no arguments does. It prints the bundled model's summary,
// then picks a mode and says why in one line: the headset where an OpenXR runtime answers
// (a headset that fails to start is reported in one line and the job falls back), else the
// desktop simulator where a display exists, else the headless demo (the model rendered to
// a PNG whose path it prints, and a bundled recording scored).
#include <iostream>

#include "app/commands.hpp"
#include "app/headset.hpp"
#include "app/model_summary.hpp"
#include "app/render_setup.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "platform/window.hpp"
#include "xr/runtime_probe.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

int runMainJob() {
    const std::filesystem::path model = bundledModel();
    const scene::Scene s = scene::loadScene(model, bundledLayerMap());
    printModelSummary(std::cout, model.string(), s);
    std::cout << '\n';
    xr::RuntimeProbe xrProbe = xr::probeRuntime();
    std::string noHeadset = xrProbe.why;
    if (xrProbe.available) {
        std::cout << "mode: headset (the OpenXR runtime " << xrProbe.runtime << " answered)\n";
        try {
            return runHeadset({}, std::move(xrProbe.instance));  // the probe's instance: one a run
        } catch (const InputError&) {
            throw;
        } catch (const Error& e) {
            noHeadset = std::string("the headset did not start: ") + e.what();
            std::cout << "palpa: " << noHeadset << "; falling back\n";
        }
    }
    const std::string noDisplay = platform::whyNoDisplay();
    if (noDisplay.empty()) {
        std::cout << "mode: desktop simulator (no headset: " << noHeadset << ")\n";
        return runSimulator(s, patientFromScene(s, model), {});
    }
    std::cout << "mode: headless demo (no headset: " << noHeadset << "; " << noDisplay << ")\n";
    RenderRequest request;
    request.view = "oblique";
    request.layers = "skin=0.25,abdominal_wall=0.35,viscera=0.5";
    request.highlight = "psoas_major_left";
    const std::filesystem::path out = std::filesystem::absolute("out/palpa-main.png");
    for (const auto& p : renderToPng(s, request, out)) std::cout << "rendered the model headless: " << p.string() << '\n';
    const std::filesystem::path demo = assetsDir() / "recordings" / "good-left.jsonl";
    std::cout << "\nscoring the bundled demo attempt " << demo.string() << ":\n";
    return scoreToStdout(demo);
}

}  // namespace palpa::app
