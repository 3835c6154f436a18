import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryImport } from '../directories/directory-import';
import { DirectoryMappingsRepository } from '../directories/directory-mappings.repository';
import { DynamicMappingController } from './dynamic-mapping.controller';
import { TestSubmissionsController } from './test-submissions.controller';
import { TestSubmissionsRepository } from './test-submissions.repository';
import { TestSubmissions } from './test-submissions.service';

/** The AutoBolt endpoints (staff token or X-API-Key): form mappings and test submissions. Uses the global SUBMITTER. */
@Module({
  imports: [AuthModule],
  controllers: [DynamicMappingController, TestSubmissionsController],
  providers: [DirectoryImport, DirectoryMappingsRepository, TestSubmissions, TestSubmissionsRepository],
})
export class AutoboltModule {}
