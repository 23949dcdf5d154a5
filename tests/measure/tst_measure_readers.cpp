// SPDX-License-Identifier: MIT
// The measurement readers (spec section 10) on outputs captured from real servers
// (fixtures/, written by integration_test.py --keep) and on the variants other versions print.
#include "measure/MeasureOutput.h"
#include "measure/MeasureReader.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

#include <cmath>

using namespace headroom;
using model::measure::MeasureText;
using model::measure::readMeasurement;

namespace {

MeasureText fixture(const char* name)
{
    QFile file(QStringLiteral(HEADROOM_SOURCE_DIR "/tests/measure/fixtures/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return {name, file.readAll().toStdString()};
}

double number(const engine::MeasuredObject& o, const char* key)
{
    const auto v = o.number(key);
    if (!v)
        qFatal("no number %s in %s", key, o.name.c_str());
    return *v;
}

/// A column of a psql aligned table, renamed or dropped, the way other versions print it.
std::string editColumns(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

constexpr double kExact = 1e-12;

bool close(double a, double b, double tolerance = kExact)
{
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

} // namespace

class TestMeasureReaders : public QObject {
    Q_OBJECT

private slots:
    void recognisedByContent_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("format");
        QTest::newRow("SHOW STATS aligned") << "rate-after-stats.txt" << "pgbouncer-stats" << "psql-aligned";
        QTest::newRow("SHOW STATS --csv") << "rate-after-stats.csv" << "pgbouncer-stats" << "psql-csv";
        QTest::newRow("SHOW STATS -A -F|") << "rate-after-stats-unaligned.txt" << "pgbouncer-stats" << "psql-unaligned";
        QTest::newRow("SHOW POOLS aligned") << "above-pools.txt" << "pgbouncer-pools" << "psql-aligned";
        QTest::newRow("SHOW POOLS --csv") << "pools.csv" << "pgbouncer-pools" << "psql-csv";
        QTest::newRow("pg_stat_replication aligned") << "rate-replication.txt" << "pg_stat_replication" << "psql-aligned";
        QTest::newRow("pg_stat_replication --csv") << "replication.csv" << "pg_stat_replication" << "psql-csv";
        QTest::newRow("pgbench closed loop") << "below-pgbench.txt" << "pgbench" << "pgbench-report";
        QTest::newRow("pgbench --rate") << "rate-pgbench.txt" << "pgbench" << "pgbench-report";
        QTest::newRow("exporter /metrics") << "rate-after-metrics.txt" << "prometheus" << "prometheus-text-0.0.4";
        QTest::newRow("Prometheus's own /metrics") << "prometheus-self.txt" << "prometheus" << "prometheus-text-0.0.4";
        QTest::newRow("Prometheus /federate") << "prometheus-federate.txt" << "prometheus" << "prometheus-text-0.0.4";
        QTest::newRow("k6 --summary-export") << "k6-summary-export.json" << "k6" << "k6-summary-export";
        QTest::newRow("k6 handleSummary") << "k6-handle-summary.json" << "k6" << "k6-handle-summary";
        QTest::newRow("JMeter JTL") << "jmeter.jtl" << "jmeter-jtl" << "jtl-csv";
    }

    void recognisedByContent()
    {
        QFETCH(QString, file);
        QFETCH(QString, source);
        QFETCH(QString, format);
        MeasureText text = fixture(file.toUtf8().constData());
        text.name = "any-name.dat"; // the name says nothing
        const auto read = readMeasurement(text, std::nullopt, std::nullopt);
        QVERIFY2(read.ok(), read.ok() ? "" : read.issues().front().message.c_str());
        QCOMPARE(QString::fromStdString(std::string(engine::sourceName(read->source))), source);
        QCOMPARE(QString::fromStdString(read->inputFormat), format);
        QVERIFY(!read->objects.empty());
        // The JSON is valid and names the source.
        const QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(model::measure::measurementJson(*read)));
        QCOMPARE(json.object().value("format").toString(), QStringLiteral("headroom-measurements"));
        QCOMPARE(json.object().value("source").toString(), source);
    }

    void statsDeltasOverTheInterval()
    {
        // Rate phase: 1171 transactions of 5865 queries in 8.743 s (the raw counters below).
        const auto read = readMeasurement(fixture("rate-before-stats.txt"), fixture("rate-after-stats.txt"), 8.743);
        QVERIFY(read.ok());
        QCOMPARE(read->intervalS, std::optional(8.743));
        const engine::MeasuredObject* bench = read->find("bench");
        QVERIFY(bench != nullptr);
        const double xacts = 5397 - 4226;
        const double xactMs = (178303827.0 - 142686007.0) / xacts / 1000.0;
        const double waitMs = (106068248.0 - 94818681.0) / xacts / 1000.0;
        QVERIFY(close(number(*bench, "xact_rps"), xacts / 8.743));
        QVERIFY(close(number(*bench, "query_rps"), (26925.0 - 21090.0) / 8.743));
        QVERIFY(close(number(*bench, "mean_xact_ms"), xactMs));
        QVERIFY(close(number(*bench, "mean_query_ms"), (160527659.0 - 134655956.0) / (26925.0 - 21090.0) / 1000.0));
        QVERIFY(close(number(*bench, "mean_wait_ms"), waitMs));
        // PgBouncer 1.18 starts a transaction's clock at the client's first packet: the
        // server is held for the transaction time less the wait.
        QVERIFY(close(number(*bench, "mean_server_ms"), xactMs - waitMs));
        QVERIFY(close(number(*bench, "busy_connections"), xacts / 8.743 * (xactMs - waitMs) / 1000.0));
    }

    void statsOneSnapshotUsesAverages()
    {
        const auto read = readMeasurement(fixture("rate-after-stats.txt"), std::nullopt, std::nullopt);
        QVERIFY(read.ok());
        const engine::MeasuredObject& bench = *read->find("bench");
        QCOMPARE(number(bench, "xact_rps"), 129.0);
        QCOMPARE(number(bench, "mean_xact_ms"), 25.122);
        // avg_wait_time is microseconds of waiting per second: per transaction, / avg_xact_count.
        QVERIFY(close(number(bench, "mean_wait_ms"), 764345.0 / 129.0 / 1000.0));
    }

    void statsNewerColumnsCountWaitsPerAssignment()
    {
        // PgBouncer 1.24 and later add total_server_assignment_count (and more columns); the
        // wait is then per server assignment.
        const auto add = [](std::string text, double assignments) {
            text = editColumns(text, " database  |", " database  | total_server_assignment_count | total_bind_count |");
            text = editColumns(text, "-----------+", "-----------+-------------------------------+------------------+");
            text = editColumns(text, " bench     |", " bench     | " + std::to_string(static_cast<long>(assignments)) +
                                                        " | 0 |");
            text = editColumns(text, " pgbouncer |", " pgbouncer | 0 | 0 |");
            return text;
        };
        MeasureText before = fixture("rate-before-stats.txt");
        MeasureText after = fixture("rate-after-stats.txt");
        before.text = add(before.text, 4000);
        after.text = add(after.text, 5000);
        const auto read = readMeasurement(before, after, 8.743);
        QVERIFY2(read.ok(), read.ok() ? "" : read.issues().front().message.c_str());
        const engine::MeasuredObject& bench = *read->find("bench");
        QVERIFY(close(number(bench, "mean_wait_ms"), (106068248.0 - 94818681.0) / 1000.0 / 1000.0));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<double>("interval");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("counters went backwards") << "rate-after-stats.txt" << "rate-before-stats.txt" << 8.0
                                                 << "rate-before-stats.txt" << "total_xact_count: went from 5397 to 4226";
        QTest::newRow("zero interval") << "rate-before-stats.txt" << "rate-after-stats.txt" << 0.0 << "--interval-s"
                                       << "above 0";
        QTest::newRow("two snapshots, no interval") << "rate-before-stats.txt" << "rate-after-stats.txt" << -1.0
                                                    << "--interval-s" << "two snapshots";
        QTest::newRow("second file of another kind") << "rate-before-stats.txt" << "rate-pools.txt" << 8.0
                                                     << "rate-pools.txt" << "not a SHOW STATS snapshot";
        QTest::newRow("a model is not a measurement") << "model.json" << "" << -1.0 << "model.json"
                                                      << "metrics: missing";
        QTest::newRow("two pgbench reports") << "rate-pgbench.txt" << "below-pgbench.txt" << 8.0 << "below-pgbench.txt"
                                             << "read from one file";
        QTest::newRow("exporter counter reset") << "rate-after-metrics.txt" << "rate-before-metrics.txt" << 8.0
                                                << "rate-before-metrics.txt" << "counter reset";
    }

    void badInput()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(double, interval);
        QFETCH(QString, subject);
        QFETCH(QString, mentions);
        std::optional<MeasureText> later;
        if (!second.isEmpty())
            later = fixture(second.toUtf8().constData());
        const auto read = readMeasurement(fixture(first.toUtf8().constData()), later,
                                          interval < 0 ? std::nullopt : std::optional(interval));
        QVERIFY(!read.ok());
        const engine::Issue& issue = read.issues().front();
        QCOMPARE(QString::fromStdString(engine::subjectText(issue.subject)), subject);
        QVERIFY2(QString::fromStdString(issue.message).contains(mentions), issue.message.c_str());
    }

    void missingColumnIsNamed()
    {
        MeasureText csv = fixture("rate-after-stats.csv");
        csv.text = editColumns(csv.text, "total_wait_time", "total_wait_tim");
        csv.name = "cut.csv";
        const auto read = readMeasurement(csv, fixture("rate-after-stats.csv"), 1.0);
        QVERIFY(!read.ok());
        QCOMPARE(read.issues().front().subject, engine::Subject::file("cut.csv"));
        QVERIFY(read.issues().front().message.rfind("total_wait_time:", 0) == 0);
    }

    void unrecognisedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("prose") << "hello, world\nthis is not a report\n";
        QTest::newRow("a table of something else") << " a | b\n---+---\n 1 | 2\n";
        QTest::newRow("NUL bytes") << QString::fromLatin1("x\0y", 3);
        QTest::newRow("half a pgbench report") << "transaction type: <builtin: TPC-B>\nnumber of clients: 2\n";
        QTest::newRow("broken JSON") << "{\"metrics\": ";
    }

