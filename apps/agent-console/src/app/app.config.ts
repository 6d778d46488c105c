import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { APP_ROLES } from '@switchboard/shared/contracts';
import { provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { appRoutes } from './app.routes';

/** Providers of the agent console; the softphone and the desk are provided by the lazy desk route. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    provideSwitchboardAuth({ appRoles: APP_ROLES.agentConsole, appName: 'agent console' }),
  ],
};
