-- Every change to profile rows is announced after its transaction commits, on channel customer_profile_changed:
-- the payload is the changed customers' ids, comma-separated (ids have no commas), at most 100 to a notification
-- (PostgreSQL's limit is 8,000 bytes), or '*' after a truncate (every customer). Each replica's profile cache drops
-- what it held, whichever replica's consumer wrote the rows. Triggers, so that no write path (the consumer's
-- upsert, an erasure, a repair by hand) can forget to announce; per statement, so that the consumer's batch of
-- thousands of rows costs a few notifications, not one each. The ids are not answer-derived; nothing else is sent.
create function notify_customer_profiles_changed() returns trigger language plpgsql as $$
declare
    ids text;
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('customer_profile_changed', '*');
        return null;
    end if;
    for ids in
        select string_agg(customer_id, ',')
        from (select customer_id, (row_number() over ()) / 100 as chunk from changed_rows) numbered
        group by chunk
    loop
        perform pg_notify('customer_profile_changed', ids);
    end loop;
    return null;
end
$$;

create trigger customer_profiles_inserted after insert on customer_profile
    referencing new table as changed_rows
    for each statement execute function notify_customer_profiles_changed();

create trigger customer_profiles_updated after update on customer_profile
    referencing new table as changed_rows
    for each statement execute function notify_customer_profiles_changed();

create trigger customer_profiles_deleted after delete on customer_profile
    referencing old table as changed_rows
    for each statement execute function notify_customer_profiles_changed();

create trigger customer_profiles_truncated after truncate on customer_profile
    for each statement execute function notify_customer_profiles_changed();
