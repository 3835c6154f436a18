import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysModule } from './api-keys.module';

/** The admin API over API keys; apart from ApiKeysModule, which AuthModule needs for its guard. */
@Module({ imports: [AuthModule, ApiKeysModule], controllers: [ApiKeysController] })
export class ApiKeysHttpModule {}
