import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** The browser apps served by the API, each under its own path. */
export const BROWSER_APPS = [
  { path: '/agent', folder: 'agent-console' },
  { path: '/supervisor', folder: 'supervisor-dashboard' },
] as const;

/**
 * Serves the built Angular apps from `staticDir/<app>/browser`, with `index.html` for deep links (client-side
 * routes). Hashed bundles are cached for a year; index.html never, so a deploy is picked up on the next load.
 * Returns the apps that were not built, for the startup log.
 */
export function serveBrowserApps(app: Express, staticDir: string): string[] {
  const missing: string[] = [];
  for (const browserApp of BROWSER_APPS) {
    const root = join(staticDir, browserApp.folder, 'browser');
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      missing.push(browserApp.folder);
      continue;
    }
    // Express matches `/agent/` against `/agent` too; only the bare path is redirected to the app's base href.
    app.get(browserApp.path, (req: Request, res: Response, next: NextFunction) =>
      req.originalUrl.split('?')[0] === browserApp.path ? res.redirect(301, `${browserApp.path}/`) : next(),
    );
    app.use(
      browserApp.path,
      express.static(root, {
        index: false,
        setHeaders: (res, file) =>
          res.setHeader(
            'Cache-Control',
            /\.[a-f0-9]{8,}\./i.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      }),
    );
    app.use(browserApp.path, (req: Request, res: Response, next: NextFunction) => {
      // Only page navigations fall back to index.html; a missing asset stays a 404.
      if (req.method !== 'GET' || /\.[a-z0-9]+$/i.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/agent/'));
  return missing;
}
