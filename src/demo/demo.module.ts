import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { AccountsService } from '../auth/accounts/accounts.service';
import { AuthModule } from '../auth/auth.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isLoopbackHost } from '../config/loopback-host';
import { Database } from '../database/database';
import { readStream } from '../event-store/event-decoding';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { CreateJobCommand } from '../jobs/create-job/create-job.command';
import { JOB_EVENT_TYPES, jobStreamId, type JobEvent } from '../jobs/job.events';
import { demoSignInHelp, ensureDemoAccounts } from './demo-accounts';
import { DEMO_CUSTOMER_ID, seedDemoCatalog, seedDemoCustomer } from './demo-catalog';

const logger = new Logger('Demo');
const REPORT_AFTER_MS = 10 * 60 * 1000;

/**
 * Embedded mode's first run shows the whole system working: the local directory sandbox, a
 * catalog of its sites, a demo customer and one demo job per boot that the worker submits, and
 * (on a loopback HOST only) a demo admin and a demo customer login to sign in with.
 */
@Module({ imports: [AuthModule] })
export class DemoModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private sandbox: Sandbox | null = null;
  private watch: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AccountsService) private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.enabled) return;
    const { sandboxPort, directories } = this.config.demo;
    this.sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
    const catalog = sandboxDirectories(this.sandbox.baseUrl, directories);
    await seedDemoCatalog(this.database.pool, catalog);
    await seedDemoCustomer(this.database.pool, SANDBOX_BUSINESS, catalog.length);
    await this.createDemoAccounts();
    const context = {
      actor: { kind: 'system', id: 'demo' },
      correlationId: `demo-${Date.now()}`,
      causationId: `demo-${Date.now()}`,
      timestamp: new Date().toISOString(),
    } as const;
    // Forced: each boot's sandbox is new and empty, so an earlier boot's acceptances say nothing about it.
    const job = await this.commands.execute(new CreateJobCommand(DEMO_CUSTOMER_ID, null, context, true));
    logger.log(
      `sandbox with ${catalog.length} directory sites, each on its own loopback address (first: ${catalog[0]?.url ?? 'none'}), third-party assets at ${this.sandbox.thirdPartyOrigin ?? 'none'} (accepted submissions: ${this.sandbox.baseUrl}/__sandbox/accepted)`,
    );
    logger.log(`demo job ${job.jobId} queued for ${job.directoryCount} directories: GET /api/jobs/${job.jobId}`);
    this.reportWhenDone(job.jobId);
  }

  /** Public demo passwords must never guard an API others can reach. */
  private async createDemoAccounts(): Promise<void> {
    if (!isLoopbackHost(this.config.host)) {
      logger.warn(
        `no demo accounts: HOST ${this.config.host} is not a loopback address; create an admin with: npm run cli -- accounts create-admin --email <email>`,
      );
      return;
    }
    await ensureDemoAccounts(this.accounts);
    for (const line of demoSignInHelp(`http://${this.config.host}:${this.config.port}`)) logger.log(line);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    await this.sandbox?.close();
  }

  /** One log line when the demo job finishes, so the first run visibly ends somewhere. */
  private reportWhenDone(jobId: string): void {
    const until = Date.now() + REPORT_AFTER_MS;
    this.watch = setInterval(() => {
      void readStream<JobEvent>(this.store, jobStreamId(jobId), JOB_EVENT_TYPES).then(
        ({ events }) => {
          const done = events.find((e) => e.type === 'JobCompleted' || e.type === 'JobFailed');
          if (!done && Date.now() < until) return;
          if (this.watch) clearInterval(this.watch);
          const accepted = this.sandbox?.accepted().length ?? 0;
          if (done)
            logger.log(`demo job ${jobId}: ${done.type} ${JSON.stringify(done.data.counts)}; the sandbox accepted ${accepted} listings`);
        },
        () => undefined,
      );
    }, 2000);
  }
}
