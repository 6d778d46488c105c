import type { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@switchboard/shared/data-access-auth';
import { LoginRoute } from './login/login-route';

/** Loads the signed-in desk (shell, console page, softphone); `main.ts` calls it early to overlap the download. */
export const loadDesk = () => import('./desk/desk.routes').then((m) => m.deskRoutes);

/** `/login`, and the agent's desk inside the signed-in shell (lazy). */
export const appRoutes: Routes = [
  { path: 'login', canActivate: [signedOutGuard], component: LoginRoute },
  { path: '', canActivate: [signedInGuard], loadChildren: loadDesk },
  { path: '**', redirectTo: '' },
];
