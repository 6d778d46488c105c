import { Global, Module } from '@nestjs/common';
import { AmiClient, AriClient } from '@switchboard/api/data-access-asterisk';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { AsteriskDirectory } from '../asterisk/asterisk-directory';
import { AsteriskQueues } from '../asterisk/asterisk-queues';
import { ASTERISK_QUEUES } from './pbx-callcenter.port';
import { FreeswitchPullDirectory, PBX_DIRECTORY, type PbxDirectoryPort } from './pbx-directory.port';

/** The PBX behind {@link PBX_DIRECTORY}, chosen by `PBX`: global, so the agent desk and auth features reach it too. */
@Global()
@Module({
  providers: [
    {
      provide: ASTERISK_QUEUES,
      inject: [APP_CONFIG, PrismaService],
      useFactory: (config: AppConfig, prisma: PrismaService): AsteriskQueues | null =>
        config.pbx.kind === 'asterisk' && config.pbx.ami
          ? new AsteriskQueues(prisma, new AmiClient(config.pbx.ami))
          : null,
    },
    {
      provide: PBX_DIRECTORY,
      inject: [APP_CONFIG, PrismaService, ASTERISK_QUEUES],
      useFactory: (config: AppConfig, prisma: PrismaService, queues: AsteriskQueues | null): PbxDirectoryPort =>
        config.pbx.kind === 'asterisk'
          ? new AsteriskDirectory(
              prisma,
              new AriClient({ baseUrl: config.pbx.ariUrl, user: config.pbx.ariUser, password: config.pbx.ariPassword }),
              config.sip.domain,
              undefined,
              // app_queue's files were rendered anew with Asterisk: write the queues into them again.
              queues ? () => queues.sync() : undefined,
            )
          : new FreeswitchPullDirectory(),
    },
  ],
  exports: [PBX_DIRECTORY, ASTERISK_QUEUES],
})
export class PbxDirectoryModule {}
