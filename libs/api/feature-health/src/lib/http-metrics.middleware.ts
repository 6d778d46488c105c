import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MetricsRegistry } from './metrics.registry';

/**
 * Express middleware timing every HTTP request (API, docs and the browser apps). The label is the matched route
 * pattern (`/api/users/:id`), never the raw URL, so ids do not explode the metric's cardinality.
 */
export function httpMetricsMiddleware(metrics: MetricsRegistry): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = (request.route as { path?: unknown } | undefined)?.path;
      const pattern = typeof route === 'string' ? `${request.baseUrl}${route}` : routeGroup(request.originalUrl);
      end({ method: request.method, route: pattern, status: String(response.statusCode) });
    });
    next();
  };
}

// Requests no route matched (static files, 404s) are grouped by their first path segment.
function routeGroup(url: string): string {
  const segment = url.split('?')[0]?.split('/')[1] ?? '';
  return segment ? `/${segment}/*` : '/';
}
