// `palpa recording generate`: writes the synthetic demo recordings (scripted attempts, good and
// faulty, with tracking noise and dropouts) used by the tests and for trying `palpa score`.
#include <iostream>

#include "platform/stop.hpp"
#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "scoring/demo.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/technique.hpp"

namespace palpa::app {

void addRecordingCommand(CLI::App& app, CommandTable& table) {
    auto* recording = app.add_subcommand("recording", "Hand recordings");
    recording->require_subcommand(1);
    auto* gen = recording->add_subcommand(
        "generate", "Write demo recordings (default: the bundled ones into assets/recordings)");
    struct Args {
        std::vector<std::string> names;
        std::string out;
        std::string technique;
        std::string model, layer_map;
        bool all = false;
        bool list = false;
    };
    auto args = std::make_shared<Args>();
    gen->add_option("scenario", args->names, "Scenario names (see --list)");
    gen->add_flag("--all", args->all, "Every scenario, not only the bundled ones");
    gen->add_flag("--list", args->list, "List the scenarios and exit");
    gen->add_option("--out,-o", args->out,
                    "Output folder (default: the bundled recordings folder)");
    gen->add_option("--technique,-t", args->technique,
                    "Technique whose targets place the hands (default: psoas-release)");
    gen->add_option("--model,-m", args->model, "Model the hands are placed on (default: the bundled model)");
    gen->add_option("--layer-map", args->layer_map, "Layer map of --model (default: beside it)");
    table.add(gen, [args] {
        const auto scenarios = scoring::demoScenarios();
        if (args->list) {
            for (const auto& s : scenarios)
                std::cout << s.name << (s.bundled ? " (bundled)" : "") << ": " << s.description
                          << '\n';
            return 0;
        }
        const std::filesystem::path technique_path =
            args->technique.empty() ? assetsDir() / "techniques" / "psoas-release.json"
                                    : std::filesystem::path(args->technique);
        const scoring::Technique technique = scoring::loadTechnique(technique_path);
        const scoring::Patient patient = loadPatient(args->model, args->layer_map);
        const std::filesystem::path out =
            args->out.empty() ? assetsDir() / "recordings" : std::filesystem::path(args->out);
        std::filesystem::create_directories(out);
        std::vector<scoring::Scenario> chosen;
        for (const auto& s : scenarios)
            if (args->all || (args->names.empty() && s.bundled)) chosen.push_back(s);
        for (const auto& name : args->names) chosen.push_back(scoring::demoScenario(name));
        for (const auto& s : chosen) {
            if (platform::stopRequested()) break;
            log::info("generating ", s.name, " (", s.description, ") ...");
            const scoring::Recording rec =
                scoring::generateRecording(s, technique, patient);
            const std::filesystem::path path = out / (s.name + ".jsonl");
            scoring::writeRecording(path, rec, {scoring::kDemoDecimals});
            std::cout << "wrote " << path.string() << '\n';
        }
        return 0;
    });
}

}  // namespace palpa::app
