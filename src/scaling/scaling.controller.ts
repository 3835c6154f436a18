import { Get, Inject } from '@nestjs/common';
import { StaffController } from '../http/guarded-controller.decorator';
import type { ScalingDecision } from './scaling-policy';
import { ScalingSignal } from './scaling-signal.service';

/** `GET /api/admin/scaling`: how many workers the fleet should run now, and why (for an autoscaler or an operator). */
@StaffController('admin/scaling')
export class ScalingController {
  constructor(@Inject(ScalingSignal) private readonly signal: ScalingSignal) {}

  @Get()
  decide(): Promise<ScalingDecision> {
    return this.signal.decide();
  }
}
