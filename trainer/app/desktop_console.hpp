// Role: the instructor's console in a desktop window (`palpa class start` or `class console`
// where a display exists): the model shows the class's step as the students see it, a panel
// lists the students live (unsafe ones flagged), and the keyboard alone moves the class: N, P
// or the arrows step, digits go to a step, K pauses, R releases or brings back, Q starts the
// class's quiz or brings back, a click on a structure points at it (U stops), E twice ends the
// class, Esc leaves it running.
#pragma once

#include <cstddef>
#include <string>

#include "classroom/console_link.hpp"
#include "platform/window.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

class DesktopConsole {
  public:
    DesktopConsole(classroom::ConsoleLink& link, const walkthrough::Walkthrough& tour) : link_(link), tour_(tour) {}

    // Each frame: the keys to commands, the students' panel drawn, the class's step into
    // `step`; returns the line for the tour panel. `leaving` once the class has ended.
    std::string frame(std::size_t& step, const platform::Input& in, bool& leaving);
    // A click on the model: point at that structure (the one pointed at: stop); null: nothing hit.
    void clicked(const std::string* mesh);
    const classroom::ConsoleLink::Snapshot& shown() const { return shown_; }

  private:
    void send(classroom::Command::Kind kind, int step = 0, const std::string& structure = "");

    classroom::ConsoleLink& link_;
    const walkthrough::Walkthrough& tour_;
    classroom::ConsoleLink::Snapshot shown_;
    std::vector<std::string> said_;  // the last lines said, for the panel
    bool confirmEnd_ = false;
};

// Runs the console window on a class until Esc, the window closing or the class ending.
int runDesktopConsole(const std::string& url, const std::string& code, bool stats, int frames);

}  // namespace palpa::app
