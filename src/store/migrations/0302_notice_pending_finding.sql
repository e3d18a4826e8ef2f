-- 0302: notice_pending by finding. The engine's KEV step asks "was this finding already
-- told about?" and deleting a finding looks its notices up; without this index both scan the
-- whole table (a 77k-row delete took minutes on PostgreSQL).
CREATE INDEX notice_pending_finding ON notice_pending (finding_id, reason);
