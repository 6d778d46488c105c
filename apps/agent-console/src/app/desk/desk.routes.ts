import type { Routes } from '@angular/router';
import { CONSOLE_DESK, ConsolePage } from '@switchboard/agent/feature-console';
import { provideSoftphone } from '@switchboard/telephony/sip-angular';
import { AgentShell } from '../shell/agent-shell';
import { CONSOLE_SOFTPHONE_OPTIONS } from '../softphone-options';
import { HttpConsoleDesk } from './http-console-desk';

/**
 * The signed-in part of the console, loaded lazily: the softphone (JsSIP), socket.io and the desk widgets stay out
 * of the initial bundle, so the login page paints from a small one (bench/phone/results.md). `main.ts` starts
 * fetching this chunk at boot, while the session is being restored.
 */
export const deskRoutes: Routes = [
  {
    path: '',
    providers: [provideSoftphone(CONSOLE_SOFTPHONE_OPTIONS), { provide: CONSOLE_DESK, useExisting: HttpConsoleDesk }],
    component: AgentShell,
    children: [{ path: '', pathMatch: 'full', component: ConsolePage }],
  },
];
