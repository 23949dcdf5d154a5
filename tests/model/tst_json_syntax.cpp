// SPDX-License-Identifier: MIT
// The strict JSON syntax check that model files pass before Qt parses them: one row per
// rule, with the problem it must name and where it must put it.
#include "io/JsonSyntax.h"

#include <QtTest/QTest>

#include <string>

using namespace headroom;

class TestJsonSyntax : public QObject {
    Q_OBJECT

private slots:
    void validTextPasses_data();
    void validTextPasses();
    void problemsAreNamedAndPlaced_data();
    void problemsAreNamedAndPlaced();
    void nestingIsBounded();
    void positionsCountLinesAndColumns_data();
    void positionsCountLinesAndColumns();
};

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

} // namespace

void TestJsonSyntax::validTextPasses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("object") << QByteArray(R"({"a": 1, "b": [true, false, null], "c": {"d": "e"}})");
    QTest::newRow("empty containers") << QByteArray(R"({"a": {}, "b": []})");
    QTest::newRow("scalar document") << QByteArray("42");
    QTest::newRow("white space around") << QByteArray(" \t\r\n{}\n ");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"a\": 1}");
    QTest::newRow("numbers") << QByteArray("[0, -0, 1.5, -2e10, 3E+2, 4e-3, 0.25]");
    QTest::newRow("smallest normal and largest double") << QByteArray("[2.2250738585072014e-308, 1.7976931348623157e308]");
    QTest::newRow("escapes") << QByteArray(R"(["\" \\ \/ \b \f \n \r \t", "\u00e9", "\ud83d\ude00"])");
    QTest::newRow("UTF-8 text") << QByteArray("[\"caf\xC3\xA9\", \"\xF0\x9F\x98\x80\"]");
    QTest::newRow("same key in two objects") << QByteArray(R"([{"a": 1}, {"a": 2}])");
}

void TestJsonSyntax::validTextPasses()
{
    QFETCH(QByteArray, text);
    const auto problem = model::checkJsonSyntax(view(text));
    QVERIFY2(!problem, problem ? problem->message.c_str() : "");
}

