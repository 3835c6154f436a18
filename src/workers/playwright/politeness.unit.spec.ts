import { inflateSync } from 'node:zlib';
import { safeSegment } from './evidence';
import { LOGO_PNG } from './logo-png';
import { DomainPoliteness } from './politeness';

describe('DomainPoliteness', () => {
  it('spaces submissions to one domain, not across domains', () => {
    let now = 1_000;
    const gate = new DomainPoliteness(500, () => now);
    expect(gate.reserve('a.test')).toBe(0);
    expect(gate.reserve('A.test')).toBe(500);
    expect(gate.reserve('b.test')).toBe(0);
    now = 2_200;
    expect(gate.reserve('a.test')).toBe(0);
    expect(new DomainPoliteness(0).reserve('a.test')).toBe(0);
  });

  it('stops waiting on abort', async () => {
    const gate = new DomainPoliteness(10_000);
    await gate.wait('a.test');
    const controller = new AbortController();
    const waiting = gate.wait('a.test', controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
  });
});

describe('evidence and logo helpers', () => {
  it('makes ids safe single path segments', () => {
    expect(safeSegment('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeSegment('dir-1')).toBe('dir-1');
    expect(safeSegment('')).toBe('_');
  });

  it('generates a valid 128×128 PNG', () => {
    expect(LOGO_PNG.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(LOGO_PNG.readUInt32BE(16)).toBe(128);
    const idat = LOGO_PNG.indexOf('IDAT');
    const length = LOGO_PNG.readUInt32BE(idat - 4);
    expect(inflateSync(LOGO_PNG.subarray(idat + 4, idat + 4 + length)).length).toBe(128 * (1 + 128 * 3));
  });
});
