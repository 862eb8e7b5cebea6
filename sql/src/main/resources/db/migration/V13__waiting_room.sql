-- Waiting rooms of the on-sale surge. PostgreSQL is the record, so a queue survives the
-- restart of every node; each node keeps the rooms in memory (reloaded every second) and the tickets in
-- the replicated Infinispan cache queue-tickets, so queue reads do not touch the database.
--
-- Admission is a function of time: number n is admitted at anchor_at + (n - anchor_number) * 60 /
-- admit_per_minute. Every node computes the same answer, so no node has to "run" the admission.
CREATE TABLE waiting_room (
    event_id                uuid PRIMARY KEY REFERENCES event (id),
    enabled                 boolean     NOT NULL,
    admit_per_minute        integer     NOT NULL CHECK (admit_per_minute BETWEEN 1 AND 600000),
    shopping_window_seconds integer     NOT NULL CHECK (shopping_window_seconds BETWEEN 5 AND 3600),
    max_seats_per_account   integer     CHECK (max_seats_per_account BETWEEN 1 AND 1000),
    -- when the queue opened (the sale started while enabled); NULL before: joiners get no number yet
    opened_at               timestamptz,
    anchor_at               timestamptz,
    anchor_number           bigint      NOT NULL DEFAULT 0,
    last_number             bigint      NOT NULL DEFAULT 0,
    updated_at              timestamptz NOT NULL
);

CREATE TABLE queue_ticket (
    id         uuid PRIMARY KEY,
    event_id   uuid        NOT NULL REFERENCES waiting_room (event_id),
    account_id uuid        NOT NULL REFERENCES app_user (id),
    -- place in the event's queue, from 1; NULL until the room opens for those who joined before
    number     bigint,
    joined_at  timestamptz NOT NULL,
    CONSTRAINT queue_ticket_once_per_account UNIQUE (event_id, account_id),
    CONSTRAINT queue_ticket_number_once UNIQUE (event_id, number)
);
CREATE INDEX queue_ticket_unnumbered ON queue_ticket (event_id) WHERE number IS NULL;
