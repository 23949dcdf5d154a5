// SPDX-License-Identifier: MIT
#include "ModelJson.h"

#include "JsonSyntax.h"
#include "JsonWriter.h"

#include "engine/Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <charconv>
#include <functional>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace headroom::model {

namespace {

using engine::Issue;
using engine::Issues;
using engine::Subject;

std::string str(const QString& s)
{
    return s.toStdString();
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

/// Text that is plainly not UTF-8: a UTF-16 or UTF-32 byte order mark, or the zero
/// bytes with which those encodings write ASCII.
std::optional<std::string> wrongEncoding(const QByteArray& json)
{
    const auto at = [&](qsizetype i) { return i < json.size() ? static_cast<unsigned char>(json[i]) : 0x100u; };
    // JSON text starts with white space or an ASCII character that opens a value.
    const auto opens = [](unsigned byte) {
        return byte > 0 && byte < 0x80 && std::strchr(" \t\r\n{[\"-0123456789tfn", static_cast<int>(byte)) != nullptr;
    };
    if ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF) ||
        (at(0) == 0x00 && at(1) != 0x00 && opens(at(1))) || (at(0) != 0x00 && opens(at(0)) && at(1) == 0x00) ||
        (at(0) == 0x00 && at(1) == 0x00 && at(2) == 0xFE && at(3) == 0xFF))
        return "the file is UTF-16 or UTF-32 text; save it as UTF-8";
    return std::nullopt;
}

/// What a non-object document is, for "a model is a JSON object, not ...".
std::string describeDocument(const QByteArray& json)
{
    qsizetype i = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r'))
        ++i;
    switch (i < json.size() ? json[i] : '\0') {
    case '[':
        return "a list";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "a boolean";
    case 'n':
        return "null";
    default:
        return "a number";
    }
}

class Reader {
public:
    Issues issues;

    void wrongType(const Subject& subject, const char* expected, const QJsonValue& got)
    {
        issues.push_back({subject, std::string("must be ") + expected + ", got " + str(typeName(got))});
    }

