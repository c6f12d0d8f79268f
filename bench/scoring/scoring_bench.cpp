// Scoring throughput (frames already parsed, one core) and JSONL parsing throughput; the
// patient built from the bundled model and a frame's queries on it.
// Targets: at least 300k frames/s scoring on the model's patient (issue 10; 1 M/s on the old
// skin grid, issue 4), at least 100 MB/s parsing, the patient built in at most 50 ms, a
// frame's work for two hands at most 20 us at p99.
#include <map>
#include <string>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "scene/loader.hpp"
#include "scoring/demo.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/scorer.hpp"

namespace {

using namespace palpa::scoring;

const Technique& technique() {
    static const Technique t =
        loadTechnique(std::string(PALPA_BENCH_ASSETS) + "/techniques/psoas-release.json");
    return t;
}

const palpa::scene::Scene& bundledScene() {
    static const palpa::scene::Scene s =
        palpa::scene::loadScene(std::string(PALPA_BENCH_ASSETS) + "/models/psoas-region.glb");
    return s;
}

const Patient& patient() {
    static const Patient p = Patient::fromScene(bundledScene());
    return p;
}

const Recording& recording(const char* scenario) {
    static std::map<std::string, Recording> cache;
    auto it = cache.find(scenario);
    if (it == cache.end())
        it = cache
                 .emplace(scenario, generateRecording(demoScenario(scenario), technique(),
                                                      patient()))
                 .first;
    return it->second;
}

// Feeds a whole attempt to the live scorer and judges it; items are frames.
void BM_ScoreFrames(benchmark::State& state, const char* scenario) {
    const Recording& rec = recording(scenario);
    Scorer scorer(technique(), patient(), rec.header.side);
    for (auto _ : state) {
        scorer.reset();
        for (const Frame& frame : rec.frames) benchmark::DoNotOptimize(scorer.push(frame));
        benchmark::DoNotOptimize(scorer.finish());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rec.frames.size()));
}
BENCHMARK_CAPTURE(BM_ScoreFrames, good_right_90hz, "good-right");
BENCHMARK_CAPTURE(BM_ScoreFrames, tracking_lost_60hz, "tracking-lost");
BENCHMARK_CAPTURE(BM_ScoreFrames, too_deep_120hz, "too-deep");

// Builds the patient (skin and vessel BVHs, body size) from the loaded bundled model.
void BM_BuildPatient(benchmark::State& state) {
    const palpa::scene::Scene& s = bundledScene();
    for (auto _ : state) benchmark::DoNotOptimize(Patient::fromScene(s));
    state.counters["skin_triangles"] = static_cast<double>(s.findLayer("skin") ? s.meshes[s.findLayer("skin")->meshes[0]].triangleCount() : 0);
}
BENCHMARK(BM_BuildPatient)->Unit(benchmark::kMillisecond);

// One frame's work for two hands (filters, skin depth of six joints a hand, vessel keep-out,
// the patient's response), timed frame by frame over a whole attempt: p50, p99 and max in us.
void BM_FrameLatency(benchmark::State& state, const char* scenario) {
    const Recording& rec = recording(scenario);
    Scorer scorer(technique(), patient(), rec.header.side);
    std::vector<double> us;
    us.reserve(rec.frames.size() * 8);
    for (auto _ : state) {
        scorer.reset();
        for (const Frame& frame : rec.frames) {
            const auto t0 = std::chrono::steady_clock::now();
            benchmark::DoNotOptimize(scorer.push(frame));
            us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        }
    }
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) { return us[static_cast<std::size_t>(q * static_cast<double>(us.size() - 1))]; };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["max_us"] = us.back();
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rec.frames.size()));
}
BENCHMARK_CAPTURE(BM_FrameLatency, good_left_30hz, "good-left");
BENCHMARK_CAPTURE(BM_FrameLatency, too_deep_120hz, "too-deep");

// Parses a JSONL recording held in memory; bytes are the text's.
void BM_ParseJsonl(benchmark::State& state, const char* scenario, int decimals) {
    const std::string text = formatRecording(recording(scenario), {decimals});
    for (auto _ : state) benchmark::DoNotOptimize(parseRecording(text, "bench"));
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
    state.counters["frames/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()) *
                               static_cast<double>(recording(scenario).frames.size()),
                           benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_ParseJsonl, good_right_3_decimals, "good-right", 3);
BENCHMARK_CAPTURE(BM_ParseJsonl, good_right_6_decimals, "good-right", 6);

// Writes a recording as JSONL text; bytes are the output's.
void BM_WriteJsonl(benchmark::State& state, const char* scenario) {
    const Recording& rec = recording(scenario);
    size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = formatRecording(rec, {6});
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK_CAPTURE(BM_WriteJsonl, good_right, "good-right");

}  // namespace
