-- What an upload is, beyond its text (PolicyDocument in src/ingest/clause.ts): the hash of its words, which tells a
-- duplicate upload, the offset where each PDF page starts (the page of every clause), and the pages read by OCR.
ALTER TABLE policy_documents ADD COLUMN content_hash text;
ALTER TABLE policy_documents ADD COLUMN page_starts integer[];
ALTER TABLE policy_documents ADD COLUMN ocr_pages integer[];
-- The same words twice is one document: a second instance uploading them at the same moment is refused here.
CREATE UNIQUE INDEX policy_documents_content_hash ON policy_documents (content_hash) WHERE content_hash IS NOT NULL;

-- Bumped with every upload or delete, in the same transaction: server instances sharing this database compare it
-- with the version their index was built from and reload the documents when it moved.
CREATE TABLE policy_corpus_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint  NOT NULL
);
INSERT INTO policy_corpus_version (version) VALUES (0);
