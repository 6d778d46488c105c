/** The three roles of Switchboard, from most to least privileged. */
export const ROLES = ['ADMIN', 'SUPERVISOR', 'AGENT'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do. Routes and screens check permissions, never role names, so roles can be re-cut later. */
export const PERMISSIONS = [
  'users:read',
  'users:manage',
  'provisioning:manage',
  'calls:read',
  'floor:supervise',
  'agent:self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: ['users:read', 'users:manage', 'provisioning:manage', 'calls:read', 'floor:supervise', 'agent:self'],
  SUPERVISOR: ['users:read', 'calls:read', 'floor:supervise', 'agent:self'],
  AGENT: ['agent:self'],
};

/** Whether a role grants a permission. */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which apps a role may sign in to. The agent console is for anyone who takes calls; the dashboard is not. */
export const APP_ROLES = {
  agentConsole: ['ADMIN', 'SUPERVISOR', 'AGENT'],
  supervisorDashboard: ['ADMIN', 'SUPERVISOR'],
} as const satisfies Record<string, readonly Role[]>;
