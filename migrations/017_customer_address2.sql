-- The second address line of a listing (suite, floor, building), which many directory forms ask
-- for on its own line. Empty when the customer has none; a job's snapshot then leaves it out.
ALTER TABLE customers ADD COLUMN address2 text NOT NULL DEFAULT '';
