import { SANDBOX_LOGIN } from './sites/login.site';
import { findSiteTemplate } from './sites/site.registry';

/** What a browserless client saw after submitting (redirects to `thanks` are followed). */
export interface HttpSubmission {
  readonly status: number;
  readonly html: string;
  readonly location: string | null;
}

/** Plain-fetch client of one site instance: signs in when needed and walks the navigating wizard. */
export class SandboxHttpClient {
  private session: string | null = null;

  constructor(
    private readonly baseUrl: string,
    readonly siteId: string,
    readonly instance: number,
  ) {}

  get root(): string {
    return `${this.baseUrl}/d/${this.siteId}-${this.instance}/`;
  }

  get formUrl(): string {
    const site = findSiteTemplate(this.siteId);
    if (site === undefined) throw new Error(`Unknown sandbox site ${this.siteId}`);
    return `${this.root}${site.submitPath}`;
  }

  async login(username: string = SANDBOX_LOGIN.username, password: string = SANDBOX_LOGIN.password): Promise<Response> {
    const response = await this.request(`${this.root}login`, { username, password });
    const cookie = response.headers.get('set-cookie');
    if (cookie) this.session = cookie.split(';')[0];
    return response;
  }

  async getForm(url: string = this.formUrl): Promise<HttpSubmission> {
    return this.read(await this.request(url));
  }

  /** Posts all fields at once, or step 1 then step 2 for a site with `step1Params`. */
  async submit(fields: Readonly<Record<string, string>>, options: { readonly multipart?: boolean } = {}): Promise<HttpSubmission> {
    const step1 = findSiteTemplate(this.siteId)?.step1Params;
    if (step1 === undefined) return this.finish(await this.request(this.formUrl, fields, options.multipart));
    const first = Object.fromEntries(Object.entries(fields).filter(([name]) => step1.includes(name)));
    const afterStep1 = await this.request(this.formUrl, { step: '1', ...first });
    const location = afterStep1.headers.get('location');
    if (afterStep1.status !== 303 || location === null) return this.read(afterStep1);
    const draft = new URL(location, this.baseUrl).searchParams.get('draft') ?? '';
    const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !step1.includes(name)));
    return this.finish(await this.request(this.formUrl, { step: '2', draft, ...rest }));
  }

  private async finish(response: Response): Promise<HttpSubmission> {
    const location = response.headers.get('location');
    if (response.status === 303 && location !== null) {
      const followed = await this.read(await this.request(new URL(location, this.baseUrl).toString()));
      return { ...followed, location };
    }
    return this.read(response);
  }

  private async read(response: Response): Promise<HttpSubmission> {
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  private request(url: string, fields?: Readonly<Record<string, string>>, multipart = false): Promise<Response> {
    const headers: Record<string, string> = this.session ? { cookie: this.session } : {};
    if (fields === undefined) return fetch(url, { headers, redirect: 'manual' });
    const body = multipart ? toFormData(fields) : new URLSearchParams(fields);
    return fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
  }
}

function toFormData(fields: Readonly<Record<string, string>>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}
