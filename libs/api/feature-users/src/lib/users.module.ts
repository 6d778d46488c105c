import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/api/feature-auth';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [AuthModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
