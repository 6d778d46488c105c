import type { Routes } from '@angular/router';
import { permissionGuard, signedInGuard, signedOutGuard } from '@switchboard/shared/data-access-auth';
import { LoginRoute } from './login/login-route';
import { OverviewPage } from './overview/overview-page';
import { SupervisorShell } from './shell/supervisor-shell';

/** `/login`, and everything else inside the signed-in shell; admin pages also check their permission. */
export const appRoutes: Routes = [
  { path: 'login', canActivate: [signedOutGuard], component: LoginRoute },
  {
    path: '',
    canActivate: [signedInGuard],
    component: SupervisorShell,
    children: [
      { path: '', pathMatch: 'full', component: OverviewPage },
      {
        path: 'admin/users',
        canActivate: [permissionGuard('users:read')],
        loadComponent: () => import('@switchboard/supervisor/feature-users').then((m) => m.UsersPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
