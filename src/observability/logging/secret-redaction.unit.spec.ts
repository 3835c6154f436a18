import { REDACTED, redactSecrets } from './secret-redaction';

describe('redactSecrets', () => {
  it('masks the password of a connection string and keeps the rest', () => {
    expect(redactSecrets('connect ECONNREFUSED postgres://app:pa55w0rd@db:5432/prod')).toBe(
      `connect ECONNREFUSED postgres://app:${REDACTED}@db:5432/prod`,
    );
    expect(redactSecrets('REDIS_URL redis://:s3cret@127.0.0.1:6379 did not answer')).toBe(
      `REDIS_URL redis://:${REDACTED}@127.0.0.1:6379 did not answer`,
    );
  });

  it('masks API keys wherever they appear', () => {
    const key = 'dbk_AbCdEf0123456789-_xyzXYZ0123456789abcdefghi';
    expect(redactSecrets(`key ${key} refused`)).toBe(`key dbk_${REDACTED} refused`);
  });

  it('masks bearer and basic credentials, and secret-named pairs', () => {
    expect(redactSecrets('Authorization: Bearer abc.DEF-123_x')).not.toContain('abc.DEF-123_x');
    expect(redactSecrets('sent Basic dXNlcjpwYXNz')).toBe(`sent Basic ${REDACTED}`);
    expect(redactSecrets('{"password":"hunter2","email":"a@b.c"}')).toBe(`{"password":"${REDACTED}","email":"a@b.c"}`);
    expect(redactSecrets('?token=t0k3n&page=2')).toBe(`?token=${REDACTED}&page=2`);
    expect(redactSecrets('cookie: sid=abc123')).not.toContain('abc123');
  });

  it('leaves the published demo passwords readable, so the demo sign-in lines work', () => {
    const line = `curl -d '{"email":"demo-admin@directorybolt.test","password":"demo-admin-password"}'`;
    expect(redactSecrets(line)).toBe(line);
  });

  it('leaves ordinary text alone', () => {
    const text = 'job 5f0c queued for dir-001 (attempt 2 of 3) at https://dir-001.test/add?ref=x';
    expect(redactSecrets(text)).toBe(text);
  });
});
