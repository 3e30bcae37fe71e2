#include "server/metrics/MetricsEndpoint.h"

#include "server/metrics/Metrics.h"

MetricsEndpoint::MetricsEndpoint(const Metrics &metrics, const GroupCommitWriter &writer)
    : m_metrics(metrics),
      m_writer(writer)
{}

void MetricsEndpoint::handle(HttpRequest request, HttpResponder responder)
{
    if (request.path != "/metrics")
        return responder.send(
            HttpResponse::problem(Problem(ProblemCode::NotFound, QStringLiteral("only /metrics is served here"))));
    if (request.method != "GET") {
        HttpResponse response
            = HttpResponse::problem(Problem(ProblemCode::MethodNotAllowed, QStringLiteral("allowed: GET")));
        response.setHeader("Allow", "GET");
        return responder.send(std::move(response));
    }
    responder.send(HttpResponse::raw(200, "text/plain; version=0.0.4; charset=utf-8", m_metrics.render(m_writer)));
}
