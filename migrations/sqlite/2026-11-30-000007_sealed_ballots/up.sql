-- Ballots at rest are sealed: `sealed` holds the choices and the receipt encrypted under a key
-- derived from PSEUDONYM_SECRET (ballots written before this migration are sealed when the
-- server starts). The receipt is no longer a column of its own, and who took part is no longer
-- recorded beside the ballot: the pseudonym answers it for whoever holds the secret.
ALTER TABLE ballots RENAME COLUMN choices TO sealed;
ALTER TABLE ballots DROP COLUMN receipt;
DROP TABLE participations;
