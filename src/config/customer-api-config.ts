import type { EnvReader } from './env-reader';

/** auto: a customer's run request creates the job at once; staff: it waits for a staff decision. */
export type RunApproval = 'auto' | 'staff';
export const RUN_APPROVALS: readonly RunApproval[] = ['auto', 'staff'];

/** The customer-facing submissions API and the directory catalog. */
export interface CustomerApiConfig {
  /**
   * Default `staff`: a run submits the listing to dozens of third-party sites in the customer's
   * name and spends the package again, so a person confirms it unless an operator opts into auto.
   */
  readonly runApproval: RunApproval;
  /** The catalog's recent success rate counts submissions finished within this many days. */
  readonly directorySuccessWindowDays: number;
}

export function readCustomerApiConfig(read: EnvReader): CustomerApiConfig {
  return {
    runApproval: read.oneOf('SUBMISSION_RUN_APPROVAL', RUN_APPROVALS, 'staff'),
    directorySuccessWindowDays: read.int('DIRECTORY_SUCCESS_WINDOW_DAYS', 30, 1, 365),
  };
}