    void unrecognisedText()
    {
        QFETCH(QString, text);
        const auto read = readMeasurement({"input.txt", text.toStdString()}, std::nullopt, std::nullopt);
        QVERIFY(!read.ok());
        QCOMPARE(read.issues().front().subject, engine::Subject::file("input.txt"));
    }

    void pools()
    {
        const auto read = readMeasurement(fixture("above-pools.txt"), std::nullopt, std::nullopt);
        QVERIFY(read.ok());
        const engine::MeasuredObject& bench = *read->find("bench/postgres");
        QCOMPARE(number(bench, "clients_waiting"), 12.0);
        QCOMPARE(number(bench, "servers_active"), 4.0);
        QVERIFY(close(number(bench, "max_wait_ms"), 54.272)); // maxwait 0 s + maxwait_us 54272
        QCOMPARE(*bench.text("pool_mode"), std::string("transaction"));
        // Older PgBouncers print neither the cancel columns nor maxwait_us.
        const std::string old = "database|user|cl_active|cl_waiting|sv_active|sv_idle|sv_used|sv_tested|sv_login|"
                                "maxwait|pool_mode\nbench|app|3|2|4|0|0|0|0|1|transaction\n";
        const auto older = readMeasurement({"old.txt", old}, std::nullopt, std::nullopt);
        QVERIFY(older.ok());
        QCOMPARE(older->inputFormat, std::string("psql-unaligned"));
        QCOMPARE(number(*older->find("bench/app"), "max_wait_ms"), 1000.0);
    }

