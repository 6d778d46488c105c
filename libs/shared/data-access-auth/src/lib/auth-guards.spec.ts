import { ChangeDetectionStrategy, Component } from '@angular/core';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { APP_ROLES, type Role } from '@switchboard/shared/contracts';
import { permissionGuard, signedInGuard, signedOutGuard } from './auth-guards';
import { AuthStore } from './auth-store';
import { provideSwitchboardAuth } from './provide-switchboard-auth';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class BlankPage {}

/** The dashboard after a reload: signed in as `role`, or signed out when `role` is null. */
async function loadDashboardAs(role: Role | null): Promise<Router> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'login', canActivate: [signedOutGuard], component: BlankPage },
        { path: 'admin/users', canActivate: [permissionGuard('users:read')], component: BlankPage },
        { path: 'admin/provisioning', canActivate: [permissionGuard('provisioning:manage')], component: BlankPage },
        { path: '', canActivate: [signedInGuard], component: BlankPage },
      ]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
    ],
  });
  const refresh = TestBed.inject(HttpTestingController).expectOne('/api/auth/refresh');
  if (role === null)
    refresh.flush(
      { statusCode: 401, error: 'Unauthenticated', message: 'No session' },
      { status: 401, statusText: 'Unauthorized' },
    );
  else {
    const user = {
      id: 'u1',
      email: 'x@example.test',
      displayName: 'X',
      role,
      disabled: false,
      lastLoginAt: null,
      createdAt: '',
      updatedAt: '',
    };
    refresh.flush({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user });
  }
  await TestBed.inject(AuthStore).settled();
  return TestBed.inject(Router);
}

describe('auth guards', () => {
  it('sends a signed-out visitor to the login page, remembering the page they asked for', async () => {
    const router = await loadDashboardAs(null);

    await router.navigateByUrl('/admin/users');

    expect(router.url).toBe('/login?returnUrl=%2Fadmin%2Fusers');
  });

  it('lets a supervisor open the users page but not a page that needs a permission they lack', async () => {
    const router = await loadDashboardAs('SUPERVISOR');

    await router.navigateByUrl('/admin/users');
    expect(router.url).toBe('/admin/users');

    await router.navigateByUrl('/admin/provisioning');
    expect(router.url).toBe('/');
  });

  it('keeps a signed-in user off the login page', async () => {
    const router = await loadDashboardAs('ADMIN');

    await router.navigateByUrl('/login');

    expect(router.url).toBe('/');
  });
});
