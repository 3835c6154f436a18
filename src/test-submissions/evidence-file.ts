import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Screenshots are PNG or JPEG (EVIDENCE_FORMAT); nothing else under the evidence directory is served. */
const IMAGE_TYPES: Readonly<Record<string, EvidenceImageType>> = { '.png': 'image/png', '.jpg': 'image/jpeg' };
export type EvidenceImageType = 'image/png' | 'image/jpeg';

/** The screenshot file for a stored evidence path, or null when the path could leave the evidence directory. */
export function evidenceFilePath(evidenceDir: string, evidencePath: string | null): string | null {
  if (!evidencePath || evidencePath.includes('\0') || isAbsolute(evidencePath)) return null;
  const root = resolve(evidenceDir);
  const file = resolve(root, evidencePath);
  if (!isInside(root, file) || !Object.hasOwn(IMAGE_TYPES, extname(file).toLowerCase())) return null;
  return file;
}

/** The file to stream, its size and type; null when missing, not a file, or a link that leads outside. */
export async function openableEvidence(
  evidenceDir: string,
  evidencePath: string | null,
): Promise<{ path: string; size: number; type: EvidenceImageType } | null> {
  const file = evidenceFilePath(evidenceDir, evidencePath);
  if (!file) return null;
  try {
    const [root, real] = await Promise.all([realpath(evidenceDir), realpath(file)]);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, type: IMAGE_TYPES[extname(file).toLowerCase()] } : null;
  } catch {
    return null;
  }
}

function isInside(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
