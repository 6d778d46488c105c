import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/api/feature-auth';
import { CallcenterConfigService } from './callcenter-config.service';
import { DirectoryService } from './directory.service';
import { FreeswitchHttpGuard } from './freeswitch-http.guard';
import { readXmlCurlFetch } from './xml-curl-fetch';

/**
 * mod_xml_curl's bindings (freeswitch/autoload_configs/xml_curl.conf.xml). Mounted outside /api: FreeSWITCH
 * authenticates with HTTP Basic and its address instead of a JWT. Every answer is 200 with an XML document, a
 * "not found" one when there is nothing to say, so FreeSWITCH falls back to its local files without logging errors.
 */
@ApiExcludeController()
@Public()
@UseGuards(FreeswitchHttpGuard)
@Controller('freeswitch')
export class XmlCurlController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly callcenter: CallcenterConfigService,
  ) {}

  @Post('directory')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  directoryDocument(@Body() body: unknown): Promise<string> {
    return this.directory.answer(readXmlCurlFetch(body));
  }

  @Post('configuration')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  configurationDocument(@Body() body: unknown): Promise<string> {
    return this.callcenter.answer(readXmlCurlFetch(body));
  }
}
