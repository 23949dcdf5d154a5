// SPDX-License-Identifier: MIT
#include "report/HtmlReport.h"

#include "report/DiagramExport.h"
#include "report/ReportCharts.h"
#include "report/ReportContent.h"
#include "report/ReportTables.h"
#include "report/ReportText.h"

#include "Theme.h"

#include <QtCore/QLocale>
#include <QtCore/QXmlStreamWriter>

namespace headroom::ui::report {

namespace {

/// The page's style, in the editor's colours (ui/Theme.h).
QString pageStyle()
{
    using namespace theme;
    return QStringLiteral("body{font-family:'DejaVu Sans',Arial,sans-serif;color:%1;max-width:60em;margin:2em auto;"
                          "padding:0 1em;line-height:1.45}"
                          "h1{font-size:1.8em;margin-bottom:0.2em}h2{border-bottom:1px solid %2;margin-top:1.8em}"
                          "table{border-collapse:collapse;font-size:0.85em;margin:0.8em 0}"
                          "th,td{border-bottom:1px solid %2;padding:0.25em 0.5em;text-align:left}"
                          "th{background:%3}td.n,th.n{text-align:right}"
                          "img{max-width:100%;height:auto}.muted{color:%4;font-size:0.9em}"
                          ".critical{color:%5}.warning{color:%6}.info{color:%4}")
        .arg(kText.name(), kRule.name(), kHeaderFill.name(), kMutedText.name(), kAlarm.name(), kChanged.name());
}

/// Writes the page's elements; one method per kind of block.
class Page {
public:
    explicit Page(QByteArray* out) : m_xml(out) { m_xml.setAutoFormatting(true); }

    QXmlStreamWriter& xml() { return m_xml; }

    void element(const QString& name, const QString& text, const QString& cssClass = {})
    {
        m_xml.writeStartElement(name);
        if (!cssClass.isEmpty())
            m_xml.writeAttribute(QStringLiteral("class"), cssClass);
        m_xml.writeCharacters(text);
        m_xml.writeEndElement();
    }

    void section(const QString& id, const QString& title)
    {
        m_xml.writeStartElement(QStringLiteral("h2"));
        m_xml.writeAttribute(QStringLiteral("id"), id);
        m_xml.writeCharacters(title);
        m_xml.writeEndElement();
    }

    void list(const QStringList& items)
    {
        if (items.isEmpty())
            return;
        m_xml.writeStartElement(QStringLiteral("ul"));
        for (const QString& item : items)
            element(QStringLiteral("li"), item);
        m_xml.writeEndElement();
    }

    void svg(const QByteArray& svg, const QString& alt)
    {
        m_xml.writeStartElement(QStringLiteral("p"));
        m_xml.writeEmptyElement(QStringLiteral("img"));
        m_xml.writeAttribute(QStringLiteral("alt"), alt);
        m_xml.writeAttribute(QStringLiteral("src"),
                             QStringLiteral("data:image/svg+xml;base64,") + QString::fromLatin1(svg.toBase64()));
        m_xml.writeEndElement();
    }

    void table(const TextTable& table, qsizetype loadColumn)
    {
        m_xml.writeStartElement(QStringLiteral("table"));
        m_xml.writeStartElement(QStringLiteral("tr"));
        for (qsizetype c = 0; c < table.headings.size(); ++c)
            element(QStringLiteral("th"), table.headings[c], table.numeric.value(c) ? QStringLiteral("n") : QString());
        m_xml.writeEndElement();
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            m_xml.writeStartElement(QStringLiteral("tr"));
            for (qsizetype c = 0; c < table.rows[r].size(); ++c) {
                m_xml.writeStartElement(QStringLiteral("td"));
                if (table.numeric.value(c))
                    m_xml.writeAttribute(QStringLiteral("class"), QStringLiteral("n"));
                if (c == loadColumn && table.loads[r] > 0.0) {
                    const LevelColours colours = levelColours(loadLevel(table.loads[r], table.saturated[r]));
                    m_xml.writeAttribute(QStringLiteral("style"), QStringLiteral("background:%1;color:%2")
                                                                      .arg(colours.fill.name(), colours.text.name()));
                }
                m_xml.writeCharacters(table.rows[r][c]);
                m_xml.writeEndElement();
            }
            m_xml.writeEndElement();
        }
        m_xml.writeEndElement();
    }

private:
    QXmlStreamWriter m_xml;
};

struct Section {
    QString id;
    QString title;
};

/// The sections this report has, in order: the contents and the body follow it.
QList<Section> sectionsOf(const ReportContent& content)
{
    QList<Section> sections{{QStringLiteral("summary"), QStringLiteral("Executive summary")},
                            {QStringLiteral("architecture"), QStringLiteral("Architecture")},
                            {QStringLiteral("components"), QStringLiteral("Components")},
                            {QStringLiteral("tenx"),
                             QStringLiteral("The %1 question").arg(multiplier(content.request.planningMultiplier))}};
    if (!content.pools.empty())
        sections << Section{QStringLiteral("pools"), QStringLiteral("Connection pools")};
    if (!content.lags.empty())
        sections << Section{QStringLiteral("lag"), QStringLiteral("Replica lag")};
    if (!content.shedding.empty())
        sections << Section{QStringLiteral("shedding"), QStringLiteral("Load shedding")};
    sections << Section{QStringLiteral("advisor"), QStringLiteral("Advisor")}
             << Section{QStringLiteral("assumptions"), QStringLiteral("Assumptions")}
             << Section{QStringLiteral("warnings"), QStringLiteral("Warnings")};
    for (qsizetype i = 0; i < sections.size(); ++i)
        sections[i].title = QString::number(i + 1) + QStringLiteral("  ") + sections[i].title;
    return sections;
}

/// One analysis section's items: a heading each, its sentences and its `perItem` charts.
template <typename Item>
void analysisItems(Page& page, const std::vector<Item>& items, const std::vector<ReportChart>& charts,
                   std::size_t perItem)
{
    for (std::size_t i = 0; i < items.size(); ++i) {
        page.element(QStringLiteral("h3"), items[i].title);
        page.list(items[i].text);
        for (std::size_t k = perItem * i; k < perItem * (i + 1); ++k) {
            page.svg(ReportCharts::svg(charts[k].chart), charts[k].caption);
            page.element(QStringLiteral("p"), charts[k].caption, QStringLiteral("muted"));
        }
    }
}

void advisor(Page& page, const ReportContent& content)
{
    if (!content.stage.isEmpty())
        page.element(QStringLiteral("p"), content.stage);
    if (content.findings.empty() && !content.stage.isEmpty())
        page.element(QStringLiteral("p"), QStringLiteral("No findings at %1.").arg(multiplier(content.planningAt)));
    for (const FindingText& f : content.findings) {
        page.element(QStringLiteral("h4"), QStringLiteral("%1 \u00b7 %2 \u00b7 %3").arg(f.severity, f.kind, f.component),
                     f.severity);
        page.element(QStringLiteral("p"), f.message);
        page.list(f.actions);
    }
    for (const QString& note : content.adviceNotes)
        page.element(QStringLiteral("p"), note, QStringLiteral("muted"));
}

} // namespace

