import type { Routes } from '@angular/router';
import { ConsolePage } from '@switchboard/agent/feature-console';
import { signedInGuard, signedOutGuard } from '@switchboard/shared/data-access-auth';
import { LoginRoute } from './login/login-route';
import { AgentShell } from './shell/agent-shell';

/** `/login`, and the agent's desk inside the signed-in shell. */
export const appRoutes: Routes = [
  { path: 'login', canActivate: [signedOutGuard], component: LoginRoute },
  {
    path: '',
    canActivate: [signedInGuard],
    component: AgentShell,
    children: [{ path: '', pathMatch: 'full', component: ConsolePage }],
  },
  { path: '**', redirectTo: '' },
];
