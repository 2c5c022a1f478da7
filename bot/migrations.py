"""The database schema as versioned migrations, one set per backend (SQLite and PostgreSQL).

Append only: never edit a shipped migration, databases in the wild have already run it. Both
sets have the same length and their versions mean the same schema, so a new migration is
written twice (a test holds the two sets to the same tables and columns).

SQLite keeps its version in ``PRAGMA user_version``, PostgreSQL in the one-row table
``schema_version``; migration n takes a database from version n - 1 to n.

PostgreSQL columns are typed for what they hold: Discord ids are 64-bit (BIGINT), confidence
a DOUBLE PRECISION (REAL would round 0.87), and every text column sorts byte by byte
(COLLATE "C"), as SQLite does: ties in "most asked" and group keys order the same whatever
locale the server was created with. Timestamps stay ISO 8601 text in one fixed width (UTC,
microseconds), as in SQLite, so that both backends compare, store and return them alike
(``asked_at::timestamptz`` reads one as a time in psql).
"""

from __future__ import annotations

SQLITE_MIGRATIONS: tuple[str, ...] = (
    # 1: settings per server and the question log
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        cooldown_seconds INTEGER NOT NULL
    );
    CREATE TABLE autoanswer_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    ) WITHOUT ROWID;
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,  -- ISO 8601 UTC, fixed width: text order is time order
        guild_id INTEGER,        -- NULL in direct messages
        channel_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        message_id INTEGER,
        question TEXT NOT NULL,
        group_key TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answer', 'suggest', 'none')),
        fact_ids TEXT NOT NULL,  -- JSON array, read back with json_each()
        confidence REAL NOT NULL
    );
    CREATE INDEX questions_by_guild_time ON questions (guild_id, asked_at);
    """,
    # 2: votes on answers, one per (message, fact, user)
    """
    CREATE TABLE feedback (
        message_id INTEGER NOT NULL,
        fact_id TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('helpful', 'wrong', 'outdated')),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (message_id, fact_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX feedback_by_guild_time ON feedback (guild_id, voted_at);
    """,
    # 3: a moderator role and a log channel per server, channels where the bot stays quiet,
    # how each question was triggered and delivered, and "did you mean" picks
    """
    ALTER TABLE guild_settings ADD COLUMN moderator_role_id INTEGER;
    ALTER TABLE guild_settings ADD COLUMN log_channel_id INTEGER;
    CREATE TABLE quiet_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    ) WITHOUT ROWID;
    ALTER TABLE questions ADD COLUMN trigger TEXT NOT NULL DEFAULT '';
    ALTER TABLE questions ADD COLUMN delivery TEXT NOT NULL DEFAULT 'sent'
        CHECK (delivery IN ('sent', 'held', 'muted', 'failed'));
    CREATE INDEX questions_by_message ON questions (message_id);
    CREATE TABLE picks (
        message_id INTEGER NOT NULL,  -- the "did you mean" message
        user_id INTEGER NOT NULL,
        fact_id TEXT NOT NULL,
        guild_id INTEGER,
        by_asker INTEGER NOT NULL,    -- 1 when the member who asked picked it
        picked_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_id, fact_id)
    ) WITHOUT ROWID;
    CREATE INDEX picks_by_guild_time ON picks (guild_id, picked_at);
    """,
    # 4: the review queue: groups of questions dismissed and proposals rejected, per server
    # (scope 0: the terminal's `ballard-bot review` without --guild); a member's questions in
    # time order (asking again after a 👎)
    """
    CREATE TABLE dismissed_groups (
        scope INTEGER NOT NULL,
        group_key TEXT NOT NULL,
        dismissed_by INTEGER,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (scope, group_key)
    ) WITHOUT ROWID;
    CREATE TABLE rejected_proposals (
        scope INTEGER NOT NULL,
        group_key TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        rejected_by INTEGER,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (scope, group_key, fact_id)
    ) WITHOUT ROWID;
    CREATE INDEX questions_by_user_time ON questions (user_id, asked_at);
    """,
    # 5: threads set apart from their channel's auto-answer or quiet setting: they answer
    # only when asked, as an ordinary channel does
    """
    CREATE TABLE ordinary_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    ) WITHOUT ROWID;
    """,
)


POSTGRES_MIGRATIONS: tuple[str, ...] = (
    # 1: settings per server and the question log
    """
    CREATE TABLE guild_settings (
        guild_id BIGINT PRIMARY KEY,
        cooldown_seconds INTEGER NOT NULL
    );
    CREATE TABLE autoanswer_channels (
        guild_id BIGINT NOT NULL,
        channel_id BIGINT NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    CREATE TABLE questions (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        asked_at TEXT COLLATE "C" NOT NULL,
        guild_id BIGINT,
        channel_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        message_id BIGINT,
        question TEXT COLLATE "C" NOT NULL,
        group_key TEXT COLLATE "C" NOT NULL,
        outcome TEXT COLLATE "C" NOT NULL CHECK (outcome IN ('answer', 'suggest', 'none')),
        fact_ids TEXT COLLATE "C" NOT NULL,  -- JSON array, read back with jsonb_array_elements_text
        confidence DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX questions_by_guild_time ON questions (guild_id, asked_at);
    """,
    # 2: votes on answers, one per (message, fact, user)
    """
    CREATE TABLE feedback (
        message_id BIGINT NOT NULL,
        fact_id TEXT COLLATE "C" NOT NULL,
        user_id BIGINT NOT NULL,
        guild_id BIGINT,
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('helpful', 'wrong', 'outdated')),
        voted_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (message_id, fact_id, user_id)
    );
    CREATE INDEX feedback_by_guild_time ON feedback (guild_id, voted_at);
    """,
    # 3: a moderator role and a log channel per server, channels where the bot stays quiet,
    # how each question was triggered and delivered, and "did you mean" picks
    """
    ALTER TABLE guild_settings ADD COLUMN moderator_role_id BIGINT;
    ALTER TABLE guild_settings ADD COLUMN log_channel_id BIGINT;
    CREATE TABLE quiet_channels (
        guild_id BIGINT NOT NULL,
        channel_id BIGINT NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    ALTER TABLE questions ADD COLUMN trigger TEXT COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE questions ADD COLUMN delivery TEXT COLLATE "C" NOT NULL DEFAULT 'sent'
        CHECK (delivery IN ('sent', 'held', 'muted', 'failed'));
    CREATE INDEX questions_by_message ON questions (message_id);
    CREATE TABLE picks (
        message_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        fact_id TEXT COLLATE "C" NOT NULL,
        guild_id BIGINT,
        by_asker INTEGER NOT NULL,
        picked_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (message_id, user_id, fact_id)
    );
    CREATE INDEX picks_by_guild_time ON picks (guild_id, picked_at);
    """,
    # 4: the review queue: dismissed groups and rejected proposals per server (scope 0: the
    # terminal); a member's questions in time order
    """
    CREATE TABLE dismissed_groups (
        scope BIGINT NOT NULL,
        group_key TEXT COLLATE "C" NOT NULL,
        dismissed_by BIGINT,
        dismissed_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (scope, group_key)
    );
    CREATE TABLE rejected_proposals (
        scope BIGINT NOT NULL,
        group_key TEXT COLLATE "C" NOT NULL,
        fact_id TEXT COLLATE "C" NOT NULL,
        rejected_by BIGINT,
        rejected_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (scope, group_key, fact_id)
    );
    CREATE INDEX questions_by_user_time ON questions (user_id, asked_at);
    """,
    # 5: threads set apart from their channel's auto-answer or quiet setting
    """
    CREATE TABLE ordinary_channels (
        guild_id BIGINT NOT NULL,
        channel_id BIGINT NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    """,
)
