// The main job: what `palpa` with no arguments does. For now, the bundled model's summary;
// later issues add the headless render, a scored demo attempt and the headset.
#include <iostream>

#include "app/commands.hpp"
#include "app/model_summary.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

int runMainJob() {
    const std::filesystem::path model = bundledModel();
    const scene::Scene s = scene::loadScene(model, bundledLayerMap());
    printModelSummary(std::cout, model.string(), s);
    return 0;
}

}  // namespace palpa::app
