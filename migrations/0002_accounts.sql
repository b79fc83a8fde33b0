-- Accounts, sessions, seminar groups, their members, invite links and documents.
CREATE TABLE users (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email            text NOT NULL,
  -- Lower-cased: the same person signs in as Ana@… and ana@….
  email_normalized text NOT NULL UNIQUE,
  display_name     text NOT NULL,
  password_hash    text NOT NULL,
  is_admin         boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each session token is kept: a copy of the table opens no session.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE groups (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  group_id  uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role      text NOT NULL CHECK (role IN ('owner', 'moderator', 'member', 'observer')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user_id ON memberships (user_id);

-- Invite tokens are kept readable so that owners can copy a link again; they open one group only
-- and can be revoked at any time.
CREATE TABLE invites (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  token       text NOT NULL UNIQUE,
  role        text NOT NULL CHECK (role IN ('moderator', 'member', 'observer')),
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  max_uses    integer CHECK (max_uses > 0),
  uses        integer NOT NULL DEFAULT 0,
  revoked_at  timestamptz
);
CREATE INDEX invites_group_id ON invites (group_id);

CREATE TABLE group_documents (
  group_id    uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  document_id text NOT NULL REFERENCES documents (id),
  added_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, document_id)
);

-- One row: facts about this instance. The first account to sign up claims it and becomes the
-- administrator and the owner of the demo seminar; the row lock makes "first" exact.
CREATE TABLE instance (
  id            integer PRIMARY KEY CHECK (id = 1),
  first_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  demo_group_id uuid REFERENCES groups (id) ON DELETE SET NULL
);
INSERT INTO instance (id) VALUES (1);
