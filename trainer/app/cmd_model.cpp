// `palpa model generate`: regenerates the bundled psoas-region model (and variants by BMI).
#include <iostream>

#include "anatomy/generator.hpp"
#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

namespace palpa::app {

void addModelCommand(CLI::App& app, CommandTable& table) {
    auto* model = app.add_subcommand("model", "Generate the procedural anatomical model");
    model->require_subcommand(1);
    auto* gen = model->add_subcommand(
        "generate", "Write the layered psoas-region model (glTF 2 binary) from the generator");
    struct Args {
        std::string out;
        float bmi = 22.0f;
    };
    auto args = std::make_shared<Args>();
    gen->add_option("--out,-o", args->out, "Output .glb (default: the bundled model's path)");
    gen->add_option("--bmi", args->bmi, "Body-mass index: sets the soft-tissue thickness")
        ->check(CLI::Range(17.0f, 40.0f))
        ->capture_default_str();
    table.add(gen, [args] {
        const std::filesystem::path out = args->out.empty() ? bundledModel() : std::filesystem::path(args->out);
        log::info("generating the psoas-region model (BMI ", args->bmi, ") ...");
        anatomy::writePsoasRegion(out, {args->bmi});
        std::cout << "wrote " << out.string() << '\n';
        return 0;
    });
}

}  // namespace palpa::app
