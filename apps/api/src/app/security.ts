import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { AppConfig } from '@switchboard/api/util-config';

/**
 * Security headers for the API and the apps it serves. Angular injects component styles at run time, hence
 * 'unsafe-inline' for styles only; scripts come from our own origin. `connect-src` allows WebSockets because the
 * softphone talks SIP over wss:// to the PBX, which is usually another host.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'", 'ws:', 'wss:', ...config.http.corsOrigins],
        'upgrade-insecure-requests': null,
      },
    },
    // The apps are served over plain HTTP on a developer's machine; HSTS belongs to the TLS proxy in production.
    hsts: config.env === 'production',
    crossOriginEmbedderPolicy: false,
  });
}
