export { AUTH_CONFIG, AUTH_URLS, type AuthConfig } from './lib/auth-config';
export { AuthStore, type AuthStatus, type LoginResult } from './lib/auth-store';
export { authInterceptor } from './lib/auth-interceptor';
export { permissionGuard, signedInGuard, signedOutGuard } from './lib/auth-guards';
export { injectLoginFlow, type LoginFlow } from './lib/login-flow';
export { provideSwitchboardAuth, type SwitchboardAuthOptions } from './lib/provide-switchboard-auth';
export { apiErrorOf, describeApiError, fieldErrorsOf, httpStatusOf, toFieldErrorMap } from './lib/api-errors';
