// SPDX-License-Identifier: MIT
// Model edits, the currency of one-click apply: each kind of edit, purity (the input
// is never changed), replay (the same edits give the same model) and the issues an
// edit that does not fit the model raises.
#include "AdvisorTestModels.h"

#include "engine/Advisor.h"
#include "engine/ModelEdit.h"
#include "io/ModelFile.h"

#include <QtTest/QtTest>

using namespace headroom::engine;
using headroom::testing::ModelBuilder;

Q_DECLARE_METATYPE(headroom::engine::ModelEdit)

namespace {

/// users -> app -> db, with a pool on app -> db.
Model small()
{
    return ModelBuilder()
        .clients("users", 10)
        .component("app", ComponentKind::AppServer, {{Field::Servers, 4}, {Field::ServiceMs, 10}})
        .component("db", ComponentKind::Database, {{Field::Servers, 8}, {Field::ServiceMs, 2}})
        .link("users", "app")
        .link("app", "db", 2.0, std::nullopt, {{LinkField::PoolSize, 10}})
        .model();
}

Component cache()
{
    Component c;
    c.id = "cache";
    c.kind = ComponentKind::Cache;
    c.set(Field::ServiceMs, 0.5);
    c.set(Field::HitRatio, 0.9);
    return c;
}

Link link(const std::string& from, const std::string& to, double calls)
{
    Link l;
    l.from = from;
    l.to = to;
    l.set(LinkField::Calls, calls);
    return l;
}

std::vector<std::string> ids(const Model& m)
{
    std::vector<std::string> out;
    for (const Component& c : m.components)
        out.push_back(c.id);
    return out;
}

} // namespace

class TestModelEdit : public QObject {
    Q_OBJECT

private slots:
    void addComponentAtItsPosition()
    {
        const std::vector<ModelEdit> edits{AddComponent{cache(), 2}};
        const auto out = applyEdits(small(), edits);
        QVERIFY(out.ok());
        QCOMPARE(ids(*out), (std::vector<std::string>{"users", "app", "cache", "db"}));
        QCOMPARE(out->components[2], cache());
        // A position past the end appends.
        const std::vector<ModelEdit> last{AddComponent{cache(), 99}};
        QCOMPARE(applyEdits(small(), last)->components.back().id, std::string("cache"));
    }

    void removeComponentTakesItsLinks()
    {
        const std::vector<ModelEdit> edits{RemoveComponent{"app"}};
        const auto out = applyEdits(small(), edits);
        QVERIFY(out.ok());
        QCOMPARE(ids(*out), (std::vector<std::string>{"users", "db"}));
        QVERIFY(out->links.empty());
    }

    void setAndClearFields()
    {
        const std::vector<ModelEdit> edits{SetField{"app", Field::Instances, 3.0}, SetField{"app", Field::Servers, std::nullopt},
                                           SetField{"app", Field::Stateful, 0.0}};
        const auto out = applyEdits(small(), edits);
        QVERIFY(out.ok());
        const Component& app = out->components[1];
        QCOMPARE(app.get(Field::Instances), std::optional<double>(3.0));
        QVERIFY(!app.has(Field::Servers));
        QCOMPARE(app.get(Field::Stateful), std::optional<double>(0.0));
    }

    void linksAddRemoveRetarget()
    {
        const std::vector<ModelEdit> edits{
            AddComponent{cache(), 2},
            RetargetLink{"app", "db", "app", "cache"},
            SetLinkField{"app", "cache", LinkField::PoolSize, std::nullopt},
            AddLink{link("cache", "db", 1.0)},
            SetLinkKind{"users", "app", LinkKind::Async},
            SetLinkField{"users", "app", LinkField::Calls, 0.5},
        };
        const auto out = applyEdits(small(), edits);
        QVERIFY(out.ok());
        QCOMPARE(out->links.size(), std::size_t{3});
        QCOMPARE(out->links[0].kind, std::optional<LinkKind>(LinkKind::Async));
        QCOMPARE(out->links[0].calls(), 0.5);
        // The retargeted link keeps its calls and loses the pool it was told to.
        QCOMPARE(out->links[1].to, std::string("cache"));
        QCOMPARE(out->links[1].calls(), 2.0);
        QVERIFY(!out->links[1].get(LinkField::PoolSize));
        QCOMPARE(out->links[2].from, std::string("cache"));
        const std::vector<ModelEdit> remove{RemoveLink{"users", "app"}};
        QCOMPARE(applyEdits(small(), remove)->links.size(), std::size_t{1});
    }

