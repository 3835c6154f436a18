/** A staff action's reason: required, not blank, bounded (it is stored on the job's stream). */
export const NOT_BLANK = /\S/;
export const MAX_REASON_LENGTH = 1000;
