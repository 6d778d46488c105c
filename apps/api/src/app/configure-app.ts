import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, text, urlencoded } from 'express';
import { Logger } from 'nestjs-pino';
import { CDR_BODY_LIMIT } from '@switchboard/api/feature-calls';
import { MetricsRegistry, httpMetricsMiddleware } from '@switchboard/api/feature-health';
import type { AppConfig } from '@switchboard/api/util-config';
import { assignRequestId, inputHygiene, verifyUtf8Body } from '@switchboard/api/util-http';
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
  // First of all, so that even a request the body parsers or the router refuse is answered with its id.
  app.use(assignRequestId());
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));
  app.use(securityHeaders(config));
  app.use(cookieParser());
  // mod_json_cdr labels raw JSON as a form (and base64 as something else): that route reads its body as text.
  // Every parser checks that the bytes are UTF-8 (verify); inputHygiene then checks the URL and the parsed strings.
  app.use('/freeswitch/cdr', text({ type: () => true, limit: CDR_BODY_LIMIT, verify: verifyUtf8Body }));
  app.use(json({ limit: '1mb', verify: verifyUtf8Body }));
  app.use(urlencoded({ extended: false, limit: '1mb', verify: verifyUtf8Body }));
  app.use(inputHygiene());
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    credentials: true,
  });
  // FreeSWITCH's mod_xml_curl and mod_json_cdr post to /freeswitch/*, outside the browser-facing /api.
  // The click-to-call widget's bundle keeps a stable URL outside /api: /widget/switchboard-call.js.
  app.setGlobalPrefix('api', {
    exclude: [
      'metrics',
      { path: 'freeswitch/{*path}', method: RequestMethod.ALL },
      { path: 'widget/{*path}', method: RequestMethod.GET },
    ],
  });

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
