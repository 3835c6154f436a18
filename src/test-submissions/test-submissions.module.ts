import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryMappingsRepository } from '../directories/directory-mappings.repository';
import { TestSubmissionsController } from './test-submissions.controller';
import { TestSubmissionsRepository } from './test-submissions.repository';
import { TestSubmissions } from './test-submissions.service';

/** Test submissions for the AutoBolt extension (a staff session or X-API-Key): one directory, synchronously. Uses the global SUBMITTER. */
@Module({
  imports: [AuthModule],
  controllers: [TestSubmissionsController],
  providers: [DirectoryMappingsRepository, TestSubmissions, TestSubmissionsRepository],
})
export class TestSubmissionsModule {}