    void replication()
    {
        for (const char* name : {"rate-replication.txt", "replication.csv"}) {
            const auto read = readMeasurement(fixture(name), std::nullopt, std::nullopt);
            QVERIFY(read.ok());
            const engine::MeasuredObject* replica = read->find("replica1");
            QVERIFY(replica != nullptr);
            QCOMPARE(*replica->text("state"), std::string("streaming"));
            QVERIFY(replica->find("replay_lag_bytes") != nullptr);
        }
        const auto read = readMeasurement(fixture("rate-replication.txt"), std::nullopt, std::nullopt);
        const engine::MeasuredObject& replica = *read->find("replica1");
        QVERIFY(close(number(replica, "replay_lag_ms"), 216.515));
        QVERIFY(close(number(replica, "write_lag_ms"), 0.554));
        QCOMPARE(number(replica, "replay_lag_bytes"), double(0x66FC000 - 0x66FBFE8));
        // Empty lags (an idle standby) are null; days count.
        const std::string idle = "application_name,state,sent_lsn,replay_lsn,write_lag,flush_lag,replay_lag\n"
                                 "r2,streaming,0/5000000,0/5000000,,,1 day 00:00:01.5\n";
        const auto idleRead = readMeasurement({"idle.csv", idle}, std::nullopt, std::nullopt);
        QVERIFY(idleRead.ok());
        const engine::MeasuredObject& r2 = *idleRead->find("r2");
        QVERIFY(std::holds_alternative<std::monostate>(*r2.find("write_lag_ms")));
        QCOMPARE(number(r2, "replay_lag_ms"), 86401500.0);
        QCOMPARE(number(r2, "replay_lag_bytes"), 0.0);
    }

