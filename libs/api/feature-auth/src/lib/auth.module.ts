import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AdminBootstrapService } from './bootstrap/admin-bootstrap.service';
import { AuthGuard } from './guards/auth.guard';
import { LOGIN_FAILURE_STORE_PROVIDER } from './login/login-failure-store.provider';
import { LoginLimiter } from './login/login-limiter';
import { VerificationGate } from './login/verification-gate';
import { PermissionsGuard } from './guards/permissions.guard';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { SessionEvents } from './session-events';

/** Authentication and authorisation for the whole API: the guards are global, so every route is protected. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.auth.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordHasher,
    PasswordPolicy,
    SessionEvents,
    AdminBootstrapService,
    LOGIN_FAILURE_STORE_PROVIDER,
    LoginLimiter,
    VerificationGate,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [AuthService, PasswordHasher, PasswordPolicy, AdminBootstrapService, SessionEvents],
})
export class AuthModule {}
