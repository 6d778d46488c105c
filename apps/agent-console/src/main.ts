import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadDesk } from './app/app.routes';

// Fetch the lazy desk chunk (softphone, console) at once, in parallel with booting Angular and restoring the
// session, so registration does not wait for it in series. A failed fetch is retried and reported by the router.
loadDesk().catch(() => undefined);

bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
