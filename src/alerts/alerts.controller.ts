import { Get, Inject, Query } from '@nestjs/common';
import { StaffController } from '../http/guarded-controller.decorator';
import type { AlertView } from './alert-view';
import { AlertsRepository } from './alerts.repository';
import { ListAlertsQueryDto } from './list-alerts.request.dto';

/** `GET /api/admin/alerts`: what fired and resolved, newest first (docs/requirements.md R-ALERT-5); staff. */
@StaffController('admin/alerts')
export class AlertsController {
  constructor(@Inject(AlertsRepository) private readonly alerts: AlertsRepository) {}

  @Get()
  async list(@Query() query: ListAlertsQueryDto): Promise<{ items: AlertView[] }> {
    return { items: await this.alerts.list(query.state ?? 'all', query.limit ?? 50) };
  }
}
