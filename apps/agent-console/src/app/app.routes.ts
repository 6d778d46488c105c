import type { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@switchboard/shared/data-access-auth';
import { HomePage } from './home/home-page';
import { LoginRoute } from './login/login-route';
import { AgentShell } from './shell/agent-shell';

/** `/login`, and everything else inside the signed-in shell. */
export const appRoutes: Routes = [
  { path: 'login', canActivate: [signedOutGuard], component: LoginRoute },
  {
    path: '',
    canActivate: [signedInGuard],
    component: AgentShell,
    children: [{ path: '', pathMatch: 'full', component: HomePage }],
  },
  { path: '**', redirectTo: '' },
];
