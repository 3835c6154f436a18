import { Delete, Get, HttpCode, Inject, NotFoundException, Param } from '@nestjs/common';
import { CLOCK, type Clock } from '../../shared/clock';
import { SignInLockouts, type Lockout } from '../lockout/sign-in-lockouts.repository';
import { AdminController } from '../../http/guarded-controller.decorator';

/** Running sign-in lockouts (`staff:<email>`, `customer:<email>`, `ip:<address>`), for admins to see and clear. */
@AdminController('admin/lockouts')
export class LockoutsAdminController {
  constructor(
    @Inject(SignInLockouts) private readonly lockouts: SignInLockouts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async list(): Promise<{ lockouts: Lockout[] }> {
    return { lockouts: await this.lockouts.active(this.clock.now()) };
  }

  /** `DELETE /api/admin/lockouts/staff%3Aana%40ops.test`: ends the lockout and forgets the subject's failures. */
  @Delete(':subject')
  @HttpCode(204)
  async clear(@Param('subject') subject: string): Promise<void> {
    if (!(await this.lockouts.clear(subject, this.clock.now()))) {
      throw new NotFoundException({ error: 'not_found', message: `No running lockout for ${JSON.stringify(subject.slice(0, 300))}` });
    }
  }
}
