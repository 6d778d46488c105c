import { Module } from '@nestjs/common';
import { FreeswitchHttpGuard } from './freeswitch-http.guard';

/**
 * The guard of every route FreeSWITCH calls (address allow-list + HTTP Basic). Import it in a feature module that
 * serves FreeSWITCH (mod_xml_curl here, mod_json_cdr in feature-calls) and put `@UseGuards(FreeswitchHttpGuard)`
 * with `@Public()` on the controller.
 */
@Module({ providers: [FreeswitchHttpGuard], exports: [FreeswitchHttpGuard] })
export class FreeswitchHttpModule {}
