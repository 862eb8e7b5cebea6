-- Accounts. Passwords are stored only as a PBKDF2 hash (Jakarta Security's Pbkdf2PasswordHash format).

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL CHECK (position('@' IN email) > 1),
    name          varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    password_hash varchar(512) NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);
-- e-mail addresses compare case-insensitively
CREATE UNIQUE INDEX app_user_email_uq ON app_user (lower(email));

CREATE TABLE user_role (
    user_id uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    varchar(16) NOT NULL CHECK (role IN ('CUSTOMER', 'INTEGRATOR', 'BOX_OFFICE', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);
