import { Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { ProjectionStatus } from '../../projections/runtime/projection-host';
import type { VerifyReport } from '../../projections/runtime/projection-verify';
import { AdminGuard } from '../auth/admin.guard';
import { StaffController } from '../http/guarded-controller.decorator';
import { ProjectionOperations } from './projection-operations.service';

/** Projection operations (docs/requirements.md R-OPS-2…4): status for staff; rebuild and verify (heavy) for admins. */
@StaffController('admin/projections')
export class ProjectionsAdminController {
  constructor(@Inject(ProjectionOperations) private readonly projections: ProjectionOperations) {}

  @Get()
  status(): Promise<ProjectionStatus[]> {
    return this.projections.status();
  }

  /** Accepted, not done: the projector process runs the rebuild and swaps when caught up. */
  @Post(':name/rebuild')
  @UseGuards(AdminGuard)
  @HttpCode(202)
  async rebuild(@Param('name') name: string): Promise<{ projection: string; requested: true }> {
    const projection = this.projections.find(name);
    await this.projections.requestRebuild(projection);
    return { projection: projection.name, requested: true };
  }

  /** Replays the whole log into scratch tables and compares: takes as long as the log is long. */
  @Post(':name/verify')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  verify(@Param('name') name: string): Promise<VerifyReport> {
    return this.projections.verify(this.projections.find(name));
  }
}
