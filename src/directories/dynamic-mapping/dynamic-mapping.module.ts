import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { DirectoryImport } from '../directory-import';
import { DirectoryMappingsRepository } from '../directory-mappings.repository';
import { DynamicMappingController } from './dynamic-mapping.controller';

/** Form mappings over HTTP for the AutoBolt extension (a staff session or X-API-Key). */
@Module({
  imports: [AuthModule],
  controllers: [DynamicMappingController],
  providers: [DirectoryImport, DirectoryMappingsRepository],
})
export class DynamicMappingModule {}
