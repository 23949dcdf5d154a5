// SPDX-License-Identifier: MIT
// headroom-cli in-process (spec sections 5 and 6): help and version, every way to get
// an argument wrong, exit codes, the result JSON's keys for every component kind, the
// table, scenarios, and the error lines themselves (one per error, printable, capped).
#include "cli/Cli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <string>
#include <vector>

using headroom::cli::CliRun;
using headroom::cli::runCli;

namespace {

// A model with every kind of component, a pool, a replica and a scenario.
const char* const kFullModel = R"({
 "format": "headroom-model", "version": 1, "name": "every kind",
 "components": [
  {"id": "users", "kind": "clients", "rate_rps": 200},
  {"id": "edge", "kind": "cdn", "service_ms": 0.5, "servers": 8, "hit_ratio": 0.5},
  {"id": "lb", "kind": "load_balancer", "service_ms": 0.2, "servers": 4},
  {"id": "web", "kind": "web_server", "service_ms": 2, "servers": 4, "instances": 2},
  {"id": "app", "kind": "app_server", "service_ms": 10, "servers": 8, "instances": 2},
  {"id": "gen", "kind": "station", "service_ms": 1, "servers": 2, "capacity": 20},
  {"id": "cache", "kind": "cache", "service_ms": 0.3, "servers": 2, "hit_ratio": 0.9},
  {"id": "db", "kind": "database", "service_ms": 4, "servers": 16, "max_connections": 200, "write_fraction": 0.3},
  {"id": "rep", "kind": "database", "role": "replica", "service_ms": 4, "servers": 16, "apply_ms": 0.5},
  {"id": "jobs", "kind": "queue", "service_ms": 5, "servers": 4},
  {"id": "mailer", "kind": "worker", "service_ms": 20, "servers": 4, "service_cv": 2},
  {"id": "pay", "kind": "external", "latency_ms": 120}
 ],
 "links": [
  {"from": "users", "to": "edge"}, {"from": "edge", "to": "lb"}, {"from": "lb", "to": "web"},
  {"from": "web", "to": "app"}, {"from": "app", "to": "gen", "calls": 0.5},
  {"from": "app", "to": "cache", "calls": 2}, {"from": "cache", "to": "rep"},
  {"from": "app", "to": "db", "calls": 0.4, "pool_size": 10}, {"from": "app", "to": "jobs", "calls": 0.1},
  {"from": "jobs", "to": "mailer"}, {"from": "app", "to": "pay", "calls": 0.05},
  {"from": "db", "to": "rep", "kind": "replication"}
 ],
 "scenarios": [{"name": "peak", "multiplier": 2, "overrides": {"app": {"instances": 4}}}]
})";

const char* const kBareModel = R"({"components": [
  {"id": "users", "kind": "clients", "rate_rps": 10},
  {"id": "app", "kind": "app_server", "service_ms": 10}],
 "links": [{"from": "users", "to": "app"}]})";

const char* const kClosedModel = R"({"components": [
  {"id": "testers", "kind": "clients", "users": 50, "think_ms": 1000},
  {"id": "app", "kind": "app_server", "service_ms": 10, "servers": 4},
  {"id": "db", "kind": "database", "service_ms": 4},
  {"id": "pay", "kind": "external", "latency_ms": 30}],
 "links": [{"from": "testers", "to": "app"}, {"from": "app", "to": "db"}, {"from": "app", "to": "pay"}]})";

// app is offered 1.5 times its capacity.
const char* const kSaturatedModel = R"({"components": [
  {"id": "users", "kind": "clients", "rate_rps": 150},
  {"id": "app", "kind": "app_server", "service_ms": 10},
  {"id": "db", "kind": "database", "service_ms": 1}],
 "links": [{"from": "users", "to": "app"}, {"from": "app", "to": "db"}]})";

const char* const kInvalidModel = R"({"components": [
  {"id": "users", "kind": "clients", "rate_rps": 10},
  {"id": "app", "kind": "app_server", "service_ms": 10, "servers": 0}],
 "links": [{"from": "users", "to": "app"}]})";

