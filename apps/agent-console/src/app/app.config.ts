import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { CONSOLE_DESK } from '@switchboard/agent/feature-console';
import { APP_ROLES } from '@switchboard/shared/contracts';
import { provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { provideSoftphone } from '@switchboard/telephony/sip-angular';
import { appRoutes } from './app.routes';
import { HttpConsoleDesk } from './desk/http-console-desk';
import { CONSOLE_SOFTPHONE_OPTIONS } from './softphone-options';

/** Providers of the agent console. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    provideSwitchboardAuth({ appRoles: APP_ROLES.agentConsole, appName: 'agent console' }),
    provideSoftphone(CONSOLE_SOFTPHONE_OPTIONS),
    { provide: CONSOLE_DESK, useExisting: HttpConsoleDesk },
  ],
};
