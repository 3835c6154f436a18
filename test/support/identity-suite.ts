import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CLOCK, type Clock } from '../../src/shared/clock';
import { bootApp } from './app-harness';
import { seedCatalog } from './jobs-api-suite';
import { staffSession, TEST_PASSWORD, type TestSession } from './sessions';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A clock tests move by hand: sessions expire and lockouts end without sleeping. */
export class MovableClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const START = new Date('2026-12-04T09:00:00.000Z');

export interface IdentitySuite {
  db(): TestDatabase;
  http(): App;
  clock(): MovableClock;
  /** An admin signed in (its session written directly, at START). */
  admin(): TestSession;
  /** Signs in over HTTP (staff: /api/auth/login, customer: /api/customer/auth). */
  login(email: string, password?: string, kind?: 'staff' | 'customer'): request.Test;
}

/** The API on a fresh database (catalog and customers seeded) with a movable clock, for the describe block that calls it. */
export function useIdentityApp(): IdentitySuite {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: TestSession;
  const clock = new MovableClock(START);
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_identity');
    await seedCatalog(db);
    // Long-lived, so tests that move the clock by hours keep their admin.
    admin = await staffSession(db.pool, { now: START, ttlMinutes: 365 * 24 * 60 });
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api' }, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  return {
    db: () => db,
    http,
    clock: () => clock,
    admin: () => admin,
    login: (email, password = TEST_PASSWORD, kind = 'staff') =>
      request(http())
        .post(kind === 'staff' ? '/api/auth/login' : '/api/customer/auth')
        .send({ email, password }),
  };
}
