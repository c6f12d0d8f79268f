// Role: test helper that runs a command line (the palpa binary) and captures its exit code,
// stdout and stderr. Header-only; used by the CLI tests of every area.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace palpa::test {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;

    // Number of non-empty lines on stderr.
    int errLines() const {
        std::istringstream in(err);
        std::string line;
        int n = 0;
        while (std::getline(in, line))
            if (!line.empty()) ++n;
        return n;
    }
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `command` through the shell with stdin from /dev/null.
inline RunResult run(const std::string& command) {
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path();
    const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const auto out = dir / ("palpa_test_out_" + tag), err = dir / ("palpa_test_err_" + tag);
    const std::string full = command + " </dev/null >" + out.string() + " 2>" + err.string();
    const int status = std::system(full.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out);
    r.err = slurp(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return r;
}

// The palpa binary under test, quoted for the shell.
inline std::string palpa() { return std::string("'") + PALPA_BINARY + "'"; }

}  // namespace palpa::test
