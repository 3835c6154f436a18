import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../shared/clock';
import { notify, configuredChannels } from './alert-notifier';
import { AlertReadingsReader } from './alert-readings.service';
import { ALERT_RULES } from './alert-rules';
import { planTransitions } from './alert-transitions';
import type { AlertPhase } from './alert-payloads';
import type { AlertChannel, UndeliveredAlert } from './alert-view';
import { AlertsRepository } from './alerts.repository';

/** A notification owed is retried on every tick for this long after its transition, then dropped. */
const DELIVERY_WINDOW_MS = 24 * 3_600_000;
const DELIVERY_BATCH = 100;

export interface EvaluationReport {
  readonly fired: number;
  readonly resolved: number;
  readonly delivered: number;
  readonly failedDeliveries: number;
}

/**
 * One evaluation: read, apply the rules, record what fired and resolved, then send what is owed.
 * Recording comes first and sending after, so a slow or failing webhook never holds evaluation
 * back; a failed send stays owed and is retried on the next tick.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('Alerts');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AlertReadingsReader) private readonly reader: AlertReadingsReader,
    @Inject(AlertsRepository) private readonly alerts: AlertsRepository,
  ) {}

  async tick(): Promise<EvaluationReport> {
    const at = this.clock.now();
    const { readings, failures } = await this.reader.read(at);
    for (const failure of failures) this.logger.warn(`alert reading unavailable, its rules skipped this tick: ${failure}`);
    const plan = planTransitions(ALERT_RULES, readings, this.config.alerts.thresholds, await this.alerts.open());
    const channels = configuredChannels(this.config.alerts.webhooks);
    let fired = 0;
    let resolved = 0;
    for (const condition of plan.fire) {
      if (!(await this.alerts.fire(condition, channels, at))) continue;
      fired += 1;
      this.logger.warn(`alert firing: ${condition.rule} (${condition.key}): ${condition.summary}`);
    }
    for (const alert of plan.resolve) {
      if (!(await this.alerts.resolve(alert.id, channels, at))) continue;
      resolved += 1;
      this.logger.log(`alert resolved: ${alert.rule} (${alert.key})`);
    }
    return { fired, resolved, ...(await this.deliver(at)) };
  }

  /** Fire before resolve, per channel; a channel that fails is left alone for the rest of the tick. */
  private async deliver(at: Date): Promise<Pick<EvaluationReport, 'delivered' | 'failedDeliveries'>> {
    const down = new Set<AlertChannel>();
    let delivered = 0;
    const owed = await this.alerts.undelivered(new Date(at.getTime() - DELIVERY_WINDOW_MS), DELIVERY_BATCH);
    for (const alert of owed) {
      for (const channel of new Set([...alert.firePending, ...alert.resolvePending])) {
        const phases = (['fire', 'resolve'] as const).filter((phase) =>
          (phase === 'fire' ? alert.firePending : alert.resolvePending).includes(channel),
        );
        // In order: a resolve is never sent ahead of its firing.
        for (const phase of phases) {
          if (down.has(channel)) break;
          if (await this.send(channel, alert, phase)) delivered += 1;
          else down.add(channel);
        }
      }
    }
    return { delivered, failedDeliveries: down.size };
  }

  private async send(channel: AlertChannel, alert: UndeliveredAlert, phase: AlertPhase): Promise<boolean> {
    try {
      await notify(this.config.alerts.webhooks, channel, alert, phase);
      await this.alerts.delivered(alert.id, phase, channel);
      return true;
    } catch (error) {
      const problem = (error as Error).message;
      await this.alerts.deliveryFailed(alert.id, problem);
      this.logger.warn(`alert notification not sent, retried next tick: ${problem}`);
      return false;
    }
  }
}
