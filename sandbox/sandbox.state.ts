import { randomUUID } from 'node:crypto';
import type { AcceptedSubmission, RejectedSubmission } from './sandbox.types';

/** Listing identity like a directory sees it: name + website, or email. */
export function listingKeys(name: string, website: string, email: string): string[] {
  const normalizedName = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const normalizedSite = website
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
  return [`name:${normalizedName}|${normalizedSite}`, `email:${email.trim().toLowerCase()}`];
}

/** mulberry32: small, seedable, good enough to make flaky failures reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StoredListing {
  readonly slug: string;
  readonly name: string;
  readonly website: string;
  readonly description: string;
}

export class SandboxState {
  readonly acceptedList: AcceptedSubmission[] = [];
  readonly rejectedList: RejectedSubmission[] = [];
  private readonly keysByInstance = new Map<string, Set<string>>();
  private readonly listingsByInstance = new Map<string, StoredListing[]>();
  private readonly attempts = new Map<string, number>();
  private readonly sessions = new Map<string, string>();
  private readonly drafts = new Map<string, Record<string, string>>();
  private random: () => number;

  constructor(private readonly seed: number) {
    this.random = seededRandom(seed);
  }

  isListed(instance: string, keys: readonly string[]): boolean {
    const known = this.keysByInstance.get(instance);
    return known !== undefined && keys.some((key) => known.has(key));
  }

  addListing(instance: string, keys: readonly string[], listing: Omit<StoredListing, 'slug'>): StoredListing {
    const known = this.keysByInstance.get(instance) ?? new Set<string>();
    keys.forEach((key) => known.add(key));
    this.keysByInstance.set(instance, known);
    const listings = this.listingsByInstance.get(instance) ?? [];
    const base =
      listing.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'listing';
    const stored = { ...listing, slug: `${base}-${listings.length + 1}` };
    listings.push(stored);
    this.listingsByInstance.set(instance, listings);
    return stored;
  }

  listings(instance: string): readonly StoredListing[] {
    return this.listingsByInstance.get(instance) ?? [];
  }

  /** Counts POSTs of one listing on one instance; 1 for the first. */
  countAttempt(instance: string, keys: readonly string[]): number {
    const id = `${instance}|${keys[0]}`;
    const count = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, count);
    return count;
  }

  nextRandom(): number {
    return this.random();
  }

  openSession(instance: string): string {
    const token = randomUUID();
    this.sessions.set(token, instance);
    return token;
  }

  hasSession(instance: string, token: string | undefined): boolean {
    return token !== undefined && this.sessions.get(token) === instance;
  }

  saveDraft(fields: Record<string, string>): string {
    const id = randomUUID();
    this.drafts.set(id, fields);
    return id;
  }

  draft(id: string | undefined): Record<string, string> | undefined {
    return id === undefined ? undefined : this.drafts.get(id);
  }

  reset(): void {
    this.acceptedList.length = 0;
    this.rejectedList.length = 0;
    this.keysByInstance.clear();
    this.listingsByInstance.clear();
    this.attempts.clear();
    this.sessions.clear();
    this.drafts.clear();
    this.random = seededRandom(this.seed);
  }
}