    void pgbench()
    {
        const auto closed = readMeasurement(fixture("below-pgbench.txt"), std::nullopt, std::nullopt);
        QVERIFY(closed.ok());
        const engine::MeasuredObject& c = closed->objects.front();
        QCOMPARE(number(c, "clients"), 2.0);
        QCOMPARE(number(c, "tps"), 277.832690);
        QCOMPARE(number(c, "latency_avg_ms"), 7.199);
        QCOMPARE(number(c, "transactions"), 2222.0);
        QCOMPARE(*c.flag("open_loop"), false);
        QVERIFY(std::holds_alternative<std::monostate>(*c.find("latency_stddev_ms")));
        QVERIFY(std::holds_alternative<std::monostate>(*c.find("schedule_lag_avg_ms")));
        const auto open = readMeasurement(fixture("rate-pgbench.txt"), std::nullopt, std::nullopt);
        QVERIFY(open.ok());
        const engine::MeasuredObject& o = open->objects.front();
        QCOMPARE(*o.flag("open_loop"), true);
        QCOMPARE(number(o, "schedule_lag_avg_ms"), 54.002);
        QCOMPARE(number(o, "latency_stddev_ms"), 101.671);
        // pgbench 13 and older print tps twice; the one without connection time counts.
        const std::string old = "transaction type: <builtin: TPC-B (sort of)>\nnumber of clients: 4\n"
                                "number of threads: 1\nnumber of transactions actually processed: 400/400\n"
                                "latency average = 8.0 ms\ntps = 480.1 (including connections establishing)\n"
                                "tps = 500.5 (excluding connections establishing)\n";
        const auto older = readMeasurement({"old.txt", old}, std::nullopt, std::nullopt);
        QVERIFY(older.ok());
        QCOMPARE(number(older->objects.front(), "tps"), 500.5);
        QCOMPARE(number(older->objects.front(), "transactions"), 400.0);
        QVERIFY(std::holds_alternative<std::monostate>(*older->objects.front().find("failed")));
    }