// The JSON escape \u001b puts a terminal escape character into an (invalid) id.
const char* const kControlCharacterModel = R"({"components": [
  {"id": "users", "kind": "clients", "rate_rps": 10},
  {"id": "a\u001b[31mred", "kind": "app_server", "service_ms": 10}]})";

const QStringList kTopKeys{"format", "version", "multiplier", "workload", "status", "stable", "throughput_rps",
                           "mean_response_ms", "bottleneck", "max_multiplier", "components", "replication",
                           "pools", "warnings"};
const QStringList kComponentKeys{"kind", "arrival_rps", "throughput_rps", "utilization", "wait_probability",
                                 "blocking_probability", "mean_wait_ms", "mean_response_ms", "avg_response_ms",
                                 "p50_response_ms", "p95_response_ms", "p99_response_ms", "mean_queue_length",
                                 "mean_in_system", "headroom_multiplier", "saturated", "approximate"};
const QStringList kReplicationKeys{"primary", "write_rps", "apply_utilization", "mean_lag_ms", "p99_lag_ms",
                                   "lag_growth_ms_per_s", "saturated"};
const QStringList kPoolKeys{"from", "to", "pool_size", "per_instance_rps", "hold_ms", "utilization",
                            "wait_probability", "mean_wait_ms", "connections_total", "max_connections",
                            "saturated"};
// Infinite (null) only when the component is saturated.
const QStringList kNullWhenSaturated{"mean_wait_ms", "mean_response_ms", "avg_response_ms", "p50_response_ms",
                                     "p95_response_ms", "p99_response_ms", "mean_queue_length", "mean_in_system"};

const QRegularExpression kNonFiniteWord(QStringLiteral("\\b(nan|inf|infinity)\\b"),
                                        QRegularExpression::CaseInsensitiveOption);

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

