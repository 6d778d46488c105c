import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { APP_ROLES } from '@switchboard/shared/contracts';
import { provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { appRoutes } from './app.routes';

/** Providers of the supervisor dashboard. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
  ],
};
