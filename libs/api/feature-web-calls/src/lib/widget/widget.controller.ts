import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@switchboard/api/feature-auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { NotFoundError } from '@switchboard/api/util-http';

/** The widget bundle's file name, under `<static dir>/call-widget/` (built by the call-widget project). */
export const WIDGET_FILE = 'switchboard-call.js';
/** Short: a deploy reaches the sites within minutes, and the file is small. */
const WIDGET_MAX_AGE_SECONDS = 300;

/**
 * Serves the embeddable click-to-call widget at the stable URL `/widget/switchboard-call.js`, for `<script>` tags on
 * other sites: readable cross-origin (helmet's default Cross-Origin-Resource-Policy would block it), gzip-compressed
 * when the browser accepts it (the build writes the .gz beside the file), cached briefly.
 */
@ApiExcludeController()
@Public()
@Controller('widget')
export class WidgetController {
  private readonly folder: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // main.js sits in dist/apps/api, next to dist/apps/call-widget (the same rule as the browser apps).
    this.folder = join(config.staticDir ?? join(__dirname, '..'), 'call-widget');
  }

  @Get(WIDGET_FILE)
  serve(@Req() request: Request, @Res() response: Response): void {
    const file = join(this.folder, WIDGET_FILE);
    if (!existsSync(file)) throw new NotFoundError('The call widget is not built (npx nx build call-widget).');
    const gzipped = `${file}.gz`;
    const useGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && existsSync(gzipped);
    response.vary('Accept-Encoding');
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cache-Control', `public, max-age=${WIDGET_MAX_AGE_SECONDS}`);
    response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    if (useGzip) response.setHeader('Content-Encoding', 'gzip');
    response.sendFile(useGzip ? gzipped : file, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  }
}
