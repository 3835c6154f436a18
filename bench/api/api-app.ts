import type { CanActivate, ExecutionContext, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { StaffAuthGuard } from '../../src/auth/staff-auth.guard';
import { StaffOrApiKeyGuard } from '../../src/auth/staff-or-api-key.guard';
import { loadConfig } from '../../src/config/app-config';
import type { ApiRequest } from '../../src/http/api-request';
import { configureHttp } from '../../src/http/configure-http';
import { RateLimitGuard } from '../../src/http/rate-limit/rate-limit.guard';

export type Guards = 'on' | 'off';

/** Stands in for every guard when they are off: lets the request through as a staff member. */
const letEveryoneIn: CanActivate = {
  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getRequest<ApiRequest>().actor = { kind: 'staff', id: 'bench' };
    return true;
  },
};

/** Limits far above what the load reaches: with guards on, the rate-limit guard runs (and costs what it costs) without refusing. */
const UNREACHED_LIMITS = { RATE_LIMIT_PER_IP: '100000000', RATE_LIMIT_PER_API_KEY: '100000000' };

/**
 * The API roles in this process, as main.ts boots them. `off`: the authentication and rate-limit
 * guards replaced by one that admits everyone, so the difference between the two is their cost.
 */
export async function startApi(databaseUrl: string, guards: Guards): Promise<{ app: INestApplication; baseUrl: string }> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    DEMO: 'false',
    ROLES: 'api,projector',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...UNREACHED_LIMITS,
    // An access line per request would flood the bench's own output; LOG_LEVEL=info measures their cost.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (guards === 'off') {
    builder = builder
      .overrideGuard(StaffAuthGuard)
      .useValue(letEveryoneIn)
      .overrideGuard(StaffOrApiKeyGuard)
      .useValue(letEveryoneIn)
      .overrideGuard(RateLimitGuard)
      .useValue(letEveryoneIn);
  }
  const app = (await builder.compile()).createNestApplication({ logger: ['error', 'warn'] });
  configureHttp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
