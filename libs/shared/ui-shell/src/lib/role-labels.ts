import type { Role } from '@switchboard/shared/contracts';

/** How each role reads on screen. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { ADMIN: 'Admin', SUPERVISOR: 'Supervisor', AGENT: 'Agent' };
