#include "app/commands.hpp"

#include <csignal>

#include "platform/stop.hpp"

#include <cstdio>
#include <optional>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "core/error.hpp"
#include "core/log.hpp"
#include "records/settings.hpp"
#include "records/sha256.hpp"
#include "scene/layer_map.hpp"
#include "scene/loader.hpp"
#include "anatomy/generator.hpp"

namespace palpa::app {

std::filesystem::path assetsDir() {
    if (const char* env = std::getenv("PALPA_ASSETS"); env && *env) return env;
    return PALPA_SOURCE_ASSETS;
}

namespace {
std::optional<float>& patientBmi() {
    static std::optional<float> bmi;
    return bmi;
}

// The generated patient for `--bmi N`, made once into the user's cache (the generator is
// deterministic: the same N gives the same model) beside a copy of the bundled layer map.
std::filesystem::path patientForBmi(float bmi) {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::filesystem::path dir = (cache && *cache ? std::filesystem::path(cache)
                                                       : std::filesystem::path(home && *home ? home : "/tmp") / ".cache") /
                                      "palpa" / "models";
    char name[64];
    std::snprintf(name, sizeof name, "patient-bmi%.1f", static_cast<double>(bmi));
    const std::filesystem::path glb = dir / (std::string(name) + ".glb");
    const std::filesystem::path map = dir / (std::string(name) + ".layers.json");
    if (std::filesystem::exists(glb) && std::filesystem::exists(map)) return glb;
    std::filesystem::create_directories(dir);
    log::info("generating the BMI ", bmi, " patient into ", glb.string(), " (once; a few seconds) ...");
    const std::filesystem::path tmp = dir / (std::string(name) + ".tmp.glb");
    anatomy::writePsoasRegion(tmp, {bmi});
    std::filesystem::copy_file(assetsDir() / "models" / "psoas-region.layers.json", map,
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(tmp, glb);
    return glb;
}
}  // namespace

std::optional<float> chosenBmi() {
    if (patientBmi()) return patientBmi();
    return records::loadSettings().bmi;
}
void choosePatientBmi(std::optional<float> bmi) { patientBmi() = bmi; }

std::string patientName(std::optional<float> bmi) {
    if (!bmi) return "bundled (BMI 22)";
    char text[32];
    std::snprintf(text, sizeof text, "BMI %.4g", static_cast<double>(*bmi));
    return text;
}

std::filesystem::path patientModel(std::optional<float> bmi) {
    return bmi ? patientForBmi(*bmi) : assetsDir() / "models" / "psoas-region.glb";
}

void rememberPatient(std::optional<float> bmi) {
    choosePatientBmi(bmi);
    records::Settings settings = records::loadSettings();
    settings.bmi = bmi;
    records::saveSettings(settings);
}

std::filesystem::path bundledModel() { return patientModel(chosenBmi()); }
std::filesystem::path bundledLayerMap() {
    if (chosenBmi()) return scene::layerMapBeside(bundledModel());
    return assetsDir() / "models" / "psoas-region.layers.json";
}

scoring::Patient patientFromScene(const scene::Scene& scene, const std::filesystem::path& model) {
    return scoring::Patient::fromScene(scene, {model.filename().string(), records::digestFile(model).sha256});
}

scoring::Patient loadPatient(const std::filesystem::path& model, const std::filesystem::path& layerMap) {
    const std::filesystem::path file = model.empty() ? bundledModel() : model;
    return patientFromScene(scene::loadScene(file, layerMap), file);
}

void warnOnOtherModel(const std::string& recording, const scoring::RecordingHeader& header,
                      const scoring::Patient& patient) {
    if (!header.model || header.model->sha256 == patient.identity().sha256) return;
    char body[96];
    std::snprintf(body, sizeof body, "waist %.0f cm", header.model->waist_cm);
    char now[96];
    std::snprintf(now, sizeof now, "waist %.0f cm", patient.body().waist_cm);
    log::warn(recording, " was recorded on ", header.model->file, " (", body, "), scoring it against ",
              patient.identity().file, " (", now, "): depths and distances are this model's");
}

namespace {
bool& validationFlag() {
    static bool flag = false;
    return flag;
}
}  // namespace

bool validationRequested() {
    const char* env = std::getenv("PALPA_VALIDATION");
    return validationFlag() || (env && std::string(env) == "1");
}

int runCli(int argc, char** argv) {
    CLI::App app{"palpa: VR anatomy and manual psoas release trainer.\n"
                 "With no subcommand, runs the main job (the model summary for now).",
                 "palpa"};
    app.set_version_flag("--version", std::string("palpa ") + PALPA_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough();  // --quiet is accepted after a subcommand too
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "Only print errors");
    app.add_flag("--validation", validationFlag(), "Enable the Vulkan validation layer (also PALPA_VALIDATION=1)");
    app.add_option("--bmi", patientBmi(),
                   "The patient's body-mass index (17-40; the bundled set: 20, 24, 30, 36): a generated patient of "
                   "that size replaces the bundled model wherever no --model is given")
        ->check(CLI::Range(17.0f, 40.0f));

    CommandTable table;
    addInfoCommand(app, table);
    addModelCommand(app, table);
    addRenderCommand(app, table);
    addDesktopCommand(app, table);
    addQuizCommand(app, table);
    addWalkthroughCommand(app, table);
    addXrCommand(app, table);
    addScoreCommand(app, table);
    addRecordingCommand(app, table);
    addRecordsCommands(app, table);
    addSettingsCommand(app, table);
    addTechniqueCommand(app, table);
    addClassCommand(app, table);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line, as every other refusal: where, what, and where to read more.
        std::string what = e.what();
        for (char& c : what)
            if (c == '\n') c = ' ';
        std::cerr << "palpa: error: " << (what.empty() ? e.get_name() : what) << " (see palpa --help)\n";
        return kExitBadInput;  // usage errors are bad input
    }
    if (quiet) log::setThreshold(log::Level::Error);
    // No password on a command line (a shell's history, `ps`): every --db given is checked.
    const std::function<void(CLI::App*)> noPasswords = [&](CLI::App* command) {
        if (const CLI::Option* db = command->get_option_no_throw("--db"); db && db->count() > 0)
            records::checkNoPassword(db->as<std::string>(), "--db");
        for (CLI::App* sub : command->get_subcommands()) noPasswords(sub);
    };
    try {
        noPasswords(&app);
    } catch (const InputError& e) {
        std::cerr << "palpa: error: " << e.what() << '\n';
        return kExitBadInput;
    }

    // Ctrl-C or SIGTERM: the command finishes as if asked to stop (what it did so far is
    // printed, recorded and stored), then palpa exits 130 or 143.
    platform::installStopHandlers();
    const auto stopped = [](int code) {
        if (!platform::stopRequested()) return code;
        std::cout.flush();
        std::cerr << "palpa: stopped by " << (platform::stopSignal() == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM") << '\n';
        return platform::stopExitStatus();
    };
    try {
        for (const auto& entry : table.entries)
            if (entry.command->parsed()) return stopped(entry.run());
        return stopped(runMainJob());
    } catch (const InputError& e) {
        std::cerr << "palpa: error: " << e.what() << '\n';
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "palpa: error: " << e.what() << '\n';
        return kExitFailure;
    }
}

}  // namespace palpa::app
