// SPDX-License-Identifier: MIT
#include "ModelJson.h"

#include "JsonWriter.h"

#include "engine/Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace headroom::model {

namespace {

using engine::Issue;
using engine::Issues;

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

/// Where in the text a parse error is, as "line L, column C".
QString position(const QByteArray& json, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

class Reader {
public:
    Issues issues;

    void wrongType(const std::string& subject, const char* expected, const QJsonValue& got)
    {
        issues.push_back({subject, std::string("must be ") + expected + ", got " + str(typeName(got))});
    }

    std::optional<std::string> text(const QJsonObject& o, const char* key, const std::string& subject, bool required)
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
    std::optional<double> fieldValue(const QJsonValue& v, const engine::FieldRule& rule, const std::string& subject)
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

    engine::Component component(const QJsonValue& value, std::size_t index)
    {
        engine::Component c;
        const std::string where = "components[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return c;
        }
        const QJsonObject o = value.toObject();
        c.id = text(o, "id", where + ".id", true).value_or("");
        const std::string name = engine::isValidId(c.id) ? c.id : where;
        if (const auto kind = text(o, "kind", name + ".kind", true)) {
            if (const auto parsed = engine::parseKind(*kind)) {
                c.kind = *parsed;
            } else {
                std::string known;
                for (const auto k : engine::allKinds())
                    known += (known.empty() ? "" : ", ") + std::string(engine::kindName(k));
                issues.push_back({name + ".kind", "unknown kind '" + *kind + "'; expected one of " + known});
            }
        }
        if (const auto role = text(o, "role", name + ".role", false)) {
            if (const auto parsed = engine::parseRole(*role))
                c.role = *parsed;
            else
                issues.push_back({name + ".role", "unknown role '" + *role + "'; expected primary or replica"});
        }
        c.label = text(o, "label", name + ".label", false).value_or("");
        c.notes = text(o, "notes", name + ".notes", false).value_or("");
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseField(str(it.key()));
            if (!field)
                continue; // unknown keys are ignored (forward compatibility)
            c.set(*field, fieldValue(it.value(), engine::fieldRule(*field), name + "." + str(it.key())));
        }
        return c;
    }

    engine::Link link(const QJsonValue& value, std::size_t index)
    {
        engine::Link l;
        const std::string where = "links[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return l;
        }
        const QJsonObject o = value.toObject();
        l.from = text(o, "from", where + ".from", true).value_or("");
        l.to = text(o, "to", where + ".to", true).value_or("");
        const std::string name = "link " + l.from + " -> " + l.to;
        if (const auto kind = text(o, "kind", name + ".kind", false)) {
            if (const auto parsed = engine::parseLinkKind(*kind))
                l.kind = *parsed;
            else
                issues.push_back({name, "unknown kind '" + *kind + "'; expected sync, async or replication"});
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = engine::parseLinkField(str(it.key()));
            if (field)
                l.set(*field, fieldValue(it.value(), engine::linkFieldRule(*field), name + "." + str(it.key())));
        }
        return l;
    }

    engine::Scenario scenario(const QJsonValue& value, std::size_t index)
    {
        engine::Scenario s;
        const std::string where = "scenarios[" + std::to_string(index) + "]";
        if (!value.isObject()) {
            wrongType(where, "an object", value);
            return s;
        }
        const QJsonObject o = value.toObject();
        s.name = text(o, "name", where + ".name", true).value_or("");
        const std::string name = "scenario \"" + s.name + "\"";
        if (const QJsonValue m = o.value(QLatin1String("multiplier")); !m.isUndefined()) {
            if (m.isDouble())
                s.multiplier = m.toDouble();
            else
                wrongType(name + ".multiplier", "a number", m);
        }
        const QJsonValue overrides = o.value(QLatin1String("overrides"));
        if (overrides.isUndefined())
            return s;
        if (!overrides.isObject()) {
            wrongType(name + ".overrides", "an object of component ids", overrides);
            return s;
        }
        const QJsonObject byComponent = overrides.toObject();
        for (auto it = byComponent.begin(); it != byComponent.end(); ++it) {
            const std::string component = str(it.key());
            const std::string subject = name + "." + component;
            if (!it.value().isObject()) {
                wrongType(subject, "an object of field values", it.value());
                continue;
            }
            const QJsonObject fields = it.value().toObject();
            for (auto f = fields.begin(); f != fields.end(); ++f) {
                const auto field = engine::parseField(str(f.key()));
                if (!field) {
                    issues.push_back({subject + "." + str(f.key()),
                                      "not a field a scenario can override (id, kind and role cannot change; "
                                      "see the model format for the numeric fields)"});
                    continue;
                }
                if (const auto v = fieldValue(f.value(), engine::fieldRule(*field), subject + "." + str(f.key())))
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
                issues.push_back({key, "required: a list"});
            return out;
        }
        if (!v.isArray()) {
            wrongType(key, "a list", v);
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
    const std::string where = str(source);
    if (json.trimmed().isEmpty())
        return Issue{where, "the file is empty; a model is a JSON object (see the model format)"};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Issue{where, "not valid JSON: " + str(error.errorString()) + " at " +
                                str(position(json, error.offset))};
    if (!doc.isObject())
        return Issue{where, "a model is a JSON object with components and links, not " +
                                str(doc.isArray() ? QStringLiteral("a list") : QStringLiteral("a single value"))};
    const QJsonObject root = doc.object();
    Reader reader;
    if (const QJsonValue format = root.value(QLatin1String("format")); !format.isUndefined()) {
        if (format.toString() != QLatin1String("headroom-model"))
            reader.issues.push_back({"format", "expected \"headroom-model\", got " +
                                                   (format.isString() ? "\"" + str(format.toString()) + "\""
                                                                      : str(typeName(format)))});
    }
    if (const QJsonValue version = root.value(QLatin1String("version")); !version.isUndefined()) {
        if (!version.isDouble())
            reader.wrongType("version", "the number 1", version);
        else if (version.toDouble() != 1.0)
            reader.issues.push_back({"version", "this file is version " + engine::formatNumber(version.toDouble()) +
                                                    "; this program reads version 1"});
    }
    engine::Model model;
    model.name = reader.text(root, "name", "name", false).value_or("");
    model.description = reader.text(root, "description", "description", false).value_or("");
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
        for (const engine::Field field : engine::allFields()) {
            const auto value = c.get(field);
            if (!value)
                continue;
            const engine::FieldRule& rule = engine::fieldRule(field);
            if (rule.type == engine::ValueType::Flag)
                w.field(rule.key, *value != 0.0);
            else
                w.field(rule.key, *value);
        }
        if (!c.notes.empty())
            w.field("notes", c.notes);
        w.endObject();
    }
    w.endArray();
    w.key("links").beginArray();
    for (const engine::Link& l : model.links) {
        w.beginObject();
        w.field("from", l.from).field("to", l.to);
        if (l.kind)
            w.field("kind", engine::linkKindName(*l.kind));
        for (const engine::LinkField field : engine::allLinkFields()) {
            if (const auto value = l.get(field))
                w.field(engine::linkFieldRule(field).key, *value);
        }
        w.endObject();
    }
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
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    std::string text = w.take();
    text += '\n';
    return QByteArray::fromStdString(text);
}

} // namespace headroom::model
