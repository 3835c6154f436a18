import { readForm } from './http/body.parser';
import { cookie, redirect } from './http/responses';
import { sendSitePage, type SiteRequest } from './site.context';
import { renderLoginForm, SANDBOX_LOGIN } from './sites/login.site';

const SESSION_COOKIE = 'sbx_session';

export function isSignedIn(req: SiteRequest): boolean {
  return req.state.hasSession(req.instance, cookie(req.request.headers.cookie, SESSION_COOKIE));
}

export function sendToLogin(req: SiteRequest): void {
  const next = encodeURIComponent(`${req.root}${req.site.submitPath}`);
  redirect(req.response, 302, `${req.root}login?next=${next}`);
}

/** GET shows the sign-in form; POST with the sandbox credentials opens a session for this instance. */
export async function handleLogin(req: SiteRequest): Promise<void> {
  const action = `${req.root}login${req.url.search}`;
  if (req.request.method !== 'POST') return sendSitePage(req, 200, 'Sign in', renderLoginForm(action, null));
  const fields = await readForm(req.request);
  if (fields.username !== SANDBOX_LOGIN.username || fields.password !== SANDBOX_LOGIN.password) {
    return sendSitePage(req, 401, 'Sign in', renderLoginForm(action, 'Invalid username or password.'));
  }
  const token = req.state.openSession(req.instance);
  const next = req.url.searchParams.get('next');
  const target = next !== null && next.startsWith(req.root) ? next : `${req.root}${req.site.submitPath}`;
  redirect(req.response, 302, target, { 'set-cookie': `${SESSION_COOKIE}=${token}; Path=${req.root}; HttpOnly; SameSite=Lax` });
}
