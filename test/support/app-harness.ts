import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureHttp } from '../../src/http/configure-http';
import { HARNESS_ENV } from './harness-env';

/**
 * Boots the whole app in-process, as main.ts does, on the settings given (env-style) over
 * HARNESS_ENV. The demo (sandbox + demo job) is off unless a test asks for it; `override` swaps
 * providers (e.g. the submitter) for tests about the queue rather than the browser. Logs: Nest's
 * console logger, warnings and errors only, unless `jsonLogs` (the app's own logger, as main.ts has it).
 */
export async function bootApp(
  env: Record<string, string>,
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
  options: { readonly jsonLogs?: boolean } = {},
): Promise<INestApplication> {
  const config = loadConfig({ PORT: '0', DEMO: 'false', LOG_LEVEL: 'warn', ...HARNESS_ENV, ...env });
  const moduleRef = await override(Test.createTestingModule({ imports: [AppModule.forRoot(config)] })).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  if (options.jsonLogs) app.useLogger(app.get(PinoNestLogger));
  configureHttp(app, config);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
