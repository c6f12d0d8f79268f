// Scoring throughput (frames already parsed, one core) and JSONL parsing throughput.
// Targets (issue 4): at least 1 million frames/s scoring, at least 100 MB/s parsing.
#include <map>
#include <string>

#include <benchmark/benchmark.h>

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

const Recording& recording(const char* scenario) {
    static std::map<std::string, Recording> cache;
    auto it = cache.find(scenario);
    if (it == cache.end())
        it = cache
                 .emplace(scenario, generateRecording(demoScenario(scenario), technique(),
                                                      *technique().default_patient))
                 .first;
    return it->second;
}

// Feeds a whole attempt to the live scorer and judges it; items are frames.
void BM_ScoreFrames(benchmark::State& state, const char* scenario) {
    const Recording& rec = recording(scenario);
    Scorer scorer(technique(), *technique().default_patient, rec.header.side);
    for (auto _ : state) {
        scorer.reset();
        for (const Frame& frame : rec.frames) benchmark::DoNotOptimize(scorer.push(frame));
        benchmark::DoNotOptimize(scorer.finish());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rec.frames.size()));
}
BENCHMARK_CAPTURE(BM_ScoreFrames, good_right_90hz, "good-right");
BENCHMARK_CAPTURE(BM_ScoreFrames, tracking_lost_60hz, "tracking-lost");

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
