// SPDX-License-Identifier: MIT
#include "Issue.h"

namespace headroom::engine {

namespace {

/// A subject named by `name` alone.
Subject named(Subject::Kind kind, std::string name)
{
    Subject s;
    s.kind = kind;
    s.name = std::move(name);
    return s;
}

} // namespace

Subject Subject::model(std::string part)
{
    return named(Kind::Model, std::move(part));
}

Subject Subject::component(std::string id, std::optional<std::size_t> index, std::string field)
{
    Subject s = named(Kind::Component, std::move(id));
    s.index = index;
    s.field = std::move(field);
    return s;
}

Subject Subject::componentAt(std::size_t index, std::string field)
{
    return component({}, index, std::move(field));
}

Subject Subject::link(std::string from, std::string to, std::optional<std::size_t> index, std::string field)
{
    Subject s = named(Kind::Link, std::move(from));
    s.to = std::move(to);
    s.index = index;
    s.field = std::move(field);
    return s;
}

Subject Subject::linkAt(std::size_t index, std::string field)
{
    return link({}, {}, index, std::move(field));
}

Subject Subject::pool(std::string from, std::string to, std::optional<std::size_t> index)
{
    Subject s = link(std::move(from), std::move(to), index);
    s.kind = Kind::Pool;
    return s;
}

Subject Subject::argument(std::string name)
{
    return named(Kind::Argument, std::move(name));
}

Subject Subject::file(std::string path)
{
    return named(Kind::File, std::move(path));
}

Subject Subject::setting(std::string column)
{
    return named(Kind::Setting, std::move(column));
}

Subject Subject::savedScenario(std::string name, std::string field)
{
    Subject s;
    s.kind = Kind::Scenario;
    s.layer = Layer::Scenario;
    s.scenario = std::move(name);
    s.field = std::move(field);
    return s;
}

Subject Subject::whatIf(std::string field)
{
    Subject s;
    s.kind = Kind::Scenario;
    s.layer = Layer::WhatIf;
    s.field = std::move(field);
    return s;
}

Subject Subject::within(const Subject& scope) const
{
    Subject s = *this;
    s.layer = scope.layer;
    s.scenario = scope.scenario;
    return s;
}

Subject Subject::withField(std::string key) const
{
    Subject s = *this;
    s.field = std::move(key);
    return s;
}

namespace {

/// The part of a subject's text that names what it is about, without its layer and field.
std::string what(const Subject& s, SubjectWords words)
{
    const auto place = [&s](const char* list) {
        return s.index ? std::string(list) + "[" + std::to_string(*s.index) + "]" : std::string(list);
    };
    switch (s.kind) {
    case Subject::Kind::Model:
    case Subject::Kind::Argument:
    case Subject::Kind::File:
        return s.name;
    case Subject::Kind::Component:
        if (s.name.empty())
            return place("components");
        return words == SubjectWords::Sentence && s.layer == Subject::Layer::Model ? "component '" + s.name + "'"
                                                                                   : s.name;
    case Subject::Kind::Link:
        if (s.name.empty() && s.to.empty())
            return place("links");
        return "link " + s.name + " -> " + s.to;
    case Subject::Kind::Pool:
        return "pool " + s.name + " -> " + s.to;
    case Subject::Kind::Scenario:
        return {};
    case Subject::Kind::Setting:
        return "settings" + std::string(words == SubjectWords::Sentence ? ": " : ".") + s.name;
    }
    return {};
}

} // namespace

std::string subjectText(const Subject& subject, SubjectWords words)
{
    std::string text;
    switch (subject.layer) {
    case Subject::Layer::Model:
        break;
    case Subject::Layer::Scenario:
        text = "scenario \"" + subject.scenario + "\"";
        break;
    case Subject::Layer::WhatIf:
        text = "what-if";
        break;
    }
    const auto append = [&text](const std::string& part, const char* separator) {
        if (part.empty())
            return;
        if (!text.empty())
            text += separator;
        text += part;
    };
    append(what(subject, words), ".");
    // In sentences a component's field follows a colon ("component 'app': servers").
    const bool sentence = words == SubjectWords::Sentence && subject.kind == Subject::Kind::Component &&
                          subject.layer == Subject::Layer::Model && !subject.name.empty();
    append(subject.field, sentence ? ": " : ".");
    return text;
}

std::string issueText(const Issue& issue, SubjectWords words)
{
    const std::string subject = subjectText(issue.subject, words);
    return subject.empty() ? issue.message : subject + ": " + issue.message;
}

} // namespace headroom::engine
