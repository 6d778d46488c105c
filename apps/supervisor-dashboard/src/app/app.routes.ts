import type { Routes } from '@angular/router';
import { permissionGuard, signedInGuard, signedOutGuard } from '@switchboard/shared/data-access-auth';
import { LoginRoute } from './login/login-route';
import { SupervisorShell } from './shell/supervisor-shell';

const admin = () => import('@switchboard/supervisor/feature-admin');
const reports = () => import('@switchboard/supervisor/feature-reports');

/** `/login`, and everything else inside the signed-in shell; each page also checks its permission. */
export const appRoutes: Routes = [
  { path: 'login', canActivate: [signedOutGuard], component: LoginRoute },
  {
    path: '',
    canActivate: [signedInGuard],
    component: SupervisorShell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [permissionGuard('floor:supervise')],
        loadComponent: () => import('@switchboard/supervisor/feature-live-floor').then((m) => m.LiveFloorPage),
      },
      {
        path: 'reports',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => reports().then((m) => m.ReportsPage),
      },
      {
        path: 'calls',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => reports().then((m) => m.CallSearchPage),
      },
      {
        path: 'admin/users',
        canActivate: [permissionGuard('users:read')],
        loadComponent: () => import('@switchboard/supervisor/feature-users').then((m) => m.UsersPage),
      },
      {
        path: 'admin/extensions',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => admin().then((m) => m.ExtensionsPage),
      },
      {
        path: 'admin/agents',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => admin().then((m) => m.AgentsPage),
      },
      {
        path: 'admin/queues',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => admin().then((m) => m.QueuesPage),
      },
      {
        path: 'admin/tiers',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => admin().then((m) => m.TiersPage),
      },
      {
        path: 'admin/call-buttons',
        canActivate: [permissionGuard('calls:read')],
        loadComponent: () => import('@switchboard/supervisor/feature-call-buttons').then((m) => m.CallButtonsPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
