import { isLoopbackHost } from './loopback-host';

// Decides whether the demo's public passwords may exist (src/demo/demo-accounts.ts).
describe('isLoopbackHost', () => {
  it('is true only for addresses no other machine can reach', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.test', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });
});
