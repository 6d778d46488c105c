import { Module } from '@nestjs/common';

/** Nest module of api/feature-realtime (wired into AppModule). */
@Module({})
export class RealtimeModule {}
