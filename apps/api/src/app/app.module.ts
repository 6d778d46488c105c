import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { DatabaseModule } from '@switchboard/api/data-access-db';
import { type EslNode, EslModule } from '@switchboard/api/data-access-esl';
import { RedisModule } from '@switchboard/api/data-access-redis';
import { CallsModule, ClusterFreeswitchCommands } from '@switchboard/api/feature-calls';
import { DemoModule } from '@switchboard/api/feature-demo';
import { ProvisioningModule } from '@switchboard/api/feature-provisioning';
import { AuthModule } from '@switchboard/api/feature-auth';
import { HealthModule } from '@switchboard/api/feature-health';
import { UsersModule } from '@switchboard/api/feature-users';
import { RealtimeModule } from '@switchboard/api/feature-realtime';
import { ReportsModule } from '@switchboard/api/feature-reports';
import { SupervisionModule } from '@switchboard/api/feature-supervision';
import { AgentDeskModule } from '@switchboard/api/feature-agent-desk';
import { WebCallsModule } from '@switchboard/api/feature-web-calls';
import { type AppConfig, AppConfigModule } from '@switchboard/api/util-config';
import { ApiExceptionFilter } from '@switchboard/api/util-http';
import { httpLoggingOptions } from './http-logging';

/** What the API needs that is resolved before Nest starts: validated config, the database URL, the root logger. */
export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: PinoLogger;
  /** FreeSWITCH nodes to connect to (FREESWITCH_ESL, or the in-process simulator with DEMO=1); may be empty. */
  eslNodes: readonly EslNode[];
}

/** Wiring only: each feature lives in its lib. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        // Express 5 path syntax; nestjs-pino's default '*' triggers Nest's legacy-route warning at every start.
        LoggerModule.forRoot({
          pinoHttp: httpLoggingOptions(options.logger),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        DatabaseModule.forRoot(options.databaseUrl),
        HealthModule,
        EslModule.forRoot(options.eslNodes),
        // Only with REDIS_URL: several replicas share the FreeSWITCH nodes and the live floor through it.
        RedisModule.forRoot(options.config.redisUrl),
        AuthModule,
        UsersModule,
        // mod_callcenter changes go to every node's ESL connection (pending while none is connected).
        ProvisioningModule.forRoot({ imports: [CallsModule], commands: ClusterFreeswitchCommands }),
        CallsModule,
        RealtimeModule,
        ReportsModule,
        SupervisionModule,
        AgentDeskModule,
        WebCallsModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
