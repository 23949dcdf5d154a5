// SPDX-License-Identifier: MIT
#include "document/Clipboard.h"

#include "document/Document.h"
#include "io/ModelJson.h"

#include <QtCore/QMimeData>
#include <QtCore/QSet>

namespace headroom::model {

engine::Model copyFragment(const Document& document, const QList<ComponentId>& components)
{
    engine::Model fragment;
    QSet<ComponentId> chosen;
    // Keep the model's order, whatever order the selection came in.
    for (const ComponentId id : document.componentIds()) {
        if (components.contains(id)) {
            chosen.insert(id);
            fragment.components.push_back(document.component(id));
        }
    }
    for (const LinkId id : document.linkIds()) {
        if (chosen.contains(document.linkSource(id)) && chosen.contains(document.linkTarget(id)))
            fragment.links.push_back(document.link(id));
    }
    return fragment;
}

std::unique_ptr<QMimeData> fragmentMimeData(const engine::Model& fragment)
{
    auto mime = std::make_unique<QMimeData>();
    const QByteArray json = writeModelJson(fragment);
    mime->setData(QString::fromLatin1(kFragmentMimeType), json);
    mime->setText(QString::fromUtf8(json));
    return mime;
}

bool canPaste(const QMimeData* mime)
{
    if (!mime)
        return false;
    if (mime->hasFormat(QString::fromLatin1(kFragmentMimeType)))
        return true;
    return mime->hasText() && mime->text().contains(QLatin1String("\"components\""));
}

engine::Checked<engine::Model> fragmentFromMimeData(const QMimeData* mime)
{
    if (!mime)
        return engine::Issue{engine::Subject::file("clipboard"), "the clipboard is empty"};
    if (mime->hasFormat(QString::fromLatin1(kFragmentMimeType)))
        return readModelJson(mime->data(QString::fromLatin1(kFragmentMimeType)), QStringLiteral("clipboard"));
    if (mime->hasText())
        return readModelJson(mime->text().toUtf8(), QStringLiteral("clipboard"));
    return engine::Issue{engine::Subject::file("clipboard"), "the clipboard holds no Headroom components"};
}

} // namespace headroom::model
