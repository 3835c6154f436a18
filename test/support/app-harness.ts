import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureHttp } from '../../src/http/configure-http';

/** Boots the whole app in-process, as main.ts does, on the settings given (env-style). */
export async function bootApp(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig({ PORT: '0', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  configureHttp(app, config);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
