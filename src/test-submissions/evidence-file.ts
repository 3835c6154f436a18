import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The screenshot file for a stored evidence path, or null when the path could leave the evidence directory. */
export function evidenceFilePath(evidenceDir: string, evidencePath: string | null): string | null {
  if (!evidencePath || evidencePath.includes('\0') || isAbsolute(evidencePath)) return null;
  const root = resolve(evidenceDir);
  const file = resolve(root, evidencePath);
  if (!isInside(root, file) || extname(file).toLowerCase() !== '.png') return null;
  return file;
}

/** The file to stream and its size; null when missing, not a file, or a link that leads outside. */
export async function openableEvidence(evidenceDir: string, evidencePath: string | null): Promise<{ path: string; size: number } | null> {
  const file = evidenceFilePath(evidenceDir, evidencePath);
  if (!file) return null;
  try {
    const [root, real] = await Promise.all([realpath(evidenceDir), realpath(file)]);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function isInside(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