void TestJsonSyntax::problemsAreNamedAndPlaced_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("words");  ///< part of the message
    QTest::addColumn<int>("offset");     ///< the byte the problem is at
    // Qt's parser accepts these; the contract does not.
    QTest::newRow("decimal point without digits") << QByteArray("[1.]") << "a decimal point must have digits" << 3;
    QTest::newRow("number starting with a point") << QByteArray("[.5]") << "expected a value, found '.'" << 1;
    QTest::newRow("unknown escape") << QByteArray(R"(["\q"])") << "an invalid escape \\q" << 2;
    QTest::newRow("raw control character") << QByteArray("[\"a\tb\"]") << "a control character (byte 0x09)" << 3;
    QTest::newRow("duplicate key") << QByteArray(R"({"a": 1, "a": 2})") << "the key \"a\" appears twice" << 9;
    // Everyday mistakes, each with what to do about it.
    QTest::newRow("trailing comma") << QByteArray("[1, 2,]") << "a comma before ']': JSON has no trailing commas" << 6;
    QTest::newRow("comment") << QByteArray("{// models\n}") << "JSON has no comments" << 1;
    QTest::newRow("single quotes") << QByteArray("['a']") << "double quotes, not single quotes" << 1;
    QTest::newRow("single-quoted key") << QByteArray("{'a': 1}") << "JSON keys take double quotes" << 1;
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << "expected ':' after the key \"a\", found '1'" << 5;
    QTest::newRow("missing comma") << QByteArray("[1 2]") << "expected ',' or ']', found '2'" << 3;
    QTest::newRow("not a number") << QByteArray("[NaN]") << "JSON has no not-a-number or infinite values" << 1;
    QTest::newRow("negative infinity") << QByteArray("[-Infinity]") << "JSON has no not-a-number or infinite values"
                                       << 2;
    QTest::newRow("leading zero") << QByteArray("[012]") << "a number with a leading zero (or in hex)" << 1;
    QTest::newRow("hexadecimal") << QByteArray("[0x1F]") << "a number with a leading zero (or in hex)" << 1;
    QTest::newRow("minus alone") << QByteArray("[-]") << "a '-' without digits" << 2;
    QTest::newRow("exponent without digits") << QByteArray("[1e]") << "an exponent must have digits" << 3;
    QTest::newRow("too large") << QByteArray("[1e999]") << "is too large (finite numbers reach about 1.8e308)" << 1;
    QTest::newRow("too close to 0") << QByteArray("[1e-999]") << "is too close to 0 to represent" << 1;
    QTest::newRow("unterminated string") << QByteArray("[\"abc") << "a string is not closed" << 1;
    QTest::newRow("unterminated object") << QByteArray(R"({"a": 1)") << "the text ends inside an object: a '}' is missing"
                                         << 7;
    QTest::newRow("unterminated list") << QByteArray("[1, 2") << "the text ends inside a list: a ']' is missing" << 5;
    QTest::newRow("two documents") << QByteArray("{} {}") << "more text after the end of the document" << 3;
    QTest::newRow("empty") << QByteArray("") << "the text ends where a value should be" << 0;
    QTest::newRow("value missing before a bracket") << QByteArray(R"({"a": })") << "a value is missing before '}'" << 6;
    QTest::newRow("short unicode escape") << QByteArray(R"(["\u12"])") << "\\u must be followed by four hexadecimal digits"
                                          << 2;
    QTest::newRow("lone low surrogate") << QByteArray(R"(["\udc00"])") << "second half of a surrogate pair without the first"
                                        << 2;
    QTest::newRow("lone high surrogate") << QByteArray(R"(["\ud83d"])") << "first half of a surrogate pair without the second"
                                         << 2;
    QTest::newRow("not UTF-8") << QByteArray("[\"\xFF\"]") << "bytes that are not UTF-8 text (byte 0xFF)" << 2;
    QTest::newRow("UTF-8 cut at the end") << QByteArray("[\"\xC3") << "not UTF-8 text at the end of the file" << 2;
    QTest::newRow("overlong UTF-8") << QByteArray("[\"\xC0\xAF\"]") << "bytes that are not UTF-8 text (byte 0xC0)" << 2;
    QTest::newRow("binary byte") << QByteArray("[\x01]") << "expected a value, found byte 0x01" << 1;
}

void TestJsonSyntax::problemsAreNamedAndPlaced()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, words);
    QFETCH(int, offset);
    const auto problem = model::checkJsonSyntax(view(text));
    QVERIFY2(problem, "accepted");
    QVERIFY2(QString::fromStdString(problem->message).contains(words),
             qPrintable("the message is: " + QString::fromStdString(problem->message)));
    QCOMPARE(problem->offset, static_cast<std::size_t>(offset));
}

void TestJsonSyntax::nestingIsBounded()
{
    const QByteArray deepest = QByteArray(256, '[') + QByteArray(256, ']');
    QVERIFY(!model::checkJsonSyntax(view(deepest)));
    const QByteArray tooDeep = QByteArray(257, '[') + QByteArray(257, ']');
    const auto problem = model::checkJsonSyntax(view(tooDeep));
    QVERIFY(problem);
    QVERIFY2(problem->message.find("nested more than 256 levels deep") != std::string::npos, problem->message.c_str());
    QCOMPARE(problem->offset, std::size_t{256});
}

void TestJsonSyntax::positionsCountLinesAndColumns_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("position");
    QTest::newRow("start") << QByteArray("{}") << 0 << "line 1, column 1";
    QTest::newRow("first line") << QByteArray("{\"a\": 1}") << 5 << "line 1, column 6";
    QTest::newRow("after a newline") << QByteArray("{\n  \"a\"\n}") << 4 << "line 2, column 3";
    QTest::newRow("at a newline") << QByteArray("{\n}") << 1 << "line 1, column 2";
    QTest::newRow("past the end") << QByteArray("{\n") << 9 << "line 2, column 1";
}

void TestJsonSyntax::positionsCountLinesAndColumns()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    QFETCH(QString, position);
    QCOMPARE(QString::fromStdString(model::textPosition(view(text), static_cast<std::size_t>(offset))), position);
}

QTEST_GUILESS_MAIN(TestJsonSyntax)
#include "tst_json_syntax.moc"
