-- Every PL/pgSQL function plans its statements once per connection and reuses the plan.
--
-- A statement of a PL/pgSQL function is a prepared statement whose parameters are the function's
-- variables. With the default plan_cache_mode (auto), PostgreSQL plans it afresh for each execution
-- while it judges the generic plan costlier than the custom ones; for the statements over arrays
-- (`= ANY (p_seats)`, `<> ALL (taken)`) that judgement never settles, and a profile of
-- booking_hold_batch showed a third of its time in the planner, on every call. Every statement here
-- has one good plan whatever its parameters (an index on the key it filters by), so the generic plan
-- is used from the first execution. Plans are still rebuilt when the tables' statistics or
-- definitions change.
ALTER FUNCTION booking_hold_batch(uuid[], uuid[], uuid[], uuid[], integer[], uuid[], integer[], text[], text[], text[], integer)
    SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_hold(uuid, uuid, uuid, uuid[], uuid, integer, integer) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION payment_open_batch(uuid[], uuid[], varchar[], varchar[], text[], text[], text[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_pay_batch(uuid[], uuid[], varchar[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_purchase(uuid, uuid) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_end(uuid[], varchar) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_check_seats(uuid) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION payment_check_booking(uuid) SET plan_cache_mode = force_generic_plan;

-- the trigger functions, which run inside every write of the functions above
ALTER FUNCTION booking_check_own_seats() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_check_payments() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_item_set_active() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION booking_sync_items() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION payment_check_own_booking() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION payment_record_event() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION seat_check_booking() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION seat_counter_on_insert() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION seat_counter_on_update() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION seat_counter_on_delete() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION check_in_admissible() SET plan_cache_mode = force_generic_plan;
