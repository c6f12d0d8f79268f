// The HTML progress report: one standalone page. Styles are inline, the chart is inline SVG,
// and nothing is fetched: no scripts, fonts, images or links to anywhere.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "records/progress_report.hpp"
#include "records/report_format.hpp"

namespace palpa::records {
namespace {

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

constexpr const char* kStyle = R"(<style>
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 60em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
th { background: #eee; }
td.num { text-align: right; }
.passed { color: #1a7f37; } .failed { color: #b42318; }
svg text { font-size: 11px; fill: #444; }
</style>
)";

// Score (0-100) against time; x by time when the attempts span some, else by order.
std::string chart(const std::vector<AttemptRecord>& attempts) {
    constexpr double kW = 640, kH = 260, kLeft = 40, kRight = 20, kTop = 15, kBottom = 35;
    std::ostringstream svg;
    svg << "<svg width=\"" << kW << "\" height=\"" << kH << "\" viewBox=\"0 0 " << kW << ' ' << kH
        << "\" role=\"img\" aria-label=\"Score over time\">\n";
    const auto y = [&](double score) {
        return kTop + (100.0 - score) / 100.0 * (kH - kTop - kBottom);
    };
    for (int s = 0; s <= 100; s += 25)
        svg << "<line x1=\"" << kLeft << "\" x2=\"" << kW - kRight << "\" y1=\"" << fixed(y(s))
            << "\" y2=\"" << fixed(y(s)) << "\" stroke=\"#ddd\"/><text x=\"" << kLeft - 6
            << "\" y=\"" << fixed(y(s) + 4) << "\" text-anchor=\"end\">" << s << "</text>\n";
    if (attempts.empty()) {
        svg << "<text x=\"" << kW / 2 << "\" y=\"" << kH / 2
            << "\" text-anchor=\"middle\">no attempts yet</text>\n</svg>\n";
        return svg.str();
    }
    std::vector<double> times;
    for (const AttemptRecord& a : attempts) times.push_back(parseUtc(a.started_at).value_or(0));
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    const double span = *hi - *lo;
    const double plotW = kW - kLeft - kRight;
    std::vector<double> xs;
    for (size_t i = 0; i < attempts.size(); ++i) {
        double f = 0.5;
        if (span > 0)
            f = (times[i] - *lo) / span;
        else if (attempts.size() > 1)
            f = static_cast<double>(i) / static_cast<double>(attempts.size() - 1);
        xs.push_back(kLeft + 10 + f * (plotW - 20));
    }
    svg << "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"";
    for (size_t i = 0; i < attempts.size(); ++i)
        svg << (i ? " " : "") << fixed(xs[i]) << ',' << fixed(y(attempts[i].score));
    svg << "\"/>\n";
    for (size_t i = 0; i < attempts.size(); ++i) {
        const AttemptRecord& a = attempts[i];
        svg << "<circle cx=\"" << fixed(xs[i]) << "\" cy=\"" << fixed(y(a.score))
            << "\" r=\"4\" fill=\"" << (a.passed ? "#1a7f37" : "#b42318") << "\"><title>#" << a.id
            << ' ' << escape(a.started_at) << ": " << a.score << (a.passed ? " passed" : " failed")
            << "</title></circle>\n";
    }
    const auto date = [](const std::string& t) { return escape(t.substr(0, 10)); };
    svg << "<text x=\"" << kLeft << "\" y=\"" << kH - 10 << "\">"
        << date(attempts.front().started_at) << "</text><text x=\"" << kW - kRight << "\" y=\""
        << kH - 10 << "\" text-anchor=\"end\">" << date(attempts.back().started_at) << "</text>\n";
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace

std::string formatHtml(const Progress& p) {
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>palpa "
            "progress: "
         << escape(p.student) << "</title>\n"
         << kStyle << "</head>\n<body>\n<h1>Progress of " << escape(p.student) << "</h1>\n";
    const auto passed = std::count_if(p.attempts.begin(), p.attempts.end(),
                                      [](const AttemptRecord& a) { return a.passed; });
    html << "<p>" << p.attempts.size() << " attempt(s), " << passed
         << " passed. Store: " << escape(p.store) << ".</p>\n";

    html << "<h2>Score over time</h2>\n" << chart(p.attempts);

    html << "<h2>Attempts</h2>\n<table>\n<tr><th>#</th><th>started (UTC)</th><th>technique</th>"
            "<th>side</th><th>score</th><th>verdict</th><th>faults</th></tr>\n";
    for (const AttemptRecord& a : p.attempts) {
        std::string faults;
        for (const std::string& f : a.faults) faults += (faults.empty() ? "" : ", ") + f;
        html << "<tr><td class=\"num\">" << a.id << "</td><td>" << escape(a.started_at)
             << "</td><td>" << escape(a.technique) << "</td><td>" << escape(a.side)
             << "</td><td class=\"num\">" << a.score << "</td><td class=\""
             << (a.passed ? "passed\">passed" : "failed\">failed") << "</td><td>" << escape(faults)
             << "</td></tr>\n";
    }
    html << "</table>\n";

    html << "<h2>Faults by kind</h2>\n";
    const auto faults = faultCounts(p);
    if (faults.empty()) {
        html << "<p>No faults.</p>\n";
    } else {
        html << "<table>\n<tr><th>fault</th><th>attempts</th></tr>\n";
        for (const auto& [code, count] : faults)
            html << "<tr><td>" << escape(code) << "</td><td class=\"num\">" << count
                 << "</td></tr>\n";
        html << "</table>\n";
    }

    html << "<h2>Quiz results</h2>\n";
    if (p.quizzes.empty()) {
        html << "<p>No quizzes taken.</p>\n";
    } else {
        html << "<table>\n<tr><th>taken (UTC)</th><th>quiz</th><th>score</th><th>%</th></tr>\n";
        for (const QuizRecord& q : p.quizzes) {
            char score[64];
            std::snprintf(score, sizeof score, "%g / %g", q.score, q.max_score);
            html << "<tr><td>" << escape(q.taken_at) << "</td><td>" << escape(q.quiz)
                 << "</td><td class=\"num\">" << score << "</td><td class=\"num\">"
                 << (q.max_score > 0 ? fixed(100.0 * q.score / q.max_score) : "-")
                 << "</td></tr>\n";
        }
        html << "</table>\n";
    }

    html << "<h2>Walkthroughs completed</h2>\n";
    if (p.walkthroughs.empty()) {
        html << "<p>None yet.</p>\n";
    } else {
        html << "<table>\n<tr><th>completed (UTC)</th><th>walkthrough</th></tr>\n";
        for (const WalkthroughRecord& w : p.walkthroughs)
            html << "<tr><td>" << escape(w.completed_at) << "</td><td>" << escape(w.walkthrough)
                 << "</td></tr>\n";
        html << "</table>\n";
    }
    html << "</body>\n</html>\n";
    return html.str();
}

}  // namespace palpa::records
