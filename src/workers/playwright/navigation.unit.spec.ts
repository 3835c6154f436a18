import { browserErrorVerdict, landingStatusVerdict, navigationErrorVerdict, refuseUrl } from './navigation';
import { obstacleVerdict } from './form-steps';

const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('navigation verdicts', () => {
  it('refuses anything but http(s)', () => {
    expect(refuseUrl('https://dir.test/add')).toBeNull();
    expect(refuseUrl('file:///etc/passwd')).toEqual({
      kind: 'permanent',
      message: 'directory URL must be http or https: file:///etc/passwd',
    });
    expect(refuseUrl('not a url')?.kind).toBe('permanent');
  });

  it('classifies the landing status', () => {
    expect(landingStatusVerdict(200)).toBeNull();
    expect(landingStatusVerdict(503)?.kind).toBe('transient');
    expect(landingStatusVerdict(404)?.kind).toBe('permanent');
    expect(landingStatusVerdict(410)?.kind).toBe('permanent');
    expect(landingStatusVerdict(401)).toMatchObject({ kind: 'needs_manual', reason: 'login' });
  });

  it('classifies goto failures without the call log', () => {
    expect(navigationErrorVerdict(named('TimeoutError', 'page.goto: Timeout 2000ms exceeded.\nCall log:\n...'), 2000)).toEqual({
      kind: 'transient',
      message: 'navigation timed out after 2000 ms',
    });
    expect(navigationErrorVerdict(new Error('page.goto: net::ERR_NAME_NOT_RESOLVED at https://x.test/\nCall log:'), 1)).toEqual({
      kind: 'transient',
      message: 'site unreachable (ERR_NAME_NOT_RESOLVED)',
    });
    expect(navigationErrorVerdict(new Error('net::ERR_CERT_DATE_INVALID at https://x.test/'), 1).kind).toBe('permanent');
    expect(navigationErrorVerdict(new Error('page.goto: Target page, context or browser has been closed'), 1)).toEqual({
      kind: 'transient',
      message: 'the browser closed or crashed during the submission',
    });
    expect(browserErrorVerdict(new Error('page.evaluate: boom\n    at x'))).toEqual({ kind: 'transient', message: 'browser error: boom' });
  });

  it('a browser error with an emoji at the cut keeps whole characters only', () => {
    const verdict = browserErrorVerdict(new Error(`page.evaluate: ${'x'.repeat(199)}😀 thrown by the page\n    at x`));
    expect(verdict).toEqual({ kind: 'transient', message: `browser error: ${'x'.repeat(199)}…` });
    expect(browserErrorVerdict(new Error('page.evaluate: nul\u0000 in it'))).toEqual({
      kind: 'transient',
      message: 'browser error: nul in it',
    });
  });

  it('turns obstacles into needs_manual', () => {
    expect(obstacleVerdict({ url: 'https://d.test/add', passwordField: false, captcha: null })).toBeNull();
    expect(obstacleVerdict({ url: 'https://d.test/add', passwordField: true, captcha: null })).toMatchObject({ reason: 'login' });
    expect(obstacleVerdict({ url: 'https://d.test/login?next=/add', passwordField: false, captcha: null })).toMatchObject({
      reason: 'login',
    });
    expect(obstacleVerdict({ url: 'https://d.test/add', passwordField: false, captcha: 'hcaptcha' })).toMatchObject({ reason: 'captcha' });
  });
});
