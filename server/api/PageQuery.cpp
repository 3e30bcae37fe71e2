#include "server/api/PageQuery.h"

#include "shared/core/StorableText.h"

Result<PageQuery> PageQuery::read(const HttpRequest &request)
{
    PageQuery page;
    const QString limitText = request.queryItem(QStringLiteral("limit"));
    if (!limitText.isNull()) {
        bool ok = false;
        page.limit = limitText.toInt(&ok);
        if (!ok || page.limit < 1 || page.limit > kMaxLimit)
            return Problem(ProblemCode::ValidationFailed,
                           QStringLiteral("limit: an integer from 1 to %1").arg(kMaxLimit));
    }
    page.startingAfter = request.queryItem(QStringLiteral("starting_after"));
    if (auto refused = StorableText::refusal(u"starting_after", page.startingAfter))
        return *std::move(refused);
    return page;
}
