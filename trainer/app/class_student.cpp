// A student following a class without a window or headset: every change of the class is
// printed as it arrives (with how long it took), the live state is reported a few times a
// second, and when the class is released to practise a recording is replayed in real time
// (or faster) through the live scorer, then judged and stored with the class's code; when the
// instructor starts the class's quiz it is asked at the terminal and stored with that code.
#include <chrono>
#include <iostream>
#include <thread>

#include "app/class_console.hpp"
#include "app/commands.hpp"
#include "classroom/class_link.hpp"
#include "core/error.hpp"
#include "platform/stop.hpp"
#include "records/pending.hpp"
#include "records/recorder.hpp"
#include "records/store.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/scorer.hpp"
#include "scoring/technique.hpp"

namespace palpa::app {

namespace {
using Clock = std::chrono::steady_clock;

// A recording replayed through the live scorer at its own pace (times `speed`).
class Replay {
  public:
    Replay(const std::string& path, double speed)
        : path_(path), recording_(scoring::readRecording(path)), speed_(speed),
          technique_(scoring::loadTechnique(assetsDir() / "techniques" /
                                            ((recording_.header.technique.empty() ? std::string("psoas-release")
                                                                                  : recording_.header.technique) + ".json"))),
          scorer_(technique_, loadPatient(), recording_.header.side) {}

    // Feeds the frames due by now; true once every frame is in.
    bool advance() {
        const double t = std::chrono::duration<double>(Clock::now() - start_).count() * speed_;
        const double t0 = recording_.frames.empty() ? 0.0 : recording_.frames.front().t;
        while (next_ < recording_.frames.size() && recording_.frames[next_].t - t0 <= t)
            scorer_.push(recording_.frames[next_++]);
        return next_ >= recording_.frames.size();
    }
    const scoring::LiveState& state() const { return scorer_.state(); }
    scoring::Result finish() const { return scorer_.finish(); }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    scoring::Recording recording_;
    double speed_;
    scoring::Technique technique_;
    scoring::Scorer scorer_;
    std::size_t next_ = 0;
    Clock::time_point start_ = Clock::now();
};
}  // namespace

int runHeadlessStudent(const StudentOptions& o) {
    if (o.student.empty()) throw InputError("--student", "", "the name of the student who joins");
    classroom::ClassLink link({o.url, o.code, o.student, o.report_hz});
    records::ClassRecord shown = link.current();
    const walkthrough::Walkthrough tour = classTour(shown);
    std::cout << "class: joined " << shown.code << " \"" << shown.title << "\" led by " << shown.instructor
              << " as " << o.student << "; " << describeChange(records::ClassRecord{}, shown, tour) << std::endl;
    (void)link.changed();
    std::optional<Replay> replay;
    std::optional<records::AttemptRecorder> recorder;
    bool replayed = o.replay.empty();
    bool quizzed = false;  // the class's quiz taken since the instructor started it
    classroom::LiveState live;
    bool wasConnected = true;
    while (!platform::stopRequested()) {
        if (std::optional<records::ClassRecord> now = link.changed()) {
            const std::string said = describeChange(shown, *now, tour);
            if (!said.empty())
                std::cout << "class: " << said << " (v" << now->version << ", after " << static_cast<int>(link.lastLatencyMs())
                          << " ms)" << std::endl;
            shown = *now;
            if (shown.mode == records::ClassMode::Ended) break;
        }
        if (link.connected() != wasConnected) {
            wasConnected = link.connected();
            std::cout << "class: " << (wasConnected ? "connected again; caught up at step " + std::to_string(shown.step + 1)
                                                    : "connection lost (" + link.problem() + "); trying again")
                      << std::endl;
        }
        if (!replayed && shown.mode == records::ClassMode::Practice && !replay) {
            replay.emplace(o.replay, o.replay_speed);
            std::cout << "class: practising with " << o.replay << std::endl;
        }
        if (shown.mode != records::ClassMode::Quiz) quizzed = false;
        if (shown.mode == records::ClassMode::Quiz && !quizzed && !replay) {
            // Asked here, at the terminal; the console sees "quiz" meanwhile.
            quizzed = true;
            const std::optional<int> last = live.last_score;
            live = classroom::LiveState{};
            live.activity = "quiz";
            live.last_score = last;
            link.setLive(live);
            TerminalQuiz asked;
            asked.seed = o.quiz_seed.value_or(static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()));
            asked.student = o.student;
            asked.db = o.url;
            asked.class_code = shown.code;
            const quiz::QuizResult result = askQuiz(classQuiz(shown), asked, std::cin, std::cout);
            std::cout << "class: quiz done: " << result.correct() << "/" << result.asked() << " right" << std::endl;
            continue;
        }
        if (replay) {
            const bool done = replay->advance();
            const std::optional<int> last = live.last_score;
            live = classroom::liveFromScorer(replay->state());
            live.last_score = last;
            if (done) {
                const scoring::Result result = replay->finish();
                if (!recorder) recorder.emplace(o.url);
                std::cout << "class: attempt judged: score " << result.score << (result.passed ? ", passed" : ", not passed")
                          << "; " << recorder->record(o.student, replay->path(), result, "", shown.code) << std::endl;
                live = classroom::LiveState{};
                live.last_score = result.score;
                replay.reset();
                replayed = true;
            }
        } else {
            live.activity = shown.mode == records::ClassMode::Practice ? "practice"
                            : shown.mode == records::ClassMode::Quiz   ? "quiz"
                                                                       : "tour";
        }
        link.setLive(live);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::cout << "class: left " << shown.code << " at step " << shown.step + 1 << "/" << tour.steps.size()
              << (shown.mode == records::ClassMode::Ended ? " (the class ended)" : "") << std::endl;
    if (recorder) {
        try {
            recorder->finish();
        } catch (const Error&) {
            // Kept in the pending folder while the database was away (a restart, a cut): it is
            // back (the link reconnected), so they are stored now; if not, they stay pending.
            const int stored = records::flushPending(*records::openStore(o.url, false), true);
            std::cout << "class: stored " << stored << " attempt(s) kept while the database was away" << std::endl;
        }
    }
    return platform::stopRequested() ? platform::stopExitStatus() : kExitOk;
}

}  // namespace palpa::app
