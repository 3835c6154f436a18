import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evidenceFilePath, openableEvidence } from './evidence-file';

describe('evidence files', () => {
  let base: string;
  let evidence: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'dbolt-evidence-'));
    evidence = join(base, 'evidence');
    await mkdir(join(evidence, 'test-1'), { recursive: true });
    await writeFile(join(evidence, 'test-1', 'shot.png'), 'png');
    await writeFile(join(evidence, 'test-1', 'shot.jpg'), 'jpeg');
    await writeFile(join(base, 'secret.png'), 'secret');
    await symlink(join(base, 'secret.png'), join(evidence, 'test-1', 'link.png'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('resolves a relative PNG path inside the evidence directory', () => {
    expect(evidenceFilePath(evidence, 'test-1/shot.png')).toBe(join(evidence, 'test-1', 'shot.png'));
    expect(evidenceFilePath(evidence, 'a/..b.png')).toBe(join(evidence, 'a', '..b.png'));
  });

  it('refuses paths that leave the directory, absolute paths, NUL bytes and non-PNG files', () => {
    for (const path of [
      '../secret.png',
      'test-1/../../secret.png',
      '/etc/passwd.png',
      join(evidence, 'test-1/shot.png'),
      'a\0.png',
      'test-1/page.html',
      '',
      null,
    ]) {
      expect(evidenceFilePath(evidence, path)).toBeNull();
    }
  });

  it('opens an existing file; a missing file or a link pointing outside is null', async () => {
    expect(await openableEvidence(evidence, 'test-1/shot.png')).toEqual({
      path: expect.stringMatching(/shot\.png$/),
      size: 3,
      type: 'image/png',
    });
    // EVIDENCE_FORMAT=jpeg screenshots are served as JPEG.
    expect(await openableEvidence(evidence, 'test-1/shot.jpg')).toEqual({
      path: expect.stringMatching(/shot\.jpg$/),
      size: 4,
      type: 'image/jpeg',
    });
    expect(await openableEvidence(evidence, 'test-1/missing.png')).toBeNull();
    expect(await openableEvidence(evidence, 'test-1/link.png')).toBeNull();
    expect(await openableEvidence(evidence, 'test-1')).toBeNull();
  });
});
