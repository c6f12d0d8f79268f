// The README's commands as written, run after its first command's build: from a folder laid
// out like the checkout (build/ is this build, assets/ the source's), every command that needs
// no placeholder filled in, no display and no headset, and the headset-free try on the
// simulated OpenXR runtime, which must end on its own with a verdict and the eyes' pictures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.hpp"

namespace palpa {
namespace {

namespace fs = std::filesystem;

// The shell commands of the README's ```sh blocks, continuation lines joined, comments cut.
std::vector<std::string> readmeCommands() {
    std::ifstream in(PALPA_TEST_SOURCE "/README.md");
    std::vector<std::string> out;
    std::string line, command;
    bool inBlock = false;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            inBlock = !inBlock && line == "```sh";
            continue;
        }
        if (!inBlock) continue;
        if (const auto hash = line.find("  #"); hash != std::string::npos) line.resize(hash);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        const bool continued = !line.empty() && line.back() == '\\';
        if (continued) line.pop_back();
        command += line;
        if (!continued) {
            if (!command.empty()) out.push_back(command);
            command.clear();
        }
    }
    return out;
}

// A folder like the checkout: build -> this build, assets -> the source's assets.
fs::path checkoutLike(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("palpa_readme_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_directory_symlink(fs::path(PALPA_BINARY).parent_path().parent_path(), dir / "build");
    fs::create_directory_symlink(PALPA_TEST_SOURCE "/assets", dir / "assets");
    return dir;
}

bool needsSomethingMissing(const std::string& c) {
    // A placeholder to fill in, a window, a headset, the set-up scripts (CI runs those itself).
    for (const char* marker : {"[", "NAME", "MODEL", "FILE", "DIR", " desktop", " xr", "scripts/", "sudo"})
        if (c.find(marker) != std::string::npos) return true;
    return false;
}

TEST(Readme, EveryCommandWithoutPlaceholdersRunsAsWritten) {
    const std::vector<std::string> commands = readmeCommands();
    ASSERT_GT(commands.size(), 10u);
    const fs::path dir = checkoutLike("commands");
    int ran = 0;
    for (const std::string& c : commands) {
        if (c.rfind("build/trainer/palpa", 0) != 0 || needsSomethingMissing(c)) continue;
        const auto r = test::run("cd '" + dir.string() + "' && env -u DISPLAY -u WAYLAND_DISPLAY XDG_DATA_HOME='" +
                                 (dir / "data").string() + "' " + c + " </dev/null");
        EXPECT_EQ(r.exit_code, 0) << c << "\n" << r.out << r.err;
        ++ran;
    }
    EXPECT_GE(ran, 3) << "--help, the main job, records sync";
    fs::remove_all(dir);
}

TEST(Readme, TheHeadsetFreeTryEndsWithAVerdictAndPictures) {
    std::string tryIt;
    for (const std::string& c : readmeCommands())
        if (c.rfind("XR_RUNTIME_JSON=build/", 0) == 0) tryIt = c;
    ASSERT_FALSE(tryIt.empty()) << "the README shows the simulated runtime's try";
    const fs::path dir = checkoutLike("try");
    const auto r = test::run("cd '" + dir.string() + "' && env -u DISPLAY -u WAYLAND_DISPLAY " + tryIt);
    ASSERT_EQ(r.exit_code, 0) << tryIt << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("Verdict:   PASSED"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("app-side CPU per frame"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(dir / "out" / "frame-600-left.png"));
    EXPECT_TRUE(fs::exists(dir / "out" / "frame-600-right.png"));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace palpa
