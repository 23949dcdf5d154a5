// SPDX-License-Identifier: MIT
#include "Cli.h"

#include "CliArgs.h"
#include "Commands.h"

#include "engine/Fields.h"
#include "project/Project.h"

#include <exception>
#include <functional>

namespace headroom::cli {

namespace {

constexpr OptionSpec kJson{"--json", "", "print JSON (the contract's shape) instead of a table"};
constexpr OptionSpec kScenario{"--scenario", "NAME", "apply the model's named scenario first"};
constexpr OptionSpec kMultiplier{"--multiplier", "X", "multiply every rate_rps (or users) by X (default 1)"};
constexpr OptionSpec kTarget{"--target-utilization", "U", "utilization to plan for, 0 < U <= 1 (default 0.7)"};
constexpr OptionSpec kFrom{"--from", "A", "first multiplier of the range (default 1)"};
constexpr OptionSpec kTo{"--to", "B", "last multiplier of the range (default 10)"};
constexpr OptionSpec kSteps{"--steps", "N", "number of multipliers, both ends included (default 10)"};

struct Command {
    CommandSpec spec;
    std::function<void(const CliArgs&, CliRun&)> run;
    std::size_t positionals = 1; ///< file arguments: MODEL, or IN and OUT
    std::size_t optionalPositionals = 0; ///< more that may follow (measure FILE [FILE2])
};

const std::vector<Command>& commands()
{
    static const std::vector<Command> list{
        {{"validate", "validate MODEL", "Check a model against the contract; print nothing if it is valid.",
          "Every problem is reported on its own 'error:' line naming the component and field. "
          "Warnings (ignored fields) go to stderr as 'warning:' lines.",
          {}},
         runValidate},
        {{"solve", "solve MODEL [--multiplier X] [--scenario NAME] [--json]",
          "Solve the queueing model: every component's load, waits, response percentiles and headroom.",
          "Without --json, prints aligned tables; with it, the result JSON of the contract (section 6).",
          {kMultiplier, kScenario, kJson}},
         runSolve},
        {{"sweep", "sweep MODEL [--from A] [--to B] [--steps N] [--scenario NAME] [--json]",
          "Solve at N traffic multipliers from A to B and summarise each.", "",
          {kFrom, kTo, kSteps, kScenario, kJson}},
         runSweep},
        {{"plan", "plan MODEL --multiplier X [--target-utilization U] [--scenario NAME] [--json]",
          "The smallest instance count (and pool size) per component that keeps it at or under U at X, "
          "with the monthly cost before and after.",
          "Plans for the offered load: a tier that sheds load is not counted as coping.",
          {kMultiplier, kTarget, kScenario, kJson}},
         runPlan},
        {{"tenx", "tenx MODEL [--multiplier X] [--target-utilization U] [--scenario NAME] [--json]",
          "The 10x question: what saturates first and in what order at X (default 10), what it takes to survive, "
          "the cost, and the N+1 check.",
          "saturates_at is each component's headroom multiplier at the model's own rates.",
          {{"--multiplier", "X", "the traffic multiplier to ask about (default 10)"}, kTarget, kScenario, kJson}},
         runTenX},
        {{"pool", "pool MODEL --from A --to D [--max-size N] [--target-wait P] [--multiplier X] [--json]",
          "Size the connection pool on the link A -> D: wait against pool size, the recommended size, the per-node "
          "connection budget, and the response with and without the pool.",
          "",
          {{"--from", "A", "the component that holds the pool"},
           {"--to", "D", "the database it connects to"},
           {"--max-size", "N", "largest pool size charted (default: 4 times the smallest stable size)"},
           {"--target-wait", "P", "acceptable chance of waiting for a connection (default 0.05)"},
           kMultiplier, kScenario, kJson}},
         runPool},
        {{"lag", "lag MODEL --replica R [--from A] [--to B] [--steps N] [--json]",
          "Replica lag against the traffic multiplier, where the apply thread saturates, and the chance of a stale "
          "read against the time since the write.",
          "",
          {{"--replica", "R", "the read replica to examine"}, kFrom, kTo, kSteps, kScenario, kJson}},
         runLag},
        {{"shed", "shed MODEL --component C [--capacity K] [--timeout-ms T] [--from A] [--to B] [--steps N] [--json]",
          "Load shedding: goodput, rejected share and response against offered load, with a bounded queue and "
          "without one, counting only answers within the client timeout.",
          "Without a bound, past saturation every request times out and goodput is 0; with one, the excess is "
          "rejected at once and goodput stays flat.",
          {{"--component", "C", "the station to bound"},
           {"--capacity", "K", "requests one instance may hold (default: its capacity, else recommended)"},
           {"--timeout-ms", "T", "client timeout in ms (default 1000)"},
           kFrom, kTo, kSteps, kScenario, kJson}},
         runShed},
        {{"advise",
          "advise MODEL [--multiplier X] [--target-utilization U] [--target-wait P] [--lag-threshold-ms T] "
          "[--scenario NAME] [--json]",
          "The playbook advisor: the stage the architecture is at, what saturates, waits, lags or is over-built at "
          "X (default 10), and the verified change that fixes each finding, with its cost.",
          "Every recommendation was applied to a copy of the model and re-solved at X: it is shown only if the "
          "finding is gone, with the figures before and after. With --json, the contract's shape (section 8) "
          "plus each change as a list of model edits. Closed workloads get the stage and the stateful, "
          "connections and over-engineering checks.",
          {{"--multiplier", "X", "the traffic multiplier to plan for (default 10)"},
           kTarget,
           {"--target-wait", "P", "acceptable chance of waiting for a pooled connection (default 0.05)"},
           {"--lag-threshold-ms", "T", "replica lag (p99) above this is a finding (default 1000)"},
           kScenario, kJson}},
         runAdvise},
        {{"simulate",
          "simulate MODEL [--multiplier X] [--scenario NAME] [--replications R] [--duration-s T] [--warmup-s W] "
          "[--seed N] [--confidence P] [--profile FILE] [--bucket-s B] [--threads N] [--json]",
          "Simulate the model (discrete events) and put each figure beside its formula: the simulated mean, its "
          "confidence interval and whether the formula agrees.",
          "R independent replications (default 10), each with a warm-up of W seconds that is discarded, then T "
          "seconds measured (default: long enough for 100,000 requests; W = T / 10). The interval is Student's t "
          "at P (default 0.95) over the replications. A verdict is 'agrees' when the formula's value is inside the "
          "interval or within 1% of the mean. The same seed gives the same numbers on any machine and with any "
          "number of threads; two scenarios run with one seed see the same arrivals. With --profile (or a "
          "\"profile\" in the model file) the traffic follows the profile's multiplier over time from an empty "
          "system, and --json adds the timeline per bucket and each overloaded component's drain time. Exit "
          "status 2 for a bad option or profile, and for a run that would need more than 2 GiB of memory.",
          {kMultiplier, kScenario,
           {"--replications", "R", "independent replications, 2 to 1000 (default 10)"},
           {"--duration-s", "T", "simulated seconds measured per replication (default: 100,000 requests)"},
           {"--warmup-s", "W", "simulated seconds discarded first (default T / 10)"},
           {"--seed", "N", "random seed, 0 to 2^53 (default 1)"},
           {"--confidence", "P", "confidence of the intervals, 0 < P < 1 (default 0.95)"},
           {"--profile", "FILE", "a load profile {\"points\": [[time_s, multiplier], ...]}: load over time"},
           {"--bucket-s", "B", "timeline bucket with a profile (default: 200 buckets over the run)"},
           {"--threads", "N", "worker threads (default: one per core); the numbers do not depend on it"},
           kJson}},
         runSimulate},
        {{"convert", "convert IN OUT",
          "Convert a JSON model to a .headroom project or back (the format follows OUT's extension).",
          "IN is read as a project when it is one (by its SQLite header, whatever its name), else as JSON, and "
          "must pass validation. OUT (.json or .headroom) is written whole or not at all, and must not be IN. "
          "JSON -> project -> JSON gives the same JSON; a project's settings and view state have no place in "
          "JSON, so converting a project to JSON leaves them out and says so on stderr. Exit status 2 when IN "
          "cannot be read or OUT cannot be written.",
          {}},
         runConvert, 2},
        {{"report", "report MODEL -o OUT [--scenario NAME] [--multiplier X] [--planning-multiplier P] "
                    "[--target-utilization U]",
          "Write the capacity report (OUT.pdf, OUT.html), the results table (OUT.csv) or the diagram (OUT.svg, "
          "OUT.png).",
          "The format follows OUT's extension. The report has a title page, an executive summary (what breaks "
          "first, what surviving 10x takes and costs, N+1), the diagram coloured by utilization, a table per "
          "component, the 10x chart, pool, replica lag and load shedding sections where the model has them, the "
          "advisor's findings, the assumptions and the warnings. MODEL may be .json or .headroom. Drawn offscreen: "
          "no display is needed. OUT is written whole or not at all. Exit status 2 for an invalid model or "
          "scenario, an unknown extension or an OUT that cannot be written, and when headroom-cli was built "
          "without the GUI (no report support).",
          {{"-o", "OUT", "the file to write: .pdf, .html, .csv, .svg or .png"},
           kScenario,
           {"--multiplier", "X", "the traffic the report is taken at, times today's (default 1)"},
           {"--planning-multiplier", "P", "the growth the report plans for, times the report's traffic (default: "
                                          "the project's, or 10 for a JSON model)"},
           {"--target-utilization", "U", "utilization to plan for, 0 < U <= 1 (default: the project's, or 0.7)"}}},
         runReport},
        {{"measure", "measure FILE [FILE2] [--interval-s T] [--json]",
          "Read what a running system reports (PgBouncer, pg_stat_replication, pgbench, Prometheus, k6, JMeter) "
          "and print the figures calibration uses.",
          "The format is recognised by the content, never by the file name; columns are found by their header "
          "names. Two snapshots of SHOW STATS or of a Prometheus scrape (FILE before, FILE2 after) with "
          "--interval-s T give rates over the T seconds between them. Exit status 2 for a file that matches no "
          "format, a missing column, counters that went backwards or a zero interval.",
          {{"--interval-s", "T", "seconds between the two snapshots FILE and FILE2"}, kJson}},
         runMeasure, 1, 1},
        {{"calibrate", "calibrate MODEL --measure FILE[,FILE2][@T] ... --map NAME=TARGET ... [-o OUT] [--json]",
          "Fit the model to measurements: rates, service times, pool hold times and replica apply times, with "
          "every measured figure against the calibrated model's at the measured load.",
          "NAME is a measured object (a PgBouncer database, a standby's application_name, a Prometheus series, "
          "a JMeter label, pgbench or k6); TARGET a component id or a pooled link FROM->TO. Residuals above 10% "
          "are flagged with the likely reason. -o OUT (.json or .headroom) writes the calibrated model, its "
          "calibrated fields marked; without it nothing is written. Exit status 2 for an unreadable measurement "
          "or a mapping onto something that does not exist; nothing is written then.",
          {{"--measure", "FILE[,FILE2][@T]", "a measurement: one file, or two snapshots T seconds apart", true},
           {"--map", "NAME=TARGET", "map a measured object onto a component or a pooled link FROM->TO", true},
           {"-o", "OUT", "write the calibrated model (.json or .headroom)"},
           kJson}},
         runCalibrate},
    };
    return list;
}

std::string overview()
{
    std::string out = "usage: headroom-cli COMMAND MODEL [options]\n\n"
                      "Capacity planning with queueing theory: what breaks first, and what it takes to survive.\n\n"
                      "commands:\n";
    for (const Command& c : commands()) {
        std::string name(c.spec.name);
        name.resize(10, ' ');
        out += "  " + name + std::string(c.spec.summary) + "\n";
    }
    out += "\nheadroom-cli COMMAND --help shows a command's options; headroom-cli --version the version.\n"
           "Exit status: 0 solved (an unstable system is still a result), 2 invalid input, 1 internal fault.\n";
    return out;
}

} // namespace

CliRun runCli(const std::vector<std::string>& words)
{
    CliRun run;
    try {
        if (words.empty()) {
            fail(run, {{engine::Subject::argument("command"),
                        "missing; usage: headroom-cli COMMAND MODEL [options], and headroom-cli --help "
                        "lists the commands"}});
            return run;
        }
        const std::string& first = words.front();
        if (first == "--help" || first == "-h" || first == "help") {
            if (first == "help" && words.size() > 1) {
                for (const Command& c : commands()) {
                    if (c.spec.name == words[1]) {
                        run.out = commandHelp(c.spec);
                        return run;
                    }
                }
            }
            run.out = overview();
            return run;
        }
        if (first == "--version" || first == "-V") {
            run.out = "headroom-cli " + std::string(model::applicationVersion()) + "\n";
            return run;
        }
        for (const Command& c : commands()) {
            if (c.spec.name != first)
                continue;
            const std::vector<std::string> rest(words.begin() + 1, words.end());
            auto args = CliArgs::parse(c.spec, rest, c.positionals, c.optionalPositionals);
            if (!args) {
                fail(run, args.issues());
                return run;
            }
            if (args->wantsHelp()) {
                run.out = commandHelp(c.spec);
                return run;
            }
            c.run(*args, run);
            return run;
        }
        fail(run, {{engine::Subject::argument(first), "unknown command; run headroom-cli --help for the list"}});
    } catch (const std::bad_alloc&) {
        run = {kExitFault, "", "error: internal: out of memory\n"};
    } catch (const std::exception& e) {
        run = {kExitFault, "", std::string("error: internal: ") + e.what() + "\n"};
    }
    return run;
}

} // namespace headroom::cli