    std::optional<std::string> text(const QJsonObject& o, const char* key, const Subject& subject, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                issues.push_back({subject, "required: a string"});
            return std::nullopt;
        }
        if (!v.isString()) {
            wrongType(subject, "a string", v);
            return std::nullopt;
        }
        return str(v.toString());
    }

    /// A number or flag for a field rule; wrong types are reported, ranges are not.
    std::optional<double> fieldValue(const QJsonValue& v, const engine::FieldRule& rule, const Subject& subject)
    {
        if (rule.type == engine::ValueType::Flag) {
            if (!v.isBool()) {
                wrongType(subject, "true or false", v);
                return std::nullopt;
            }
            return v.toBool() ? 1.0 : 0.0;
        }
        if (!v.isDouble()) {
            wrongType(subject, rule.type == engine::ValueType::Count ? "an integer" : "a number", v);
            return std::nullopt;
        }
        return v.toDouble();
    }

    /// "calibrated": {"service_ms": {"source": ..., "at": ..., ...}}: where fields came from
    /// (spec section 10.1). Only fields the owner can have are kept.
    std::vector<engine::CalibrationMark> calibrated(const QJsonObject& o, const Subject& subject,
                                                    const std::function<bool(const std::string&)>& known)
    {
        std::vector<engine::CalibrationMark> marks;
        const QJsonValue v = o.value(QLatin1String("calibrated"));
        if (v.isUndefined())
            return marks;
        if (!v.isObject()) {
            wrongType(subject.withField("calibrated"), "an object of fields", v);
            return marks;
        }
        const QJsonObject fields = v.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const std::string field = str(it.key());
            const std::string where = "calibrated." + field;
            if (!known(field))
                continue; // a field of a later version: ignored, like any unknown key
            if (!it.value().isObject()) {
                wrongType(subject.withField(where), "an object", it.value());
                continue;
            }
            const QJsonObject m = it.value().toObject();
            engine::CalibrationMark mark;
            mark.field = field;
            mark.source = text(m, "source", subject.withField(where + ".source"), false).value_or("");
            mark.at = text(m, "at", subject.withField(where + ".at"), false).value_or("");
            mark.file = text(m, "file", subject.withField(where + ".file"), false).value_or("");
            mark.object = text(m, "object", subject.withField(where + ".object"), false).value_or("");
            mark.figure = text(m, "figure", subject.withField(where + ".figure"), false).value_or("");
            for (const auto& [key, target] : {std::pair("value", &mark.value), std::pair("measured", &mark.measured)}) {
                const QJsonValue number = m.value(QLatin1String(key));
                if (number.isDouble())
                    *target = number.toDouble();
                else if (!number.isUndefined())
                    wrongType(subject.withField(where + "." + key), "a number", number);
            }
            marks.push_back(std::move(mark));
        }
        return marks;
    }

    engine::Component component(const QJsonValue& value, std::size_t index)
    {
        engine::Component c;
        const Subject where = Subject::componentAt(index);
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return c;
        }
        const QJsonObject o = value.toObject();
        c.id = text(o, "id", where.withField("id"), true).value_or("");
        const Subject name = engine::isValidId(c.id) ? Subject::component(c.id, index) : where;
        if (const auto kind = text(o, "kind", name.withField("kind"), true)) {
            if (const auto parsed = engine::parseKind(*kind)) {
                c.kind = *parsed;
            } else {
                std::string known;
                for (const auto k : engine::allKinds())
                    known += (known.empty() ? "" : ", ") + std::string(engine::kindName(k));
                issues.push_back({name.withField("kind"), "unknown kind '" + *kind + "'; expected one of " + known});
            }
        }
        if (const auto role = text(o, "role", name.withField("role"), false)) {
            if (const auto parsed = engine::parseRole(*role))
                c.role = *parsed;
            else
                issues.push_back({name.withField("role"), "unknown role '" + *role + "'; expected primary or replica"});
        }
        c.label = text(o, "label", name.withField("label"), false).value_or("");
        c.notes = text(o, "notes", name.withField("notes"), false).value_or("");
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseField(str(it.key()));
            if (!field)
                continue; // unknown keys are ignored (forward compatibility)
            c.set(*field, fieldValue(it.value(), engine::fieldRule(*field), name.withField(str(it.key()))));
        }
        c.calibrated = calibrated(o, name, [](const std::string& key) { return engine::parseField(key).has_value(); });
        return c;
    }

    engine::Link link(const QJsonValue& value, std::size_t index)
    {
        engine::Link l;
        const Subject where = Subject::linkAt(index);
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return l;
        }
        const QJsonObject o = value.toObject();
        l.from = text(o, "from", where.withField("from"), true).value_or("");
        l.to = text(o, "to", where.withField("to"), true).value_or("");
        const Subject name = Subject::link(l.from, l.to, index);
        if (const auto kind = text(o, "kind", name.withField("kind"), false)) {
            if (const auto parsed = engine::parseLinkKind(*kind))
                l.kind = *parsed;
            else
                issues.push_back({name, "unknown kind '" + *kind + "'; expected sync, async or replication"});
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseLinkField(str(it.key()));
            if (field)
                l.set(*field, fieldValue(it.value(), engine::linkFieldRule(*field), name.withField(str(it.key()))));
        }
        l.calibrated = calibrated(o, name, [](const std::string& key) { return engine::parseLinkField(key).has_value(); });
        return l;
    }

    /// A scenario's "link_overrides" (our extension of the contract): a list of
    /// {"from": A, "to": B, field: value...}, one object per link.
    std::vector<engine::LinkOverride> linkOverrides(const QJsonValue& value, const Subject& scenario)
    {
        std::vector<engine::LinkOverride> out;
        if (value.isUndefined())
            return out;
        const Subject where = Subject::model("link_overrides").within(scenario);
        if (!value.isArray()) {
            wrongType(where, "a list of links", value);
            return out;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Subject item = Subject::model("link_overrides[" + std::to_string(i) + "]").within(scenario);
            if (!list[i].isObject()) {
                wrongType(item, "an object", list[i]);
                continue;
            }
            const QJsonObject o = list[i].toObject();
            const auto from = text(o, "from", item.withField("from"), true);
            const auto to = text(o, "to", item.withField("to"), true);
            if (!from || !to)
                continue;
            const Subject subject = Subject::link(*from, *to).within(scenario);
            for (auto it = o.begin(); it != o.end(); ++it) {
                const std::string key = str(it.key());
                if (key == "from" || key == "to")
                    continue;
                const auto field = engine::parseLinkField(key);
                if (!field) {
                    std::string known;
                    for (const engine::LinkField f : engine::allLinkFields())
                        known += (known.empty() ? "" : ", ") + std::string(engine::linkFieldRule(f).key);
                    issues.push_back(
                        {subject.withField(key), "not a link field a scenario can override (" + known + ")"});
                    continue;
                }
                if (const auto v = fieldValue(it.value(), engine::linkFieldRule(*field), subject.withField(key)))
                    out.push_back({*from, *to, *field, *v});
            }
        }
        return out;
    }

    engine::Scenario scenario(const QJsonValue& value, std::size_t index)
    {
        engine::Scenario s;
        const Subject where = Subject::model("scenarios[" + std::to_string(index) + "]");
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return s;
        }
        const QJsonObject o = value.toObject();
        s.name = text(o, "name", where.withField("name"), true).value_or("");
        const Subject name = Subject::savedScenario(s.name);
        if (const QJsonValue m = o.value(QLatin1String("multiplier")); !m.isUndefined()) {
            if (m.isDouble())
                s.multiplier = m.toDouble();
            else
                wrongType(name.withField("multiplier"), "a number", m);
        }
        s.linkOverrides = linkOverrides(o.value(QLatin1String("link_overrides")), name);
        const QJsonValue overrides = o.value(QLatin1String("overrides"));
        if (overrides.isUndefined())
            return s;
        if (!overrides.isObject()) {
            wrongType(name.withField("overrides"), "an object of component ids", overrides);
            return s;
        }
        const QJsonObject byComponent = overrides.toObject();
        for (auto it = byComponent.begin(); it != byComponent.end(); ++it) {
            const std::string component = str(it.key());
            const Subject subject = Subject::component(component).within(name);
            if (!it.value().isObject()) {
                wrongType(subject, "an object of field values", it.value());
                continue;
            }
            const QJsonObject fields = it.value().toObject();
            for (auto f = fields.begin(); f != fields.end(); ++f) {
                const auto field = engine::parseField(str(f.key()));
                if (!field) {
                    issues.push_back({subject.withField(str(f.key())),
                                      "not a field a scenario can override (id, kind and role cannot change; "
                                      "see the model format for the numeric fields)"});
                    continue;
                }
                if (const auto v = fieldValue(f.value(), engine::fieldRule(*field), subject.withField(str(f.key()))))
                    s.overrides.push_back({component, *field, *v});
            }
        }
        return s;
    }

    template <typename T, typename Fn>
    std::vector<T> list(const QJsonObject& root, const char* key, bool required, Fn&& each)
    {
        std::vector<T> out;
        const QJsonValue v = root.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                issues.push_back({Subject::model(key), "required: a list"});
            return out;
        }
        if (!v.isArray()) {
            wrongType(Subject::model(key), "a list", v);
            return out;
        }
        const QJsonArray array = v.toArray();
        out.reserve(static_cast<std::size_t>(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            out.push_back(each(array.at(i), static_cast<std::size_t>(i)));
        return out;
    }
};

} // namespace

