// SPDX-License-Identifier: MIT
// Copying a selection to the clipboard format and reading it back.
#include "DocumentFixtures.h"

#include "document/Clipboard.h"
#include "document/Document.h"

#include <QtCore/QMimeData>
#include <QtTest/QTest>

using namespace headroom;
using model::ComponentId;
using model::Document;

class TestClipboard : public QObject {
    Q_OBJECT

private slots:
    void fragmentHoldsTheSelectionAndTheLinksBetweenIt()
    {
        Document doc;
        doc.load(testing::webModel());
        // Selection order does not matter: the fragment keeps the model's order.
        const engine::Model fragment =
            model::copyFragment(doc, {doc.findComponent("db"), doc.findComponent("app"), doc.findComponent("replica")});
        QCOMPARE(fragment.components.size(), std::size_t(3));
        QCOMPARE(fragment.components[0].id, std::string("app"));
        QCOMPARE(fragment.components[1].id, std::string("db"));
        QCOMPARE(fragment.links.size(), std::size_t(2)); // app -> db, db -> replica
        QVERIFY(fragment.scenarios.empty());
        QVERIFY(fragment.components[0] == doc.component(doc.findComponent("app")));
    }

    void mimeRoundTrip()
    {
        Document doc;
        doc.load(testing::webModel());
        const engine::Model fragment = model::copyFragment(doc, {doc.findComponent("app"), doc.findComponent("db")});
        const std::unique_ptr<QMimeData> mime = model::fragmentMimeData(fragment);
        QVERIFY(mime->hasFormat(QString::fromLatin1(model::kFragmentMimeType)));
        QVERIFY(mime->hasText());
        QVERIFY(model::canPaste(mime.get()));
        const auto back = model::fragmentFromMimeData(mime.get());
        QVERIFY(back.ok());
        QVERIFY(*back == fragment);
    }

    void plainTextModelsPasteToo()
    {
        QMimeData mime;
        mime.setText(QStringLiteral(R"({"components": [{"id": "w", "kind": "worker", "service_ms": 3}], "links": []})"));
        QVERIFY(model::canPaste(&mime));
        const auto fragment = model::fragmentFromMimeData(&mime);
        QVERIFY(fragment.ok());
        QCOMPARE(fragment->components.front().kind, engine::ComponentKind::Worker);
    }

    void whatIsNotAModelIsRefusedWithAReason()
    {
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QVERIFY(!model::canPaste(&text));
        QVERIFY(!model::fragmentFromMimeData(&text).ok());
        QMimeData broken;
        broken.setData(QString::fromLatin1(model::kFragmentMimeType), "{\"components\": [");
        const auto result = model::fragmentFromMimeData(&broken);
        QVERIFY(!result.ok());
        QVERIFY(!result.issues().front().message.empty());
        QVERIFY(!model::canPaste(nullptr));
    }
};

QTEST_GUILESS_MAIN(TestClipboard)
#include "tst_clipboard.moc"
