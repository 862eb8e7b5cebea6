-- Check-in at the door (API.md, "Tickets and check-in").
--
-- The role DOOR: staff who may only check tickets in.
ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
    CHECK (role IN ('CUSTOMER', 'INTEGRATOR', 'BOX_OFFICE', 'ADMIN', 'DOOR'));

-- A ticket is a booking_item of a paid booking. It is admitted at most once, however many doors scan
-- it at the same moment: the primary key makes a second admission a conflict, never a second row.
CREATE TABLE check_in (
    ticket_id     uuid PRIMARY KEY REFERENCES booking_item (id),
    event_id      uuid        NOT NULL REFERENCES event (id),
    seat_type_id  uuid        NOT NULL REFERENCES seat_type (id),
    checked_in_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    checked_in_by uuid        NOT NULL REFERENCES app_user (id),
    code_kind     varchar(8)  NOT NULL CHECK (code_kind IN ('PRINTED', 'ROTATING'))
);
-- the door's live summary counts by event and seat type
CREATE INDEX check_in_event_idx ON check_in (event_id, seat_type_id);

-- Only a ticket of a PAID booking is admitted, and its event and seat type are the ticket's own. The
-- booking is read FOR SHARE, so a cancel (which locks it FOR UPDATE) and a check-in of the same
-- booking are serialised: a refunded ticket is never let in by a scan that raced the refund.
CREATE FUNCTION check_in_admissible() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    b_status varchar;
    b_event uuid;
    i_type uuid;
BEGIN
    SELECT b.status, b.event_id, i.seat_type_id INTO b_status, b_event, i_type
      FROM booking_item i JOIN booking b ON b.id = i.booking_id
     WHERE i.id = NEW.ticket_id
       FOR SHARE OF b;
    IF b_status IS DISTINCT FROM 'PAID' THEN
        RAISE EXCEPTION 'ticket % belongs to no paid booking', NEW.ticket_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'check_in_needs_paid_booking';
    END IF;
    IF NEW.event_id IS DISTINCT FROM b_event OR NEW.seat_type_id IS DISTINCT FROM i_type THEN
        RAISE EXCEPTION 'check-in of ticket % names another event or seat type than the ticket', NEW.ticket_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'check_in_matches_ticket';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER check_in_admissible BEFORE INSERT OR UPDATE ON check_in
    FOR EACH ROW EXECUTE FUNCTION check_in_admissible();

-- The fan a box-office clerk sold to at the counter (the booking itself belongs to the clerk's account):
-- name and e-mail address as the fan gave them, so Support finds the sale by that address.
CREATE TABLE counter_customer (
    booking_id uuid PRIMARY KEY REFERENCES booking (id),
    name       varchar(200) CHECK (name IS NULL OR length(btrim(name)) > 0),
    email      varchar(254) CHECK (email IS NULL OR position('@' IN email) > 1),
    CONSTRAINT counter_customer_named CHECK (name IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX counter_customer_email_idx ON counter_customer (lower(email));