engine::Checked<engine::Model> readModelJson(const QByteArray& json, const QString& source)
{
    const Subject where = Subject::file(str(source));
    if (json.trimmed().isEmpty())
        return Issue{where, "the file is empty; a model is a JSON object (see the model format)"};
    if (const auto encoding = wrongEncoding(json))
        return Issue{where, *encoding};
    const std::string_view text(json.constData(), static_cast<std::size_t>(json.size()));
    if (const auto problem = checkJsonSyntax(text))
        return Issue{where, "not valid JSON: " + problem->message + " at " + textPosition(text, problem->offset)};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject() && (error.error == QJsonParseError::NoError || error.error == QJsonParseError::IllegalValue))
        return Issue{where, "a model is a JSON object with components and links, not " + describeDocument(json)};
    if (error.error != QJsonParseError::NoError)
        return Issue{where, "not valid JSON: " + str(error.errorString()) + " at " +
                                textPosition(text, static_cast<std::size_t>(error.offset))};
    const QJsonObject root = doc.object();
    Reader reader;
    if (const QJsonValue format = root.value(QLatin1String("format")); !format.isUndefined()) {
        if (format.toString() != QLatin1String("headroom-model"))
            reader.issues.push_back({Subject::model("format"), "expected \"headroom-model\", got " +
                                                   (format.isString() ? "\"" + str(format.toString()) + "\""
                                                                      : str(typeName(format)))});
    }
    if (const QJsonValue version = root.value(QLatin1String("version")); !version.isUndefined()) {
        if (!version.isDouble())
            reader.wrongType(Subject::model("version"), "the number 1", version);
        else if (version.toDouble() != 1.0)
            reader.issues.push_back({Subject::model("version"), "this file is version " +
                                                                    engine::formatNumber(version.toDouble()) +
                                                                    "; this program reads version 1"});
    }
    engine::Model model;
    model.name = reader.text(root, "name", Subject::model("name"), false).value_or("");
    model.description = reader.text(root, "description", Subject::model("description"), false).value_or("");
    model.components = reader.list<engine::Component>(
        root, "components", true, [&](const QJsonValue& v, std::size_t i) { return reader.component(v, i); });
    model.links = reader.list<engine::Link>(root, "links", false,
                                            [&](const QJsonValue& v, std::size_t i) { return reader.link(v, i); });
    model.scenarios = reader.list<engine::Scenario>(
        root, "scenarios", false, [&](const QJsonValue& v, std::size_t i) { return reader.scenario(v, i); });
    if (!reader.issues.empty())
        return reader.issues;
    return model;
}

