import type { Page } from 'playwright';
import type { DetectedForm } from '../playwright/detected-form';
import { withMappingService } from './assisted-detection';
import type { ControlFacts } from './control-facts.browser';
import type { MappingServiceClient, ServiceReply } from './mapping-service.client';
import type { MappingServiceRequest } from './mapping-service.contract';

const UNCERTAIN: DetectedForm = {
  mapping: { email: ['#mail'] },
  confidence: { email: 0.9 },
  termsCheckboxes: [],
  uncertain: true,
  missingRequired: ['businessName'],
};
const visible = (selector: string): ControlFacts => ({ selector, count: 1, tag: 'input', type: 'text', visible: true, editable: true });

/** A page whose every selector matches one visible text box, except those named missing. */
function fakePage(url: string, missing: readonly string[] = []): Page {
  return {
    url: () => url,
    evaluate: (_fn: unknown, selectors?: readonly string[]) =>
      Promise.resolve(
        selectors ? selectors.map((s) => (missing.includes(s) ? { ...visible(s), count: 0, visible: false } : visible(s))) : [],
      ),
  } as unknown as Page;
}

function fakeClient(reply: ServiceReply): { client: MappingServiceClient; requests: MappingServiceRequest[] } {
  const requests: MappingServiceRequest[] = [];
  const client = {
    ask: (request: MappingServiceRequest) => (requests.push(request), Promise.resolve(reply)),
  } as unknown as MappingServiceClient;
  return { client, requests };
}

const answered: ServiceReply = { kind: 'answered', answers: [{ field: 'businessName', selector: '#biz', confidence: 0.8 }] };

describe('withMappingService', () => {
  const log: string[] = [];
  const options = { minConfidence: 0.5, log: (line: string) => void log.push(line) };

  it('does not ask when detection is certain or the known mapping has a visible control for what is missing', async () => {
    const { client, requests } = fakeClient(answered);
    const detect = withMappingService(() => Promise.resolve(UNCERTAIN), client, options);
    const certain = withMappingService(() => Promise.resolve({ ...UNCERTAIN, uncertain: false }), client, options);
    await certain(fakePage('https://d.test/add'), null);
    const form = await detect(fakePage('https://d.test/add'), { businessName: ['#known'] });
    expect(requests).toEqual([]);
    expect(form).toBe(UNCERTAIN);
  });

  it('asks when the known selector is gone, uses the answer, and asks once per page', async () => {
    const { client, requests } = fakeClient(answered);
    const detect = withMappingService(() => Promise.resolve(UNCERTAIN), client, options);
    const form = await detect(fakePage('https://d.test/add?ref=1', ['#known']), { businessName: ['#known'] });
    expect(form).toMatchObject({ mapping: { email: ['#mail'], businessName: ['#biz'] }, uncertain: false });
    expect(requests[0]).toMatchObject({ url: 'https://d.test/add', wanted: expect.arrayContaining(['businessName']) as unknown });
    expect(requests[0].wanted).not.toContain('email');
    await detect(fakePage('https://d.test/add?ref=2', ['#known']), { businessName: ['#known'] });
    expect(requests).toHaveLength(1);
  });

  it("keeps detection's result when the service fails, and asks again next time", async () => {
    const { client, requests } = fakeClient({ kind: 'failed', reason: 'HTTP 500' });
    const detect = withMappingService(() => Promise.resolve(UNCERTAIN), client, options);
    expect(await detect(fakePage('https://e.test/add'), null)).toBe(UNCERTAIN);
    expect(await detect(fakePage('https://e.test/add'), null)).toBe(UNCERTAIN);
    expect(requests).toHaveLength(2);
    expect(log).toContain('mapping service failed for https://e.test/add: HTTP 500; detection alone decides');
  });
});
