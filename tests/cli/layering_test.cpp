// The architecture holds in the source: dependencies point one way (trainer -> engine ->
// libraries), the trainer never names a Vulkan or OpenXR type (it passes the engine's frames
// along) nor includes one through an engine header, and the scoring core and the engine's pure parts include no GPU, XR or window code.
// Comments and string literals are skipped: a comment may name XR_EXT_hand_tracking.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace palpa {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = PALPA_TEST_SOURCE;

// The code of a C++ file with its comments and the insides of its string and character
// literals blanked (line breaks kept, so that matches still have line numbers).
std::string codeOf(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n') ++i;
            out += '\n';
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            for (i += 2; i + 1 < text.size() && !(text[i] == '*' && text[i + 1] == '/'); ++i)
                if (text[i] == '\n') out += '\n';
            ++i;
        } else if (c == 'R' && i + 2 < text.size() && text[i + 1] == '"') {  // raw string R"(...)"
            const std::size_t open = text.find('(', i);
            const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
            const std::size_t end = text.find(close, open);
            for (std::size_t k = i; k < std::min(end, text.size()); ++k)
                if (text[k] == '\n') out += '\n';
            out += "\"\"";
            i = end == std::string::npos ? text.size() : end + close.size() - 1;
        } else if (c == '"' || c == '\'') {
            out += c;
            for (++i; i < text.size() && text[i] != c; ++i)
                if (text[i] == '\\') ++i;
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<fs::path> sources(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(kRoot / dir))
        if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".hpp")) out.push_back(e.path());
    return out;
}

// "file:line: match" for every match of `pattern` in the code of the files under `dir`.
std::vector<std::string> findings(const fs::path& dir, const std::regex& pattern) {
    std::vector<std::string> out;
    for (const fs::path& file : sources(dir)) {
        std::istringstream code(codeOf(file));
        std::string line;
        for (int n = 1; std::getline(code, line); ++n) {
            std::smatch m;
            if (std::regex_search(line, m, pattern))
                out.push_back(fs::relative(file, kRoot).string() + ":" + std::to_string(n) + ": " + m.str());
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += l + "\n";
    return s;
}

TEST(Layering, TheTrainerNamesNoVulkanOrOpenXrType) {
    const std::regex api(R"(\bVk[A-Z]\w*|\bVK_[A-Z0-9_]+|\bvk[A-Z]\w*\(|\bXr[A-Z]\w*|\bXR_[A-Z0-9_]+|\bxr[A-Z]\w*\(|#\s*include\s*<(vulkan|openxr)/)");
    ASSERT_GT(sources("trainer").size(), 50u);
    const auto found = findings("trainer", api);
    EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(Layering, TheEngineKnowsNothingOfTheTrainer) {
    const std::regex trainer(R"(#\s*include\s*"(app|anatomy|scoring|quiz|records|teaching|walkthrough|headset|techniques?)/)");
    const auto found = findings("engine", trainer);
    EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(Layering, TheScoringCoreAndTheEnginesPurePartsIncludeNoGpuXrOrWindow) {
    const std::regex system(R"(#\s*include\s*(<(vulkan|openxr|GLFW|imgui)|"(gpu|render|xr|platform)/))");
    for (const char* dir : {"trainer/scoring", "trainer/anatomy", "engine/core", "engine/scene", "engine/input"}) {
        const auto found = findings(dir, system);
        EXPECT_TRUE(found.empty()) << dir << ":\n" << joined(found);
    }
}

// Every trainer library and the app are compiled against the stand-ins for <vulkan/vulkan.h>
// and <openxr/openxr.h> that stop the build (third_party/no_graphics_api): so no engine header the
// trainer includes may expose either API. A new trainer target must join the list.
TEST(Layering, EveryTrainerTargetIsBuiltWithoutTheGraphicsApis) {
    std::string cmake;
    const auto add = [&cmake](const fs::path& file) {
        std::ifstream in(file);
        std::stringstream ss;
        ss << in.rdbuf();
        cmake += ss.str() + "\n";
    };
    add(kRoot / "CMakeLists.txt");  // where the stand-ins are put first (after the trainer's targets)
    for (const auto& e : fs::recursive_directory_iterator(kRoot / "trainer"))
        if (e.path().filename() == "CMakeLists.txt") add(e.path());
    std::smatch list;
    ASSERT_TRUE(std::regex_search(cmake, list, std::regex(R"(foreach\(target ([^)]*)\)\s*\n\s*target_include_directories\(\$\{target\} BEFORE PRIVATE [^)]*no_graphics_api\))")))
        << "CMakeLists.txt no longer puts no_graphics_api first on the trainer's include path";
    const std::string guarded = " " + list[1].str() + " ";
    const std::regex target(R"(add_(library|executable)\((\w+) (STATIC|app/))");
    int targets = 0;
    for (auto it = std::sregex_iterator(cmake.begin(), cmake.end(), target); it != std::sregex_iterator(); ++it, ++targets)
        EXPECT_NE(guarded.find(" " + (*it)[2].str() + " "), std::string::npos) << (*it)[2] << " is built without the stand-ins";
    EXPECT_GE(targets, 8);
    for (const char* header : {"vulkan/vulkan.h", "openxr/openxr.h"}) {
        std::ifstream in(kRoot / "third_party" / "no_graphics_api" / header);
        std::stringstream ss;
        ss << in.rdbuf();
        EXPECT_NE(ss.str().find("#error"), std::string::npos) << header;
    }
}

// The checker itself: it sees through comments and strings, and it does see code.
TEST(Layering, TheCheckerSkipsCommentsAndStringsOnly) {
    const fs::path probe = fs::temp_directory_path() / "palpa_layering_probe.cpp";
    std::ofstream(probe) << "// VkImage in a comment\nconst char* s = \"XR_EXT_hand_tracking\";\n/* VkBuffer\n */ VkCommandBuffer cb;\n";
    const std::string code = codeOf(probe);
    EXPECT_EQ(code.find("VkImage"), std::string::npos);
    EXPECT_EQ(code.find("XR_EXT"), std::string::npos);
    EXPECT_EQ(code.find("VkBuffer"), std::string::npos);
    EXPECT_NE(code.find("VkCommandBuffer cb;"), std::string::npos);
    fs::remove(probe);
}

}  // namespace
}  // namespace palpa
