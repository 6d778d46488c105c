import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { Public } from '@switchboard/api/feature-auth';
import { MetricsRegistry } from './metrics.registry';

const VERSION = process.env['npm_package_version'] ?? '0.1.0';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: '200 when the API and its database work; 503 when the database does not answer' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const databaseUp = await this.prisma.isReachable();
    response.status(databaseUp ? 200 : 503);
    return {
      status: databaseUp ? 'ok' : 'degraded',
      database: databaseUp ? 'up' : 'down',
      version: VERSION,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  @Public()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (served at /metrics, outside /api)' })
  async prometheus(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
