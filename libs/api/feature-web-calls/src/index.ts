export { WebCallsModule } from './lib/web-calls.module';
export { WEB_CALL_VARIABLES } from './lib/credentials/web-call-directory';
export { WEB_CALL_MAX_SECONDS, WEB_CALL_TOKEN_TTL_SECONDS } from './lib/credentials/web-call-limits';