QByteArray htmlReport(const ReportContent& content)
{
    const ReportCharts charts(content);
    const DiagramExport diagram(content);
    const QList<Section> sections = sectionsOf(content);

    QByteArray out;
    Page page(&out);
    QXmlStreamWriter& xml = page.xml();
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE html>"));
    xml.writeStartElement(QStringLiteral("html"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/1999/xhtml"));
    xml.writeAttribute(QStringLiteral("lang"), QStringLiteral("en"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeEmptyElement(QStringLiteral("meta"));
    xml.writeAttribute(QStringLiteral("charset"), QStringLiteral("utf-8"));
    page.element(QStringLiteral("title"), content.title());
    page.element(QStringLiteral("style"), pageStyle());
    xml.writeEndElement(); // head
    xml.writeStartElement(QStringLiteral("body"));

    page.element(QStringLiteral("h1"), content.title());
    page.list({QStringLiteral("Date: ") + QLocale::c().toString(content.request.generated, QStringLiteral("d MMMM yyyy, HH:mm")),
               QStringLiteral("Scenario: ") +
                   (content.request.scenario.isEmpty() ? QStringLiteral("none (the base model)") : content.request.scenario),
               QStringLiteral("Traffic: ") + multiplier(content.request.multiplier) + QStringLiteral(" today's"),
               QStringLiteral("Planning for: ") + multiplier(content.planningAt) + QStringLiteral(" today's traffic")});

    xml.writeStartElement(QStringLiteral("nav"));
    page.element(QStringLiteral("h2"), QStringLiteral("Contents"));
    xml.writeStartElement(QStringLiteral("ol"));
    for (const Section& s : sections) {
        xml.writeStartElement(QStringLiteral("li"));
        xml.writeStartElement(QStringLiteral("a"));
        xml.writeAttribute(QStringLiteral("href"), QLatin1Char('#') + s.id);
        xml.writeCharacters(s.title.section(QStringLiteral("  "), 1));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement(); // ol
    xml.writeEndElement(); // nav

    qsizetype next = 0;
    const auto section = [&]() { page.section(sections[next].id, sections[next].title); ++next; };
    section();
    for (const QString& sentence : content.summary)
        page.element(QStringLiteral("p"), sentence);

    section();
    page.element(QStringLiteral("p"),
                 QStringLiteral("Each component is coloured by its busiest instance's utilization at %1: green up to "
                                "70%, amber above, red above 90%, dark red when saturated.")
                     .arg(multiplier(content.request.multiplier)),
                 QStringLiteral("muted"));
    page.svg(diagram.svg(), QStringLiteral("Architecture diagram coloured by utilization"));

    section();
    page.table(componentTable(content), 3);
    if (const QStringList notes = componentNotes(content); !notes.isEmpty()) {
        page.element(QStringLiteral("h3"), QStringLiteral("Notes"));
        page.list(notes);
    }

    section();
    if (content.tenX) {
        page.element(QStringLiteral("p"), verdict(content.tenX->verdict));
        if (charts.tenX())
            page.svg(ReportCharts::svg(charts.tenX()), QStringLiteral("The 10x chart"));
        page.table(planTable(content), 2);
    } else {
        page.element(QStringLiteral("p"), content.tenXNote);
    }

    // The sections that exist only where the model has pools, replicas or bounded queues.
    if (!content.pools.empty()) {
        section();
        analysisItems(page, content.pools, charts.pools(), 1);
    }
    if (!content.lags.empty()) {
        section();
        analysisItems(page, content.lags, charts.lags(), 2);
    }
    if (!content.shedding.empty()) {
        section();
        analysisItems(page, content.shedding, charts.shedding(), 1);
    }
    section();
    advisor(page, content);
    section();
    page.list(content.assumptions);
    section();
    if (content.warnings.isEmpty())
        page.element(QStringLiteral("p"), QStringLiteral("The solve raised no warnings."));
    page.list(content.warnings);

    xml.writeEndElement(); // body
    xml.writeEndElement(); // html
    xml.writeEndDocument();
    return out;
}

} // namespace headroom::ui::report
