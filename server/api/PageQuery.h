#pragma once

#include "server/api/RequestContext.h"
#include "server/http/HttpRequest.h"
#include "shared/core/Result.h"

#include <QString>

// The paging parameters every list takes: `limit`, the page size, and `starting_after`, the last
// item of the previous page (empty: the first page).
struct PageQuery
{
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 100;

    int limit = kDefaultLimit;
    QString startingAfter;

    // 400 validation_failed for a limit that is not an integer in 1..kMaxLimit, or a
    // starting_after that is not storable text.
    static Result<PageQuery> read(const HttpRequest &request);
    // Answers a list endpoint: the page `list` makes for the call's paging parameters, as JSON 200,
    // or the problem of the parameters or of `list`.
    template <typename List>
    static void reply(const RequestContext &call, List list)
    {
        const Result<PageQuery> query = read(call.request);
        if (!query)
            return call.replyProblem(query.problem());
        const auto page = list(*query);
        if (!page)
            return call.replyProblem(page.problem());
        call.reply(HttpResponse::json(200, page->toJson()));
    }
};