    void editsThatDoNotFitAreIssues_data()
    {
        QTest::addColumn<ModelEdit>("edit");
        QTest::addColumn<QString>("message");
        QTest::newRow("duplicate id") << ModelEdit{AddComponent{small().components[1], 0}} << "exists already";
        QTest::newRow("remove a missing component") << ModelEdit{RemoveComponent{"nope"}} << "no component 'nope'";
        QTest::newRow("set a field of a missing component")
            << ModelEdit{SetField{"nope", Field::Servers, 2.0}} << "no component 'nope'";
        QTest::newRow("link to a missing component") << ModelEdit{AddLink{link("app", "nope", 1.0)}}
                                                      << "no component 'nope'";
        QTest::newRow("duplicate link") << ModelEdit{AddLink{link("app", "db", 1.0)}} << "exists already";
        QTest::newRow("remove a missing link") << ModelEdit{RemoveLink{"db", "app"}} << "no link db -> app";
        QTest::newRow("set a field of a missing link")
            << ModelEdit{SetLinkField{"db", "app", LinkField::Calls, 1.0}} << "no link db -> app";
        QTest::newRow("retarget onto an existing link")
            << ModelEdit{RetargetLink{"users", "app", "app", "db"}} << "exists already";
    }

    void editsThatDoNotFitAreIssues()
    {
        QFETCH(ModelEdit, edit);
        QFETCH(QString, message);
        const Model before = small();
        const std::vector<ModelEdit> edits{SetField{"app", Field::Servers, 8.0}, edit};
        const auto out = applyEdits(before, edits);
        QVERIFY(!out.ok());
        QCOMPARE(subjectText(out.issues().front().subject), std::string("edits[1]"));
        QVERIFY2(QString::fromStdString(out.issues().front().message).contains(message),
                 out.issues().front().message.c_str());
        QCOMPARE(before, small());
    }

    void describeEdits()
    {
        QCOMPARE(describeEdit(SetField{"app", Field::Instances, 15.0}), std::string("set app.instances to 15"));
        QCOMPARE(describeEdit(SetField{"app", Field::HottestShare, std::nullopt}),
                 std::string("set app.hottest_share to its default"));
        QCOMPARE(describeEdit(AddComponent{cache(), 0}), std::string("add cache cache"));
        QCOMPARE(describeEdit(RetargetLink{"a", "b", "a", "c"}), std::string("move a -> b to a -> c"));
        QCOMPARE(describeEdit(SetLinkField{"a", "b", LinkField::PoolSize, 12.0}), std::string("set a -> b pool_size to 12"));
    }

    /// Every recommendation the advisor makes on the examples: applying its edits leaves
    /// the input as it was, and replaying them gives the same model again.
    void recommendationsArePureAndReplayable()
    {
        for (const QString& file : headroom::testing::advisor::exampleFiles()) {
            auto loaded = headroom::model::loadModelFile(file);
            QVERIFY(loaded.ok());
            const Model model = *loaded;
            const auto advice = advise(model);
            QVERIFY(advice.ok());
            for (const Finding& f : advice->findings) {
                std::vector<const Recommendation*> shown;
                if (f.recommendation)
                    shown.push_back(&*f.recommendation);
                for (const Recommendation& r : f.alternatives)
                    shown.push_back(&r);
                for (const Recommendation* r : shown) {
                    const Model copy = model;
                    const auto once = applyEdits(copy, r->edits);
                    const auto twice = applyEdits(copy, r->edits);
                    QVERIFY(once.ok() && twice.ok());
                    QCOMPARE(copy, model);
                    QCOMPARE(*once, *twice);
                    QVERIFY(!(*once == model));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestModelEdit)
#include "tst_model_edit.moc"
