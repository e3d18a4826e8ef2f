-- 0103: the vendor/product index of cve_match also holds the part, so counting the CVEs that
-- name a (part, vendor, product) — the recount after every NVD import — reads the index
-- alone (with the key's cve_id) instead of one table row per criteria.
DROP INDEX cve_match_product;
CREATE INDEX cve_match_product ON cve_match (vendor, product, part);
