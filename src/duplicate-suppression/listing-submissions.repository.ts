import type { Pool } from 'pg';

/** A row of `listing_submissions` (migration 026), as the guard reads it. */
export interface ListingRecord {
  readonly listingKey: string;
  readonly directoryId: string;
  readonly acceptedJobId: string | null;
  readonly acceptedAt: Date | null;
  readonly listingUrl: string | null;
  readonly evidencePath: string | null;
  /** Accepted less than the window ago (by the database's clock, the one every worker shares). */
  readonly withinWindow: boolean;
  readonly claimJobId: string | null;
}

export interface ListingOwner {
  readonly listingKey: string;
  readonly directoryId: string;
  readonly customerId: string;
}

export interface Acceptance {
  readonly jobId: string;
  readonly acceptedAt: Date;
  readonly listingUrl: string | null;
  readonly evidencePath: string | null;
}

interface Row {
  listing_key: string;
  directory_id: string;
  accepted_job_id: string | null;
  accepted_at: Date | null;
  listing_url: string | null;
  evidence_path: string | null;
  within_window: boolean;
  claim_job_id: string | null;
}

/**
 * The records of duplicate suppression across jobs. Every write is one statement, so it is atomic
 * on PostgreSQL and behind the embedded server alike (session advisory locks exclude nothing
 * there: every client shares one PGlite session).
 */
export class ListingSubmissions {
  constructor(private readonly pool: Pool) {}

  async find(listingKey: string, windowDays: number): Promise<ListingRecord | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT listing_key, directory_id, accepted_job_id, accepted_at, listing_url, evidence_path, claim_job_id,
              coalesce(accepted_at > now() - make_interval(days => $2), false) AS within_window
       FROM listing_submissions WHERE listing_key = $1`,
      [listingKey, windowDays],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Takes the claim for `jobId` unless another job holds it; returns the job that holds it now. */
  async claim(owner: ListingOwner, jobId: string, workerId: string): Promise<string> {
    const { rows } = await this.pool.query<{ claim_job_id: string }>(
      `INSERT INTO listing_submissions AS t (listing_key, directory_id, customer_id, claim_job_id, claimed_by, claimed_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (listing_key) DO UPDATE
         SET claim_job_id = EXCLUDED.claim_job_id, claimed_by = EXCLUDED.claimed_by, claimed_at = now(),
             customer_id = EXCLUDED.customer_id, updated_at = now()
         WHERE t.claim_job_id IS NULL OR t.claim_job_id = EXCLUDED.claim_job_id
       RETURNING claim_job_id`,
      [owner.listingKey, owner.directoryId, owner.customerId, jobId, workerId],
    );
    if (rows[0]) return rows[0].claim_job_id;
    const held = await this.pool.query<{ claim_job_id: string | null }>(
      'SELECT claim_job_id FROM listing_submissions WHERE listing_key = $1',
      [owner.listingKey],
    );
    // Released between the two statements: report it free, the caller tries again.
    return held.rows[0]?.claim_job_id ?? '';
  }

  /** Ends `jobId`'s claim (its submission is over); another job's claim is left alone. */
  async release(listingKey: string, jobId: string): Promise<void> {
    await this.pool.query(
      `UPDATE listing_submissions SET claim_job_id = NULL, claimed_by = NULL, updated_at = now()
       WHERE listing_key = $1 AND claim_job_id = $2`,
      [listingKey, jobId],
    );
  }

  /**
   * Records an accepted submission and ends its job's claim. An older acceptance never replaces a
   * newer one (a late repair after a forced job's success).
   */
  async accept(owner: ListingOwner, acceptance: Acceptance): Promise<void> {
    const { jobId, acceptedAt, listingUrl, evidencePath } = acceptance;
    const { rows } = await this.pool.query(
      `INSERT INTO listing_submissions AS t (listing_key, directory_id, customer_id, accepted_job_id, accepted_at, listing_url, evidence_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (listing_key) DO UPDATE
         SET accepted_job_id = EXCLUDED.accepted_job_id, accepted_at = EXCLUDED.accepted_at, listing_url = EXCLUDED.listing_url,
             evidence_path = EXCLUDED.evidence_path, customer_id = EXCLUDED.customer_id, updated_at = now(),
             claim_job_id = CASE WHEN t.claim_job_id = EXCLUDED.accepted_job_id THEN NULL ELSE t.claim_job_id END,
             claimed_by = CASE WHEN t.claim_job_id = EXCLUDED.accepted_job_id THEN NULL ELSE t.claimed_by END
         WHERE t.accepted_at IS NULL OR t.accepted_at <= EXCLUDED.accepted_at
       RETURNING 1`,
      [owner.listingKey, owner.directoryId, owner.customerId, jobId, acceptedAt, listingUrl, evidencePath],
    );
    // A newer acceptance stood: the row was left alone, so end this job's claim on its own (rare).
    if (rows.length === 0) await this.release(owner.listingKey, jobId);
  }
}

function toRecord(row: Row): ListingRecord {
  return {
    listingKey: row.listing_key,
    directoryId: row.directory_id,
    acceptedJobId: row.accepted_job_id,
    acceptedAt: row.accepted_at === null ? null : new Date(row.accepted_at),
    listingUrl: row.listing_url,
    evidencePath: row.evidence_path,
    withinWindow: row.within_window,
    claimJobId: row.claim_job_id,
  };
}
