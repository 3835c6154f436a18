-- What a queue message is about (one submission), so that the stale-work sweeper can tell a
-- submission whose message waits in the queue (or among the dead letters) from one whose
-- message is gone. Null for messages sent without one.
ALTER TABLE queue_messages ADD COLUMN subject text;
ALTER TABLE queue_dead_letters ADD COLUMN subject text;
CREATE INDEX queue_messages_subject_idx ON queue_messages (subject) WHERE subject IS NOT NULL;
CREATE INDEX queue_dead_letters_subject_idx ON queue_dead_letters (subject) WHERE subject IS NOT NULL;
