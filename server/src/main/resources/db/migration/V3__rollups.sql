-- Usage rollups: per minute, hour and day, per dimension (all, user, key, account, model, group), so that the
-- dashboards never scan usage_log. A rollup row only ever grows by addition (counts, tokens, money, histogram
-- buckets element-wise), so any rows of one key merge by addition and the settlement batch upserts into them.

-- Lower bounds (ms) of the latency / time-to-first-token histogram buckets: bucket k (1-based, as in PostgreSQL
-- arrays) counts values in [bounds[k], bounds[k+1]); the last one is open-ended. Exact to 1 ms up to 10 ms, then
-- each bucket about 20 % wider than the one before. Released bounds never change: rollups add bucket by bucket.
CREATE FUNCTION rollup_bounds() RETURNS BIGINT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT '{0,1,2,3,4,5,6,7,8,9,10,12,14,16,19,22,26,31,37,44,52,62,74,88,105,126,151,181,217,260,312,374,448,537,644,
772,926,1111,1333,1599,1918,2301,2761,3313,3975,4770,5724,6868,8241,9889,11866,14239,17086,20503,24603,29523,35427,
42512,51014,61216,73459,88150,105780,126936,152323,182787,219344,263212,315854,379024,454828,545793,654951,785941,
943129,1131754,1358104,1629724,1955668,2346801,2816161,3379393,4055271,4866325,5839590,7007508,8409009}'::BIGINT[]
$$;

-- The histogram bucket (1-based) of a value in ms (width_bucket: a binary search over the lower bounds).
CREATE FUNCTION rollup_bucket(ms BIGINT) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT greatest(1, width_bucket(ms, rollup_bounds()))
$$;

-- Element-wise sum of two histograms (a missing element counts 0).
CREATE FUNCTION rollup_hist_add(a BIGINT[], b BIGINT[]) RETURNS BIGINT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}'::BIGINT[])
FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;

CREATE FUNCTION rollup_hist_count(state BIGINT[], ms BIGINT) RETURNS BIGINT[] LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    k INTEGER := rollup_bucket(ms);
BEGIN
    IF cardinality(state) = 0 THEN
        state := array_fill(0::BIGINT, ARRAY[cardinality(rollup_bounds())]);
    END IF;
    state[k] := state[k] + 1;
    RETURN state;
END
$$;

-- rollup_histogram(ms): the histogram of a column; NULL values are not counted, no values gives '{}'.
CREATE AGGREGATE rollup_histogram(BIGINT) (SFUNC = rollup_hist_count, STYPE = BIGINT[], INITCOND = '{}');

-- The q-quantile (nearest rank, like percentile_disc) of a histogram, as the middle of the bucket holding it
-- (the lower bound for the open-ended last bucket); NULL for an empty histogram.
CREATE FUNCTION rollup_percentile(hist BIGINT[], q NUMERIC) RETURNS BIGINT LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    bounds BIGINT[] := rollup_bounds();
    total BIGINT := 0;
    rank BIGINT;
    seen BIGINT := 0;
BEGIN
    FOR k IN 1 .. coalesce(cardinality(hist), 0) LOOP
        total := total + hist[k];
    END LOOP;
    IF total = 0 THEN
        RETURN NULL;
    END IF;
    rank := greatest(1, ceil(q * total));
    FOR k IN 1 .. cardinality(hist) LOOP
        seen := seen + hist[k];
        IF seen >= rank THEN
            IF k >= cardinality(bounds) THEN
                RETURN bounds[cardinality(bounds)];
            END IF;
            RETURN (bounds[k] + bounds[k + 1] - 1) / 2;
        END IF;
    END LOOP;
    RETURN bounds[cardinality(bounds)];
END
$$;

