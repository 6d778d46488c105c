import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditLogService, PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { RecordingFreeswitchCommands } from '../../testing/recording-freeswitch-commands';
import { CallcenterSync } from './pbx/callcenter-sync.service';
import { FREESWITCH_COMMANDS, type FreeswitchCommandPort } from './pbx/freeswitch-command.port';
import { ProvisioningModule } from './provisioning.module';

/** Stands in for the app's global config and database modules; nothing here touches the database. */
@Global()
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      useValue: {
        sip: { domain: 'sb.local' },
        pbx: { kind: 'freeswitch' },
        freeswitch: { http: undefined, httpAllow: [] },
      } as unknown as AppConfig,
    },
    { provide: PrismaService, useValue: {} },
    { provide: AuditLogService, useValue: {} },
  ],
  exports: [APP_CONFIG, PrismaService, AuditLogService],
})
class FakeInfrastructureModule {}

@Injectable()
class FakeEslCommands extends RecordingFreeswitchCommands {}

@Module({ providers: [FakeEslCommands], exports: [FakeEslCommands] })
class FakeEslModule {}

describe('ProvisioningModule', () => {
  it('reports changes as pending when no FreeSWITCH is bound', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [FakeInfrastructureModule, ProvisioningModule],
    }).compile();
    expect(moduleRef.get<FreeswitchCommandPort>(FREESWITCH_COMMANDS).isConnected()).toBe(false);
    await expect(moduleRef.get(CallcenterSync).queueCreated('support')).resolves.toMatchObject({ status: 'pending' });
  });

  it('sends commands through the port forRoot binds', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeInfrastructureModule,
        ProvisioningModule.forRoot({ imports: [FakeEslModule], commands: FakeEslCommands }),
      ],
    }).compile();
    await expect(moduleRef.get(CallcenterSync).queueCreated('support')).resolves.toMatchObject({ status: 'applied' });
    expect(moduleRef.get(FakeEslCommands).commands).toEqual(['callcenter_config queue load support@sb.local']);
  });
});
