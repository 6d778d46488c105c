import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsRegistry } from './metrics.registry';

/** Health check and Prometheus metrics; other modules register their metrics on {@link MetricsRegistry}. */
@Global()
@Module({ controllers: [HealthController], providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class HealthModule {}