/// What is wrong with a run that should have been rejected, or an empty string.
QString rejectionProblem(const CliRun& r, const QString& expected)
{
    if (r.exitCode != headroom::cli::kExitInvalid)
        return QStringLiteral("exit code %1, expected 2").arg(r.exitCode);
    if (!r.out.empty())
        return QStringLiteral("printed on stdout: ") + text(r.out).left(200);
    const QStringList lines = text(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return QStringLiteral("no error line");
    for (const QString& line : lines) {
        if (!line.startsWith(QLatin1String("error: ")) || line.count(QLatin1String(": ")) < 2)
            return QStringLiteral("not an 'error: <subject>: <message>' line: ") + line;
    }
    if (!text(r.err).contains(expected))
        return QStringLiteral("no error contains \"%1\"; got: %2").arg(expected, text(r.err).trimmed());
    if (const auto match = kNonFiniteWord.match(text(r.err)); match.hasMatch())
        return QStringLiteral("stderr contains ") + match.captured();
    return {};
}

QJsonObject parseObject(const CliRun& r, QString* problem)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        *problem = QStringLiteral("stdout is not a JSON object: ") + error.errorString();
    return doc.object();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QHash<QString, QString> m_files; ///< placeholder -> path

    CliRun run(const QStringList& words) const
    {
        std::vector<std::string> args;
        for (const QString& w : words)
            args.push_back(m_files.value(w, w).toStdString());
        return runCli(args);
    }

    /// Solves and parses; fails the current test on a wrong exit code or bad JSON.
    QJsonObject solveJson(const QStringList& words, bool* ok) const
    {
        const CliRun r = run(words);
        QString problem;
        const QJsonObject doc = parseObject(r, &problem);
        *ok = r.exitCode == 0 && problem.isEmpty() && r.err.find("error:") == std::string::npos;
        if (!*ok)
            qWarning("%s: exit %d, %s %s", qPrintable(words.join(' ')), r.exitCode, qPrintable(problem),
                     r.err.c_str());
        return doc;
    }

    void write(const QString& placeholder, const QByteArray& contents)
    {
        const QString path = m_dir.filePath(placeholder.toLower() + QStringLiteral(".json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents), contents.size());
        m_files.insert(placeholder, path);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("FULL"), kFullModel);
        write(QStringLiteral("BARE"), kBareModel);
        write(QStringLiteral("CLOSED"), kClosedModel);
        write(QStringLiteral("SATURATED"), kSaturatedModel);
        write(QStringLiteral("INVALID"), kInvalidModel);
        write(QStringLiteral("CONTROL"), kControlCharacterModel);
        // A retry loop that a scenario turns into a storm (gain 2 x 0.5 = 1).
        write(QStringLiteral("STORM"), R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 10},
            {"id": "app", "kind": "app_server", "service_ms": 10}, {"id": "retry", "kind": "worker", "service_ms": 1}],
            "links": [{"from": "users", "to": "app"}, {"from": "app", "to": "retry", "calls": 0.5},
                      {"from": "retry", "to": "app", "calls": 1}],
            "scenarios": [{"name": "storm", "link_overrides": [{"from": "retry", "to": "app", "calls": 2}]}]})");
        write(QStringLiteral("BIG"), R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 1e295},
            {"id": "app", "kind": "station", "service_ms": 1}], "links": [{"from": "users", "to": "app"}]})");
        QByteArray many = R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 1})";
        for (int i = 0; i < 300; ++i)
            many += R"(, {"id": "twin", "kind": "station", "service_ms": 1})";
        write(QStringLiteral("MANY"), many + "]}");
        QByteArray ignored = R"({"components": [{"id": "users", "kind": "clients", "rate_rps": 1})";
        for (int i = 0; i < 150; ++i) {
            // hit_ratio means nothing to a station: it is ignored, with a warning.
            ignored += QStringLiteral(R"(, {"id": "s%1", "kind": "station", "service_ms": 1, "hit_ratio": 0.5})")
                           .arg(i)
                           .toUtf8();
        }
        write(QStringLiteral("IGNORED"), ignored + "]}");
        m_files.insert(QStringLiteral("MISSING"), m_dir.filePath(QStringLiteral("no-such-model.json")));
        m_files.insert(QStringLiteral("FOLDER"), m_dir.path());
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("fragments");
        const QStringList commands{"validate", "solve", "sweep", "plan"};
        QTest::newRow("--help") << QStringList{"--help"} << commands;
        QTest::newRow("-h") << QStringList{"-h"} << commands;
        QTest::newRow("help") << QStringList{"help"} << commands;
        QTest::newRow("help solve") << QStringList{"help", "solve"}
                                    << QStringList{"headroom-cli solve MODEL", "--multiplier", "--json"};
        QTest::newRow("validate --help") << QStringList{"validate", "--help"}
                                         << QStringList{"headroom-cli validate MODEL"};
        QTest::newRow("solve --help") << QStringList{"solve", "--help"}
                                      << QStringList{"headroom-cli solve MODEL", "--multiplier X", "--scenario NAME",
                                                     "--json"};
        QTest::newRow("sweep --help") << QStringList{"sweep", "--help"}
                                      << QStringList{"headroom-cli sweep MODEL", "--from A", "--to B", "--steps N"};
        QTest::newRow("plan --help") << QStringList{"plan", "--help"}
                                     << QStringList{"headroom-cli plan MODEL", "--multiplier X",
                                                    "--target-utilization U"};
        QTest::newRow("solve MODEL -h") << QStringList{"solve", "FULL", "-h"} << QStringList{"headroom-cli solve"};
        QTest::newRow("help before a bad option") << QStringList{"sweep", "--help", "--steps", "1"}
                                                  << QStringList{"headroom-cli sweep"};
    }

    void help()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, fragments);
        const CliRun r = run(words);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.empty(), r.err.c_str());
        for (const QString& fragment : fragments)
            QVERIFY2(text(r.out).contains(fragment), qPrintable(fragment + " not in:\n" + text(r.out)));
        QVERIFY(text(r.out).contains(QLatin1String("Exit status")));
    }

    void version_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("--version") << "--version";
        QTest::newRow("-V") << "-V";
    }

    void version()
    {
        QFETCH(QString, word);
        const CliRun r = run({word});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.empty());
        QVERIFY2(QRegularExpression(QStringLiteral("^headroom-cli \\d+\\.\\d+\\.\\d+\\n$")).match(text(r.out)).hasMatch(),
                 r.out.c_str());
    }

    void rejected_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const QStringList& words, const char* expected) {
            QTest::newRow(name) << words << QString::fromUtf8(expected);
        };
        // Commands and options.
        row("no command", {}, "error: command: missing");
        row("unknown command", {"frobnicate", "FULL"}, "error: frobnicate: unknown command");
        row("unknown option", {"solve", "FULL", "--frob"}, "error: --frob: unknown option for 'solve'");
        row("unknown short option", {"solve", "FULL", "-x"}, "error: -x: unknown option");
        row("option of another command", {"validate", "FULL", "--json"}, "error: --json: unknown option for 'validate'");
        row("missing value at the end", {"solve", "FULL", "--multiplier"}, "error: --multiplier: needs a value (X)");
        row("missing value before an option", {"solve", "FULL", "--multiplier", "--json"},
            "error: --multiplier: needs a value (X)");
        row("flag with a value", {"solve", "FULL", "--json=yes"}, "error: --json: takes no value");
        row("option given twice", {"solve", "FULL", "--multiplier", "2", "--multiplier=3"},
            "error: --multiplier: given more than once");
        row("no model", {"solve"}, "error: solve: missing the model file");
        row("two models", {"solve", "FULL", "BARE"}, "unexpected argument");
        // --multiplier.
        row("--multiplier -1", {"solve", "FULL", "--multiplier", "-1"},
            "error: --multiplier: must be a number from 0 to 1000000000, got -1");
        row("--multiplier abc", {"solve", "FULL", "--multiplier", "abc"},
            "error: --multiplier: expected a finite number, got 'abc'");
        row("--multiplier 1e10", {"solve", "FULL", "--multiplier", "1e10"},
            "error: --multiplier: must be a number from 0 to 1000000000, got 10000000000");
        row("--multiplier empty", {"solve", "FULL", "--multiplier="}, "error: --multiplier: expected a finite number");
        row("--multiplier 0x10", {"solve", "FULL", "--multiplier", "0x10"}, "error: --multiplier: expected a finite");
        // Regression: the value was echoed, printing "nan" and "inf" on stderr.
        row("--multiplier nan", {"solve", "FULL", "--multiplier", "nan"}, "error: --multiplier: expected a finite number");
        row("--multiplier inf", {"solve", "FULL", "--multiplier", "inf"}, "error: --multiplier: expected a finite number");
        row("--multiplier times the scenario's beyond 1e9", {"solve", "FULL", "--scenario", "peak", "--multiplier", "6e8"},
            "error: --multiplier: 600000000 times the multiplier of scenario \"peak\" (2) is 1200000000, more than "
            "1000000000");
        // sweep.
        row("sweep --steps 1", {"sweep", "FULL", "--steps", "1"}, "error: --steps: must be at least 2");
        // Regression: any count below -1 was reported as -1.
        row("sweep --steps -5", {"sweep", "FULL", "--steps", "-5"}, "error: --steps: must be at least 2 (both ends of the range), got -5");
        row("sweep --steps 200000", {"sweep", "FULL", "--steps", "200000"}, "error: --steps: must be at most 100000");
        row("sweep --steps 2.5", {"sweep", "FULL", "--steps", "2.5"}, "error: --steps: expected a whole number, got '2.5'");
        row("sweep --steps beyond 64 bits", {"sweep", "FULL", "--steps", "99999999999999999999"},
            "error: --steps: expected a whole number");
        row("sweep inverted range", {"sweep", "FULL", "--from", "5", "--to", "2"}, "error: --to: must be above --from (5), got 2");
        row("sweep empty range", {"sweep", "FULL", "--from", "3", "--to", "3"}, "error: --to: must be above --from");
        row("sweep --from -1", {"sweep", "FULL", "--from", "-1"}, "error: --from: must be a number from 0");
        row("sweep --to 1e10", {"sweep", "FULL", "--to", "1e10"}, "error: --to: must be a number from 0 to 1000000000");
        // plan.
        row("plan without --multiplier", {"plan", "FULL"}, "error: --multiplier: required");
        row("plan --target-utilization 0", {"plan", "FULL", "--multiplier", "10", "--target-utilization", "0"},
            "error: --target-utilization: must be above 0 and at most 1, got 0");
        row("plan --target-utilization 1.5", {"plan", "FULL", "--multiplier", "10", "--target-utilization", "1.5"},
            "error: --target-utilization: must be above 0 and at most 1, got 1.5");
        row("plan --target-utilization abc", {"plan", "FULL", "--multiplier", "10", "--target-utilization", "abc"},
            "error: --target-utilization: expected a finite number, got 'abc'");
        row("plan a closed workload", {"plan", "CLOSED", "--multiplier", "2"}, "error: workload: capacity plans need an open workload");
        // Scenarios.
        row("unknown scenario", {"solve", "FULL", "--scenario", "launch"},
            "error: --scenario: no scenario named \"launch\" in this model (it has \"peak\")");
        row("scenario in a model without any", {"solve", "BARE", "--scenario", "peak"}, "(it has none)");
        row("scenario that closes a routing loop", {"solve", "STORM", "--scenario", "storm", "--json"},
            "error: app: routing loop app -> retry -> app multiplies traffic by 1");
        // The model file.
        row("missing file", {"solve", "MISSING", "--json"}, "no-such-model.json: no such file");
        row("a folder", {"validate", "FOLDER"}, "is a folder, not a model file");
        row("invalid model: solve", {"solve", "INVALID", "--json"}, "error: app.servers: must be an integer from 1 to 10000000, got 0");
        row("invalid model: validate", {"validate", "INVALID"}, "error: app.servers: must be an integer");
        row("invalid model: sweep", {"sweep", "INVALID"}, "error: app.servers:");
        row("invalid model: plan", {"plan", "INVALID", "--multiplier", "2"}, "error: app.servers:");
        // Regression: control characters from the input reached the terminal as they were.
        row("control characters are escaped", {"validate", "CONTROL"}, "'a\\x1b[31mred' is not a valid id");
        // Regression: a multiplier could push rates past what a double holds and print null figures.
        row("multiplier that overflows the rates", {"solve", "BIG", "--multiplier", "1e9"}, "beyond 1e300");
    }

    void rejected()
    {
        QFETCH(QStringList, words);
        QFETCH(QString, expected);
        const CliRun r = run(words);
        const QString problem = rejectionProblem(r, expected);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(r.err.find('\x1b') == std::string::npos, "a raw escape character on stderr");
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<int>("code");
        QTest::newRow("validate a valid model") << QStringList{"validate", "FULL"} << 0;
        QTest::newRow("solve") << QStringList{"solve", "FULL"} << 0;
        QTest::newRow("solve --json") << QStringList{"solve", "FULL", "--json"} << 0;
        QTest::newRow("solve a saturated model: still a result") << QStringList{"solve", "SATURATED", "--json"} << 0;
        QTest::newRow("solve a closed model") << QStringList{"solve", "CLOSED", "--json"} << 0;
        QTest::newRow("solve --multiplier 0") << QStringList{"solve", "FULL", "--multiplier", "0", "--json"} << 0;
        QTest::newRow("solve --multiplier 1e9") << QStringList{"solve", "FULL", "--multiplier", "1e9", "--json"} << 0;
        QTest::newRow("solve --multiplier=2.5") << QStringList{"solve", "FULL", "--multiplier=2.5"} << 0;
        QTest::newRow("model after --") << QStringList{"solve", "--json", "--", "FULL"} << 0;
        QTest::newRow("sweep") << QStringList{"sweep", "FULL"} << 0;
        QTest::newRow("sweep --steps 2") << QStringList{"sweep", "FULL", "--steps", "2", "--json"} << 0;
        QTest::newRow("plan") << QStringList{"plan", "FULL", "--multiplier", "10"} << 0;
        QTest::newRow("plan --target-utilization 1") << QStringList{"plan", "FULL", "--multiplier", "10",
                                                                    "--target-utilization", "1", "--json"}
                                                     << 0;
        QTest::newRow("the storm model without its scenario") << QStringList{"solve", "STORM", "--json"} << 0;
        QTest::newRow("rates near the largest double, at 1x") << QStringList{"solve", "BIG", "--json"} << 0;
        QTest::newRow("solve an invalid model") << QStringList{"solve", "INVALID"} << 2;
        QTest::newRow("validate a missing file") << QStringList{"validate", "MISSING"} << 2;
        QTest::newRow("unknown command") << QStringList{"frobnicate", "FULL"} << 2;
        QTest::newRow("no words") << QStringList{} << 2;
        QTest::newRow("--help") << QStringList{"--help"} << 0;
    }

    void exitCodes()
    {
        QFETCH(QStringList, words);
        QFETCH(int, code);
        const CliRun r = run(words);
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1, expected %2: %3")
                                                    .arg(r.exitCode)
                                                    .arg(code)
                                                    .arg(text(r.err))));
        if (code == 0) {
            QVERIFY2(r.err.find("error:") == std::string::npos, r.err.c_str());
            QCOMPARE(r.out.empty(), words.first() == QLatin1String("validate")); // validate prints nothing
        } else {
            QVERIFY(r.out.empty());
        }
        for (const std::string* stream : {&r.out, &r.err}) {
            const auto match = kNonFiniteWord.match(text(*stream));
            QVERIFY2(!match.hasMatch(), qPrintable(match.captured()));
        }
    }

    void validateIsSilent()
    {
        const CliRun r = run({"validate", "FULL"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.empty());
        QVERIFY2(r.err.empty(), r.err.c_str());
    }

    void resultHasEveryKey_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("pools");
        QTest::newRow("every kind") << "FULL"
                                    << QStringList{"cdn", "load_balancer", "web_server", "app_server", "station",
                                                   "cache", "database", "queue", "worker", "external"}
                                    << 1 << 1;
        QTest::newRow("no pools, no replicas") << "BARE" << QStringList{"app_server"} << 0 << 0;
        QTest::newRow("closed workload") << "CLOSED" << QStringList{"app_server", "database", "external"} << 0 << 0;
        QTest::newRow("saturated") << "SATURATED" << QStringList{"app_server", "database"} << 0 << 0;
    }

    void resultHasEveryKey()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, kinds);
        QFETCH(int, replicas);
        QFETCH(int, pools);
        bool ok = false;
        const QJsonObject doc = solveJson({"solve", model, "--json"}, &ok);
        QVERIFY(ok);
        for (const QString& key : kTopKeys)
            QVERIFY2(doc.contains(key), qPrintable(key));
        QCOMPARE(doc.value("format").toString(), QStringLiteral("headroom-result"));
        QCOMPARE(doc.value("version").toInt(), 1);
        // Our added key: the result's status, saturated whenever it is not stable.
        const QString status = doc.value("status").toString();
        QVERIFY2(QStringList({"ok", "saturated", "not_converged"}).contains(status), qPrintable(status));
        if (!doc.value("stable").toBool())
            QVERIFY2(status != QStringLiteral("ok"), qPrintable(status));
        QVERIFY(doc.value("components").isObject());
        QVERIFY(doc.value("replication").isObject());
        QVERIFY(doc.value("pools").isArray());
        QVERIFY(doc.value("warnings").isArray());
        const QJsonObject components = doc.value("components").toObject();
        QSet<QString> seenKinds;
        for (auto it = components.begin(); it != components.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            for (const QString& key : kComponentKeys)
                QVERIFY2(c.contains(key), qPrintable(it.key() + "." + key));
            QCOMPARE(c.size(), kComponentKeys.size());
            seenKinds.insert(c.value("kind").toString());
            QVERIFY(c.value("saturated").isBool() && c.value("approximate").isBool());
            for (const char* key : {"arrival_rps", "throughput_rps", "utilization", "wait_probability",
                                       "blocking_probability"})
                QVERIFY2(c.value(key).isDouble() && c.value(key).toDouble() >= 0.0, qPrintable(it.key() + "." + key));
            for (const QString& key : kComponentKeys.mid(1, 14)) // the figures between kind and the flags
                QVERIFY2(c.value(key).isDouble() || c.value(key).isNull(), qPrintable(it.key() + "." + key));
            QVERIFY(c.value("wait_probability").toDouble() <= 1.0 && c.value("blocking_probability").toDouble() <= 1.0);
        }
        QCOMPARE(seenKinds, QSet<QString>(kinds.begin(), kinds.end()));
        const QJsonObject replication = doc.value("replication").toObject();
        QCOMPARE(replication.size(), replicas);
        for (auto it = replication.begin(); it != replication.end(); ++it) {
            for (const QString& key : kReplicationKeys)
                QVERIFY2(it.value().toObject().contains(key), qPrintable(it.key() + "." + key));
        }
        const QJsonArray poolList = doc.value("pools").toArray();
        QCOMPARE(poolList.size(), pools);
        for (const QJsonValue& pool : poolList) {
            for (const QString& key : kPoolKeys)
                QVERIFY2(pool.toObject().contains(key), qPrintable(key));
        }
    }

    // Infinite figures are null exactly where the component is saturated, never NaN.
    void saturatedFiguresAreNull()
    {
        bool ok = false;
        const QJsonObject doc = solveJson({"solve", "SATURATED", "--json"}, &ok);
        QVERIFY(ok);
        QCOMPARE(doc.value("stable").toBool(true), false);
        QVERIFY(doc.value("mean_response_ms").isNull());
        QCOMPARE(doc.value("bottleneck").toString(), QStringLiteral("app"));
        const QJsonObject app = doc.value("components").toObject().value("app").toObject();
        QCOMPARE(app.value("saturated").toBool(), true);
        QCOMPARE(app.value("utilization").toDouble(), 1.5);
        for (const QString& key : kNullWhenSaturated)
            QVERIFY2(app.value(key).isNull(), qPrintable(key));
        const QJsonObject db = doc.value("components").toObject().value("db").toObject();
        QCOMPARE(db.value("saturated").toBool(true), false);
        for (const QString& key : kNullWhenSaturated)
            QVERIFY2(db.value(key).isDouble(), qPrintable(key));
    }

    void tableNamesEveryComponent_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("every kind") << "FULL"
                                    << QStringList{"users", "edge", "lb", "web", "app", "gen", "cache", "db", "rep",
                                                   "jobs", "mailer", "pay"};
        QTest::newRow("closed") << "CLOSED" << QStringList{"testers", "app", "db", "pay"};
        QTest::newRow("saturated") << "SATURATED" << QStringList{"users", "app", "db"};
    }

    void tableNamesEveryComponent()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, ids);
        const CliRun r = run({"solve", model});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = text(r.out).split(QLatin1Char('\n'));
        for (const QString& id : ids) {
            const bool listed = std::any_of(lines.begin(), lines.end(), [&](const QString& line) {
                return line.startsWith(id + QLatin1Char(' '));
            });
            QVERIFY2(listed, qPrintable(id + " has no row in:\n" + text(r.out)));
        }
        QVERIFY(!kNonFiniteWord.match(text(r.out)).hasMatch());
        if (model == QLatin1String("SATURATED"))
            QVERIFY2(text(r.out).contains(QStringLiteral("\u221e")) && text(r.out).contains("SATURATED"),
                     "an infinite wait shows as the infinity sign");
    }

    // --scenario applies the overrides and its multiplier multiplies --multiplier.
    void scenarioAppliesOverridesAndMultiplier()
    {
        bool ok = false;
        const QJsonObject plain = solveJson({"solve", "FULL", "--json", "--multiplier", "6"}, &ok);
        QVERIFY(ok);
        const QJsonObject peak = solveJson({"solve", "FULL", "--json", "--scenario", "peak", "--multiplier", "3"}, &ok);
        QVERIFY(ok);
        QCOMPARE(peak.value("multiplier").toDouble(), 6.0);
        QCOMPARE(peak.value("throughput_rps").toDouble(), plain.value("throughput_rps").toDouble());
        const auto app = [](const QJsonObject& doc, const char* key) {
            return doc.value("components").toObject().value("app").toObject().value(key).toDouble();
        };
        // Four instances instead of two: the same traffic, each instance half as busy.
        QCOMPARE(app(peak, "arrival_rps"), app(plain, "arrival_rps"));
        QVERIFY(qFuzzyCompare(app(peak, "utilization") * 2.0, app(plain, "utilization")));
        // Components the scenario leaves alone are unchanged.
        const auto db = [](const QJsonObject& doc) {
            return doc.value("components").toObject().value("db").toObject().value("utilization").toDouble();
        };
        QCOMPARE(db(peak), db(plain));
        // Without --multiplier the scenario's own multiplier applies.
        const QJsonObject own = solveJson({"solve", "FULL", "--json", "--scenario", "peak"}, &ok);
        QVERIFY(ok);
        QCOMPARE(own.value("multiplier").toDouble(), 2.0);
    }

    void sweepJson()
    {
        const CliRun r = run({"sweep", "FULL", "--from", "1", "--to", "4", "--steps", "4", "--json"});
        QCOMPARE(r.exitCode, 0);
        QString problem;
        const QJsonObject doc = parseObject(r, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonArray points = doc.value("points").toArray();
        QCOMPARE(points.size(), 4);
        for (int i = 0; i < points.size(); ++i) {
            const QJsonObject p = points.at(i).toObject();
            QCOMPARE(p.value("multiplier").toDouble(), i + 1.0);
            for (const char* key : {"stable", "throughput_rps", "mean_response_ms", "bottleneck",
                                       "bottleneck_utilization", "max_multiplier", "saturated"})
                QVERIFY2(p.contains(key), qPrintable(key));
            QCOMPARE(p.value("throughput_rps").toDouble(), 200.0 * (i + 1));
        }
    }

    void planJson_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<double>("target");
        QTest::newRow("default target") << QStringList{} << 0.7;
        QTest::newRow("--target-utilization 0.5") << QStringList{"--target-utilization", "0.5"} << 0.5;
    }

    void planJson()
    {
        QFETCH(QStringList, extra);
        QFETCH(double, target);
        const CliRun r = run(QStringList{"plan", "FULL", "--multiplier", "10", "--json"} + extra);
        QCOMPARE(r.exitCode, 0);
        QString problem;
        const QJsonObject doc = parseObject(r, &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(doc.value("multiplier").toDouble(), 10.0);
        QCOMPARE(doc.value("target_utilization").toDouble(), target);
        const QJsonObject components = doc.value("components").toObject();
        QCOMPARE(components.size(), 10); // every queueing component
        for (auto it = components.begin(); it != components.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            QVERIFY2(c.value("required_instances").toInt() >= 1, qPrintable(it.key()));
            QVERIFY2(c.value("utilization_after").toDouble() <= target * (1 + 1e-12), qPrintable(it.key()));
        }
        QCOMPARE(doc.value("pools").toArray().size(), 1);
    }

    // At most 100 error lines and one that counts the rest, however many errors there are.
    void errorLinesAreCapped()
    {
        const CliRun r = run({"validate", "MANY"});
        QCOMPARE(r.exitCode, 2);
        const QStringList lines = text(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 101);
        QVERIFY2(lines.first().startsWith("error: twin: duplicate id"), qPrintable(lines.first()));
        QCOMPARE(lines.last(), QStringLiteral("error: model: 199 more errors are not shown; correct the ones above "
                                              "and check again"));
    }

    // Warnings (ignored fields) are capped the same way, and do not fail validation.
    void warningLinesAreCapped()
    {
        const CliRun r = run({"validate", "IGNORED"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.empty());
        const QStringList lines = text(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 101);
        QVERIFY2(lines.first().startsWith("warning: s0: hit_ratio is ignored"), qPrintable(lines.first()));
        QCOMPARE(lines.last(), QStringLiteral("warning: model: 50 more warnings are not shown"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
