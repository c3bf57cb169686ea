-- The city's departments, a managed list: a review is assigned, and a reviewer works, in one
-- of them, named by its code (lower case), so "Groen" and "groen" are one department.
CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO departments (code, name, created_at)
SELECT LOWER(TRIM(department)), MIN(TRIM(department)), CURRENT_TIMESTAMP
FROM (
    SELECT department FROM reviews
    UNION ALL
    SELECT department FROM role_grants WHERE department IS NOT NULL
) AS named
GROUP BY LOWER(TRIM(department));
UPDATE reviews SET department = LOWER(TRIM(department));