    void prometheusCountersAndHistograms()
    {
        const auto read = readMeasurement(fixture("rate-before-metrics.txt"), fixture("rate-after-metrics.txt"), 8.743);
        QVERIFY2(read.ok(), read.ok() ? "" : read.issues().front().message.c_str());
        const engine::MeasuredObject* commits = read->find("pg_stat_database_xact_commit{datname=\"bench\"}");
        QVERIFY(commits != nullptr);
        QCOMPARE(*commits->text("type"), std::string("counter"));
        QVERIFY(number(*commits, "rate_per_s") > 50.0);
        // A histogram, by hand: buckets 0.1 -> 2, 0.2 -> 6, 0.4 -> 9, +Inf -> 10 after, all 0 before.
        const std::string before = "# TYPE req_seconds histogram\nreq_seconds_bucket{le=\"0.1\"} 0\n"
                                   "req_seconds_bucket{le=\"0.2\"} 0\nreq_seconds_bucket{le=\"0.4\"} 0\n"
                                   "req_seconds_bucket{le=\"+Inf\"} 0\nreq_seconds_sum 0\nreq_seconds_count 0\n";
        const std::string after = "# TYPE req_seconds histogram\nreq_seconds_bucket{le=\"0.1\"} 2\n"
                                  "req_seconds_bucket{le=\"0.2\"} 6\nreq_seconds_bucket{le=\"0.4\"} 9\n"
                                  "req_seconds_bucket{le=\"+Inf\"} 10\nreq_seconds_sum 2.5 1700000000000\n"
                                  "req_seconds_count 10\n";
        const auto h = readMeasurement({"a", before}, MeasureText{"b", after}, 5.0);
        QVERIFY2(h.ok(), h.ok() ? "" : h.issues().front().message.c_str());
        const engine::MeasuredObject& r = *h->find("req_seconds");
        QCOMPARE(number(r, "rate_per_s"), 2.0);
        QCOMPARE(number(r, "mean"), 0.25);
        // p50: rank 5 in (0.1, 0.2] holding 4 from 2: 0.1 + 0.1 * 3 / 4.
        QVERIFY(close(number(r, "p50"), 0.175));
        // p95: rank 9.5 is in +Inf: the highest finite bound.
        QCOMPARE(number(r, "p95"), 0.4);
        // One scrape: cumulative, no rates.
        const auto one = readMeasurement({"b", after}, std::nullopt, std::nullopt);
        QVERIFY(one.ok());
        QCOMPARE(number(*one->find("req_seconds"), "count"), 10.0);
        QVERIFY(one->find("req_seconds")->find("rate_per_s") == nullptr);
    }

    void prometheusOwnHistogramsAndFederation()
    {
        const auto self = readMeasurement(fixture("prometheus-self.txt"), std::nullopt, std::nullopt);
        QVERIFY(self.ok());
        const engine::MeasuredObject* metrics =
            self->find("prometheus_http_request_duration_seconds{handler=\"/metrics\"}");
        QVERIFY(metrics != nullptr);
        QCOMPARE(*metrics->text("type"), std::string("histogram"));
        QVERIFY(number(*metrics, "count") > 0.0);
        const auto federated = readMeasurement(fixture("prometheus-federate.txt"), std::nullopt, std::nullopt);
        QVERIFY(federated.ok());
        const engine::MeasuredObject* bench = federated->find("pg_stat_database_xact_commit{datname=\"bench\"}");
        QVERIFY(bench != nullptr);
        QCOMPARE(*bench->text("type"), std::string("untyped"));
    }

    void k6BothShapes()
    {
        for (const char* name : {"k6-summary-export.json", "k6-handle-summary.json"}) {
            const auto read = readMeasurement(fixture(name), std::nullopt, std::nullopt);
            QVERIFY(read.ok());
            const engine::MeasuredObject& k6 = read->objects.front();
            QCOMPARE(number(k6, "vus_max"), 20.0);
            QCOMPARE(number(k6, "http_reqs_rps"), 95.5);
            QCOMPARE(number(k6, "http_req_duration_ms.avg"), 41.25);
            QCOMPARE(number(k6, "http_req_duration_ms.p95"), 88.0);
            QCOMPARE(number(k6, "http_req_failed_fraction"), 0.02);
        }
    }

    void jmeterNearestRank()
    {
        const auto read = readMeasurement(fixture("jmeter.jtl"), std::nullopt, std::nullopt);
        QVERIFY(read.ok());
        const engine::MeasuredObject& total = read->objects.back();
        QCOMPARE(total.name, std::string("total"));
        QCOMPARE(number(total, "samples"), 10.0);
        // Samples start at 1000..1900 ms; the last ends at 1900 + 100: 10 in 1.0 s.
        QCOMPARE(number(total, "throughput_rps"), 10.0);
        QCOMPARE(number(total, "p50_ms"), 50.0);   // ceil(0.5 x 10) = 5th smallest
        QCOMPARE(number(total, "p95_ms"), 100.0);  // 10th
        QCOMPARE(number(total, "error_fraction"), 0.1);
        const engine::MeasuredObject* login = read->find("login, then list");
        QVERIFY(login != nullptr); // a quoted label with a comma
        QCOMPARE(number(*login, "samples"), 4.0);
    }
};

QTEST_GUILESS_MAIN(TestMeasureReaders)
#include "tst_measure_readers.moc"
