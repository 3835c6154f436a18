import type { DomElement, DomWindow } from './dom.types';

export interface PageObstacles {
  readonly url: string;
  readonly passwordField: boolean;
  /** Which captcha was seen, or null. */
  readonly captcha: string | null;
}

/** Login and captcha signs on the page. Self-contained for `page.evaluate`. */
export function detectObstacles(): PageObstacles {
  const win = globalThis as unknown as DomWindow;
  const doc = win.document;
  const shown = (el: DomElement): boolean => {
    const rect = el.getBoundingClientRect();
    const style = win.getComputedStyle(el);
    return rect.width > 1 && rect.height > 1 && style.visibility !== 'hidden' && Number(style.opacity) > 0.05;
  };
  const some = (selector: string, test: (el: DomElement) => boolean): boolean => Array.from(doc.querySelectorAll(selector)).some(test);
  const widgets: ReadonlyArray<readonly [string, string]> = [
    [
      'recaptcha',
      '.g-recaptcha:not([data-size=invisible]), iframe[src*="recaptcha/api2/anchor"], iframe[src*="recaptcha/enterprise/anchor"]',
    ],
    ['hcaptcha', '.h-captcha:not([data-size=invisible]), iframe[src*="hcaptcha.com"]'],
    ['turnstile', '.cf-turnstile, iframe[src*="challenges.cloudflare.com"]'],
  ];
  const widget = widgets.find(([, selector]) => doc.querySelector(selector) !== null)?.[0] ?? null;
  const bodyText = (doc.body?.innerText ?? '').slice(0, 50_000);
  const robotText = /i['’]?m not a robot|i am not a robot/i.test(bodyText) ? 'robot-check' : null;
  const captchaImage = some('img', (el) =>
    /captcha/i.test(`${el.getAttribute('src')} ${el.getAttribute('alt')} ${el.id} ${el.getAttribute('class')}`),
  );
  const captchaInput = some(
    'input',
    (el) => shown(el) && /captcha|security.?code/i.test(`${el.getAttribute('name')} ${el.id} ${el.getAttribute('placeholder')}`),
  );
  const imageCaptcha = captchaImage && captchaInput ? 'image-captcha' : null;
  return {
    url: win.location.href,
    passwordField: some('input[type=password]', (el) => shown(el) && !el.hasAttribute('disabled')),
    captcha: widget ?? robotText ?? imageCaptcha,
  };
}
