-- Profiles as consumed from profiles.skin.v1: the latest version only (older or repeated events change nothing).
create table customer_profile (
    customer_id           varchar(64) primary key,
    version               bigint      not null check (version > 0),
    questionnaire_version integer     not null,
    locale                varchar(5)  not null,
    answers               jsonb       not null,
    updated_at            timestamptz,
    received_at           timestamptz not null
);

-- Routines issued to consenting customers: what was built, from which inputs (profile and product versions).
create table recommendation_snapshot (
    id               uuid        primary key,
    customer_id      varchar(64) not null,
    profile_version  bigint      not null,
    product_versions jsonb       not null,
    routine          jsonb       not null,
    issued_at        timestamptz not null
);
create index recommendation_snapshot_customer on recommendation_snapshot (customer_id, profile_version);
