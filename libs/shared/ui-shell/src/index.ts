export { LoginPage } from './lib/login-page/login-page';
export { Shell, type ShellNavLink, type ShellUser } from './lib/shell/shell';
export { ROLE_LABELS } from './lib/role-labels';
