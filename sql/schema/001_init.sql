-- quotewire warehouse, version 1: the tables one night's load writes into.
-- Column meanings are documented in README.md ("Tables").

CREATE TABLE articles (
    article_id    VARCHAR NOT NULL,
    source        VARCHAR,
    url           VARCHAR,
    title         VARCHAR,
    outlet        VARCHAR,
    author        VARCHAR,
    published_at  TIMESTAMPTZ,
    language      VARCHAR,
    dateline      VARCHAR,
    text          VARCHAR,
    text_hash     VARCHAR,
    cluster_id    VARCHAR,
    is_canonical  BOOLEAN,
    removed       STRUCT(rule VARCHAR, text VARCHAR)[],
    run_date      DATE NOT NULL
);

CREATE TABLE quotes (
    quote_id         VARCHAR NOT NULL,
    article_id       VARCHAR NOT NULL,
    unique_quote_id  VARCHAR,
    start            INTEGER,
    "end"            INTEGER,
    text             VARCHAR,
    type             VARCHAR,
    speaker          VARCHAR,
    speaker_start    INTEGER,
    speaker_end      INTEGER,
    speaker_name     VARCHAR,
    speaker_role     VARCHAR,
    cue              VARCHAR,
    cue_start        INTEGER,
    cue_end          INTEGER,
    confidence       REAL,
    run_date         DATE NOT NULL
);

CREATE TABLE fetch_log (
    source       VARCHAR,
    url          VARCHAR,
    status       VARCHAR,
    reason       VARCHAR,
    http_status  INTEGER,
    attempts     INTEGER,
    elapsed_ms   DOUBLE,
    fetched_at   TIMESTAMPTZ,
    run_date     DATE NOT NULL
);

-- One row per loaded night: what the run saw (written by the load step).
CREATE TABLE runs (
    run_date     DATE NOT NULL,
    loaded_at    TIMESTAMPTZ NOT NULL,
    flow_run_id  VARCHAR,
    summary      JSON
);