QByteArray writeModelJson(const engine::Model& model)
{
    JsonWriter w;
    w.beginObject();
    w.field("format", "headroom-model").field("version", 1);
    if (!model.name.empty())
        w.field("name", model.name);
    if (!model.description.empty())
        w.field("description", model.description);
    w.key("components").beginArray();
    for (const engine::Component& c : model.components) {
        w.beginObject();
        w.field("id", c.id).field("kind", engine::kindName(c.kind));
        if (c.role)
            w.field("role", engine::roleName(*c.role));
        if (!c.label.empty())
            w.field("label", c.label);
        writeComponentFields(w, c.values);
        writeCalibrationMarks(w, c.calibrated);
        if (!c.notes.empty())
            w.field("notes", c.notes);
        w.endObject();
    }
    w.endArray();
    w.key("links").beginArray();
    for (const engine::Link& l : model.links)
        writeLinkJson(w, l);
    w.endArray();
    if (!model.scenarios.empty()) {
        w.key("scenarios").beginArray();
        for (const engine::Scenario& s : model.scenarios) {
            w.beginObject();
            w.field("name", s.name);
            if (s.multiplier)
                w.field("multiplier", *s.multiplier);
            w.key("overrides").beginObject();
            // Group the overrides by component, in the order they first appear.
            std::vector<std::string> order;
            for (const engine::Override& o : s.overrides) {
                if (std::find(order.begin(), order.end(), o.component) == order.end())
                    order.push_back(o.component);
            }
            for (const std::string& component : order) {
                w.key(component).beginObject();
                for (const engine::Override& o : s.overrides) {
                    if (o.component != component)
                        continue;
                    const engine::FieldRule& rule = engine::fieldRule(o.field);
                    if (rule.type == engine::ValueType::Flag)
                        w.field(rule.key, o.value != 0.0);
                    else
                        w.field(rule.key, o.value);
                }
                w.endObject();
            }
            w.endObject();
            if (!s.linkOverrides.empty()) {
                // One object per link, in the order each link first appears.
                w.key("link_overrides").beginArray();
                std::vector<std::pair<std::string, std::string>> links;
                for (const engine::LinkOverride& o : s.linkOverrides) {
                    if (std::find(links.begin(), links.end(), std::pair(o.from, o.to)) == links.end())
                        links.emplace_back(o.from, o.to);
                }
                for (const auto& [from, to] : links) {
                    w.beginObject();
                    w.field("from", from);
                    w.field("to", to);
                    for (const engine::LinkOverride& o : s.linkOverrides) {
                        if (o.from == from && o.to == to)
                            w.field(engine::linkFieldRule(o.field).key, o.value);
                    }
                    w.endObject();
                }
                w.endArray();
            }
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    std::string text = w.take();
    text += '\n';
    return QByteArray::fromStdString(text);
}

void writeLinkJson(JsonWriter& w, const engine::Link& link)
{
    w.beginObject().field("from", link.from).field("to", link.to);
    if (link.kind)
        w.field("kind", engine::linkKindName(*link.kind));
    for (const engine::LinkField field : engine::allLinkFields()) {
        if (const auto value = link.get(field))
            w.field(engine::linkFieldRule(field).key, *value);
    }
    writeCalibrationMarks(w, link.calibrated);
    w.endObject();
}

void writeComponentFields(JsonWriter& w, const std::array<std::optional<double>, engine::kFieldCount>& values)
{
    for (const engine::Field field : engine::allFields()) {
        const auto value = values[static_cast<std::size_t>(field)];
        if (!value)
            continue;
        const engine::FieldRule& rule = engine::fieldRule(field);
        if (rule.type == engine::ValueType::Flag)
            w.field(rule.key, *value != 0.0);
        else
            w.field(rule.key, *value);
    }
}

void writeCalibrationMarks(JsonWriter& w, const std::vector<engine::CalibrationMark>& marks)
{
    if (marks.empty())
        return;
    w.key("calibrated").beginObject();
    for (const engine::CalibrationMark& m : marks) {
        w.key(m.field).beginObject();
        w.field("value", m.value).field("source", m.source).field("at", m.at).field("file", m.file);
        w.field("object", m.object).field("figure", m.figure).field("measured", m.measured);
        w.endObject();
    }
    w.endObject();
}

} // namespace headroom::model
