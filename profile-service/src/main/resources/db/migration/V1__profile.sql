-- A customer's current answers. Personal, health-adjacent data: erased on request with its history.
create table profile (
    customer_id           varchar(64) primary key,
    version               bigint      not null check (version > 0),
    questionnaire_version integer     not null,
    locale                varchar(5)  not null,
    answers               jsonb       not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

-- Every version the customer gave (right of access shows it; erasure deletes it).
create table profile_version (
    customer_id           varchar(64) not null references profile (customer_id) on delete cascade,
    version               bigint      not null,
    questionnaire_version integer     not null,
    locale                varchar(5)  not null,
    answers               jsonb       not null,
    recorded_at           timestamptz not null,
    primary key (customer_id, version)
);
