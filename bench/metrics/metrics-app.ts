import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureHttp } from '../../src/http/configure-http';

/**
 * An API process as main.ts boots it (ROLES=api, so nothing else competes for the database while
 * it is scraped), with the fleet-wide metrics on or off, listening on a free local port.
 */
export async function startMetricsApi(databaseUrl: string, fleet: boolean): Promise<{ app: INestApplication; baseUrl: string }> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    DEMO: 'false',
    ROLES: 'api',
    METRICS_FLEET: String(fleet),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = (await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile()).createNestApplication({
    logger: ['error', 'warn'],
  });
  configureHttp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
