// The palpa executable: everything lives in the CLI library so tests can drive it too.
#include "app/commands.hpp"

int main(int argc, char** argv) { return palpa::app::runCli(argc, argv); }
