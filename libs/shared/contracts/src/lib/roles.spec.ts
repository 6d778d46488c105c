import { APP_ROLES, PERMISSIONS, ROLES, ROLE_PERMISSIONS, roleHasPermission } from './roles';

describe('roles and permissions', () => {
  it('gives admins every permission and agents only their own console', () => {
    expect([...ROLE_PERMISSIONS.ADMIN].sort()).toEqual([...PERMISSIONS].sort());
    expect(ROLE_PERMISSIONS.AGENT).toEqual(['agent:self']);
  });

  it('lets supervisors watch the floor and read users, but not manage users or provisioning', () => {
    expect(roleHasPermission('SUPERVISOR', 'floor:supervise')).toBe(true);
    expect(roleHasPermission('SUPERVISOR', 'users:read')).toBe(true);
    expect(roleHasPermission('SUPERVISOR', 'users:manage')).toBe(false);
    expect(roleHasPermission('SUPERVISOR', 'provisioning:manage')).toBe(false);
  });

  it('keeps agents out of the supervisor dashboard', () => {
    expect(APP_ROLES.supervisorDashboard).not.toContain('AGENT');
    expect(APP_ROLES.agentConsole).toEqual([...ROLES]);
  });
});
