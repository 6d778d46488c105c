import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { MetricsRegistry, httpMetricsMiddleware } from '@switchboard/api/feature-health';
import type { AppConfig } from '@switchboard/api/util-config';
import { RealtimeIoAdapter } from '@switchboard/api/feature-realtime';
import { securityHeaders } from './security';
import { serveBrowserApps } from './static-apps';

/**
 * Everything the HTTP layer needs besides the modules: logger, headers, body parsing, CORS, the /api prefix,
 * OpenAPI docs and the browser apps. Shared by main.ts and the integration tests, so tests see the real server.
 * Returns the browser apps that are not built.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): string[] {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));
  app.use(securityHeaders(config));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    credentials: true,
  });
  // FreeSWITCH's mod_xml_curl and mod_json_cdr post to /freeswitch/*, outside the browser-facing /api.
  app.setGlobalPrefix('api', { exclude: ['metrics', { path: 'freeswitch/{*path}', method: RequestMethod.ALL }] });

  const openApi = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription(
      'Contact-center API: authentication, users, and (as features land) telephony provisioning and call records.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  // main.js sits in dist/apps/api, next to dist/apps/<browser app>.
  return serveBrowserApps(app.getHttpAdapter().getInstance(), config.staticDir ?? join(__dirname, '..'));
}

/**
 * socket.io (the realtime API) on the HTTP port; with REDIS_URL it connects to Redis first, so replicas share live
 * state. Call before `init()`/`listen()`.
 */
export async function configureRealtime(app: NestExpressApplication, config: AppConfig): Promise<void> {
  app.useWebSocketAdapter(await RealtimeIoAdapter.create(app, config));
}
