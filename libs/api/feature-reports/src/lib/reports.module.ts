import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { ReportDataRepository } from './report-data.repository';
import { ReportsController } from './reports.controller';
import { REPORTS_CLOCK, REPORTS_TIME_ZONE, ReportsService } from './reports.service';

/** Reports over call records (`/api/reports/...`); exports ReportsService for the live wall's "today" figures. */
@Module({
  controllers: [ReportsController],
  providers: [
    ReportDataRepository,
    ReportsService,
    { provide: REPORTS_CLOCK, useValue: () => new Date() },
    { provide: REPORTS_TIME_ZONE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.timeZone },
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
