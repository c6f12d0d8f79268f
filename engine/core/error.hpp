// Role: the error types every palpa layer throws at initialisation and on bad input.
// Errors carry plain strings; callers catch them in main() and map them to exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace palpa {

// A failure of the program or its environment (a device, a file that cannot be written).
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input from a user-supplied file: says which file, where in it, and what was expected.
// what() reads "FILE: PLACE: PROBLEM" (PLACE omitted when empty), always on one line.
class InputError : public Error {
public:
    InputError(std::string file, std::string place, std::string problem);

    const std::string& file() const noexcept { return file_; }
    const std::string& place() const noexcept { return place_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string file_;
    std::string place_;
    std::string problem_;
};

// Process exit codes shared by every palpa command.
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitBadInput = 2 };

}  // namespace palpa
