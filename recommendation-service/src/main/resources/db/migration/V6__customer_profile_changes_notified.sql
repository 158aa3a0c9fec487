-- Every change to a profile row is announced after its transaction commits, on channel customer_profile_changed,
-- the payload the customer id ('*' after a truncate: every customer): each replica's profile cache drops what it
-- held, whichever replica's consumer wrote the row. A trigger, so that no write path (the consumer's upsert, an
-- erasure, a repair by hand) can forget to announce its change. The id is not answer-derived; nothing else is sent.
create function notify_customer_profile_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('customer_profile_changed', '*');
    elsif tg_op = 'DELETE' then
        perform pg_notify('customer_profile_changed', old.customer_id);
    else
        perform pg_notify('customer_profile_changed', new.customer_id);
    end if;
    return null;
end
$$;

create trigger customer_profile_changed after insert or update or delete on customer_profile
    for each row execute function notify_customer_profile_changed();

create trigger customer_profile_truncated after truncate on customer_profile
    for each statement execute function notify_customer_profile_changed();
