import { Module } from '@nestjs/common';

/** Nest module of api/feature-reports (wired into AppModule). */
@Module({})
export class ReportsModule {}
