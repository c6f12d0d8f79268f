// `palpa info MODEL [--layer-map FILE]`: what a model holds, as palpa sees it.
#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "app/model_summary.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

void addInfoCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("info", "Print a model's layers, meshes, triangle counts, bounds and landmarks");
    auto model = std::make_shared<std::string>();
    auto layerMap = std::make_shared<std::string>();
    cmd->add_option("model", *model, "Model file (glTF/GLB, OBJ, FBX, DAE, ...); default: the bundled psoas-region model");
    cmd->add_option("--layer-map", *layerMap,
                    "Layer-map JSON (default: <model>.layers.json beside the model)");
    table.add(cmd, [model, layerMap] {
        const std::filesystem::path path = model->empty() ? bundledModel() : std::filesystem::path(*model);
        const scene::Scene s = scene::loadScene(path, *layerMap);
        printModelSummary(std::cout, path.string(), s);
        return 0;
    });
}

}  // namespace palpa::app
