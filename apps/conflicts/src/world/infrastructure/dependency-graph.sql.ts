/**
 * Every environment reachable from `$1` over `depends_on`, upstream (what it depends on) and
 * downstream (what depends on it), each once at its shortest distance with one shortest path of
 * keys. The graph is acyclic (the intents service refuses cycles); the path check and the depth
 * cap only keep a corrupted graph from looping.
 */
export const NEIGHBOURS_SQL = `
WITH RECURSIVE
  target AS (SELECT id, key, depends_on FROM conflicts.environments WHERE id = $1),
  upstream(id, key, depends_on, distance, path) AS (
    SELECT e.id, e.key, e.depends_on, 1, ARRAY[t.key, e.key]
      FROM target t JOIN conflicts.environments e ON e.key = ANY (t.depends_on)
    UNION ALL
    SELECT e.id, e.key, e.depends_on, u.distance + 1, u.path || e.key
      FROM upstream u JOIN conflicts.environments e ON e.key = ANY (u.depends_on)
     WHERE NOT e.key = ANY (u.path) AND u.distance < 32
  ),
  downstream(id, key, distance, path) AS (
    SELECT e.id, e.key, 1, ARRAY[t.key, e.key]
      FROM target t JOIN conflicts.environments e ON e.depends_on @> ARRAY[t.key]
    UNION ALL
    SELECT e.id, e.key, d.distance + 1, d.path || e.key
      FROM downstream d JOIN conflicts.environments e ON e.depends_on @> ARRAY[d.key]
     WHERE NOT e.key = ANY (d.path) AND d.distance < 32
  ),
  reached AS (
    SELECT id, 'UPSTREAM' AS direction, distance, path FROM upstream
    UNION ALL
    SELECT id, 'DOWNSTREAM', distance, path FROM downstream
  )
SELECT DISTINCT ON (r.id) r.id, e.key, e.tier, e.timezone, r.direction, r.distance, r.path
  FROM reached r JOIN conflicts.environments e ON e.id = r.id
 WHERE r.id <> (SELECT id FROM target)
 ORDER BY r.id, r.distance, r.path`;
