// `palpa technique`: the techniques palpa knows (`list`) and a technique file checked against
// a model (`check`): one line per problem naming the file, the place and what was expected,
// exit 2 when there is any (docs/technique-format.md, "Checking a technique").
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "core/error.hpp"
#include "scoring/scorer.hpp"
#include "scoring/technique.hpp"
#include "scoring/technique_check.hpp"

namespace palpa::app {

namespace {

int listTechniques() {
    const std::filesystem::path dir = assetsDir() / "techniques";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::printf("%-22s %-8s %-6s %s\n", "id", "targets", "hands", "name");
    int bad = 0;
    for (const auto& file : files) {
        try {
            const scoring::Technique t = scoring::loadTechnique(file);
            std::printf("%-22s %-8zu %-6d %s\n", t.id.c_str(), t.targets.size(), t.required_hands, t.name.c_str());
        } catch (const InputError& e) {
            std::printf("%-22s (unreadable: %s)\n", file.stem().string().c_str(), e.what());
            ++bad;
        }
    }
    std::cout << files.size() << " technique(s) in " << dir.string() << "; `palpa technique check FILE` checks one against the model"
              << std::endl;
    return bad > 0 ? kExitBadInput : kExitOk;
}

int checkTechniqueFile(const std::string& file, const std::string& model, const std::string& layerMap) {
    scoring::Technique technique;
    try {
        technique = scoring::loadTechnique(file);
    } catch (const InputError& e) {  // the file's own form: the loader stops at the first problem
        std::cout << e.what() << "\ntechnique check: 1 problem (the file must read before it is checked against a model)" << std::endl;
        return kExitBadInput;
    }
    const std::filesystem::path modelFile = model.empty() ? bundledModel() : std::filesystem::path(model);
    const scoring::Patient patient = loadPatient(modelFile, layerMap);
    const scoring::TechniqueCheck check = scoring::checkTechnique(technique, patient);
    for (const scoring::TechniqueProblem& p : check.problems) std::cout << p.line() << '\n';
    if (!check.problems.empty()) {
        std::cout << "technique check: " << check.problems.size() << " problem(s) in " << file << " against "
                  << modelFile.filename().string() << std::endl;
        return kExitBadInput;
    }
    char clearance[64] = "";
    if (check.min_vessel_clearance > 0)
        std::snprintf(clearance, sizeof clearance, ", the nearest %.1f cm from a vessel", check.min_vessel_clearance * 100.0);
    std::cout << "technique check: " << technique.id << " (" << file << ") against " << modelFile.filename().string() << ": ok; "
              << check.targets << " target(s) on the skin for either side worked" << clearance << ", every landmark found, "
              << scoring::liveCueKeys().size() << " live cues with texts" << std::endl;
    return kExitOk;
}

}  // namespace

void addTechniqueCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand("technique", "List the techniques, or check a technique file against a model");
    cmd->require_subcommand(1);
    auto* list = cmd->add_subcommand("list", "The bundled techniques: id, targets, hands and name");
    table.add(list, [] { return listTechniques(); });

    struct Args {
        std::string file, model, layerMap;
    };
    auto a = std::make_shared<Args>();
    auto* check = cmd->add_subcommand(
        "check", "Check a technique against a model: its landmarks exist, its targets lie on the skin (clear of the vessels where it "
                 "asks) for either side worked, the vessels its safety rules need exist, its bands are in order and every live cue has a "
                 "text; one line per problem, exit 2 when there is any");
    check->add_option("file", a->file, "The technique file (JSON, docs/technique-format.md)")->required();
    check->add_option("--model", a->model, "The model to check it against (default: the patient in the settings, else the bundled one)");
    check->add_option("--layer-map", a->layerMap, "Layer-map JSON (default: beside the model)");
    table.add(check, [a] { return checkTechniqueFile(a->file, a->model, a->layerMap); });
}

}  // namespace palpa::app