CREATE TABLE usage_rollups (
    granularity           TEXT        NOT NULL CHECK (granularity IN ('minute', 'hour', 'day')),
    dimension             TEXT        NOT NULL CHECK (dimension IN ('all', 'user', 'key', 'account', 'model', 'group')),
    -- '' for all, the id in decimal for user/key/account/group, the requested model ('' when none) for model
    dimension_id          TEXT        NOT NULL,
    -- UTC start of the minute, hour or day
    bucket_start          TIMESTAMPTZ NOT NULL,
    requests              BIGINT      NOT NULL DEFAULT 0,
    -- status >= 400
    errors                BIGINT      NOT NULL DEFAULT 0,
    input_tokens          BIGINT      NOT NULL DEFAULT 0,
    output_tokens         BIGINT      NOT NULL DEFAULT 0,
    cache_write_5m_tokens BIGINT      NOT NULL DEFAULT 0,
    cache_write_1h_tokens BIGINT      NOT NULL DEFAULT 0,
    cache_read_tokens     BIGINT      NOT NULL DEFAULT 0,
    -- Σ usage_log.total_cost (list price) and Σ usage_log.actual_cost (charged)
    list_cost             NUMERIC(20, 10) NOT NULL DEFAULT 0,
    cost                  NUMERIC(20, 10) NOT NULL DEFAULT 0,
    -- counts per rollup_bounds() bucket of duration_ms and first_token_ms ('{}' = none yet)
    latency_histogram     BIGINT[]    NOT NULL DEFAULT '{}',
    ttft_histogram        BIGINT[]    NOT NULL DEFAULT '{}',
    PRIMARY KEY (granularity, dimension, dimension_id, bucket_start)
);
-- for pruning the minute rows
CREATE INDEX usage_rollups_granularity_time_idx ON usage_rollups (granularity, bucket_start);

-- Adds the given usage_log rows to every rollup they belong to: one statement, one upsert per rollup row, in key
-- order (concurrent batches lock rows in the same order). The settlement batch calls it with the ids its insert
-- actually wrote, so a replayed request id is never counted twice.
CREATE FUNCTION usage_rollups_add(ids BIGINT[]) RETURNS VOID LANGUAGE sql VOLATILE AS $$
INSERT INTO usage_rollups AS r (granularity, dimension, dimension_id, bucket_start, requests, errors, input_tokens,
                                output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens,
                                list_cost, cost, latency_histogram, ttft_histogram)
SELECT g.granularity, d.dimension, d.id, date_trunc(g.granularity, u.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
       count(*), count(*) FILTER (WHERE u.status_code >= 400), sum(u.input_tokens), sum(u.output_tokens),
       sum(u.cache_write_5m_tokens), sum(u.cache_write_1h_tokens), sum(u.cache_read_tokens), sum(u.total_cost),
       sum(u.actual_cost), rollup_histogram(u.duration_ms), rollup_histogram(u.first_token_ms)
FROM usage_log u
CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS g(granularity)
CROSS JOIN LATERAL (VALUES ('all', ''), ('user', u.user_id::TEXT), ('key', u.api_key_id::TEXT),
                           ('account', u.account_id::TEXT), ('model', coalesce(u.requested_model, '')),
                           ('group', u.group_id::TEXT)) AS d(dimension, id)
WHERE u.id = ANY (ids) AND d.id IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
ON CONFLICT (granularity, dimension, dimension_id, bucket_start) DO UPDATE SET
    requests = r.requests + excluded.requests,
    errors = r.errors + excluded.errors,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    cache_write_5m_tokens = r.cache_write_5m_tokens + excluded.cache_write_5m_tokens,
    cache_write_1h_tokens = r.cache_write_1h_tokens + excluded.cache_write_1h_tokens,
    cache_read_tokens = r.cache_read_tokens + excluded.cache_read_tokens,
    list_cost = r.list_cost + excluded.list_cost,
    cost = r.cost + excluded.cost,
    latency_histogram = rollup_hist_add(r.latency_histogram, excluded.latency_histogram),
    ttft_histogram = rollup_hist_add(r.ttft_histogram, excluded.ttft_histogram)
$$;

-- Backfill: the history of an upgraded install, in chunks of 10,000 usage rows. Minute rows older than the
-- retention are pruned by the server's rollup job at its first run.
SELECT usage_rollups_add(array_agg(id)) FROM usage_log GROUP BY id / 10000;
