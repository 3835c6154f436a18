import { EnvReader } from './env-reader';
import { readBrowserConfig, readExtraArgs } from './browser-config';

describe('browser settings', () => {
  const read = (env: Record<string, string>): { problems: string[]; config: ReturnType<typeof readBrowserConfig> } => {
    const problems: string[] = [];
    return { problems, config: readBrowserConfig(new EnvReader(env, problems), '/data', problems) };
  };

  it('defaults: reuse with clearing, heavy resources and trackers blocked, JPEG evidence, covered detection skipped', () => {
    const { problems, config } = read({});
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      contextReuse: true,
      extraArgs: [],
      blockResources: ['heavy', 'trackers'],
      evidenceFormat: 'jpeg',
      evidenceJpegQuality: 60,
      skipCoveredDetection: true,
    });
  });

  it('everything off reads as today’s pipeline', () => {
    const { problems, config } = read({
      BROWSER_CONTEXT_REUSE: 'false',
      BROWSER_BLOCK_RESOURCES: 'none',
      EVIDENCE_FORMAT: 'png',
      DETECTION_SKIP_WHEN_MAPPED: 'false',
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ contextReuse: false, blockResources: [], evidenceFormat: 'png', skipCoveredDetection: false });
  });

  it('names a bad value clearly', () => {
    const { problems } = read({ BROWSER_BLOCK_RESOURCES: 'images', EVIDENCE_FORMAT: 'webp', EVIDENCE_JPEG_QUALITY: '0' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/BROWSER_BLOCK_RESOURCES must be a comma-separated list of none, heavy, trackers, third-party/);
  });

  it('extra flags: --flag words only, and none that puts the browser in one process or opens it up', () => {
    const problems: string[] = [];
    expect(readExtraArgs(' --renderer-process-limit=4  --disable-extensions ', problems)).toEqual([
      '--renderer-process-limit=4',
      '--disable-extensions',
    ]);
    expect(readExtraArgs('--single-process', problems)).toEqual([]);
    expect(readExtraArgs('rm -rf', problems)).toEqual([]);
    expect(readExtraArgs('--remote-debugging-port=9222', problems)).toEqual([]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/may not weaken isolation/);
  });
});
