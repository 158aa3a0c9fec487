-- What the marketing pipeline holds for each consenting customer, so that a catalogue change reaches it
-- (README, "Drift behaviour"). Nothing here is derived from an answer beyond which products were recommended.

-- Every issued record takes its revision from here: it grows for a customer across profile changes, re-issues,
-- withdrawn consent and erasure, without a counter per customer that would have to outlive an erasure.
create sequence issued_revision;

alter table recommendation_snapshot
    add column revision bigint,
    add column cause    varchar(20);

-- The customer's current issued record: its revision and a digest of what marketing sees in it (the steps' time,
-- slot and sku, the total, and each product's price, INCI list and SPF). A rebuilt routine is re-issued only when
-- that digest changes. Null digest: issued before this table existed. Goes with the profile on erasure.
create table issued_routine (
    customer_id     varchar(64) primary key references customer_profile (customer_id) on delete cascade,
    profile_version bigint      not null,
    revision        bigint      not null,
    content_digest  varchar(64),
    evaluated_at    timestamptz not null
);

-- The products of that record, queryable by sku: a catalogue change to one finds its customers by the index.
-- product_version is the catalogue version last evaluated for the customer (a copy-only change moves it without
-- a re-issue); price and ingredients_digest are those of the issued record, which name the cause of a re-issue.
create table issued_product (
    customer_id        varchar(64) not null references issued_routine (customer_id) on delete cascade,
    sku                text        not null,
    product_version    bigint      not null,
    price_amount       numeric(14, 2),
    price_currency     varchar(3),
    ingredients_digest varchar(64),
    primary key (customer_id, sku)
);
create index issued_product_sku on issued_product (sku, product_version);

-- The drift queue: customers holding sku below version must be re-evaluated. Every replica sees the catalogue
-- change and upserts the same row; any replica works it off in batches (customer rows locked with skip locked),
-- and the row goes once no customer holds an older version. version 9223372036854775807: the product was deleted.
create table catalog_drift (
    sku        text        primary key,
    version    bigint      not null,
    noticed_at timestamptz not null
);

-- Products on sale and in stock, as last noticed: one that is not here when it is available is new to the
-- customers' routines (added, or back on sale), which starts a sweep; a reconciliation after start-up compares
-- it with the catalogue, so a product added while every replica was down is not missed.
create table available_product (
    sku        text        primary key,
    version    bigint      not null,
    noticed_at timestamptz not null
);

-- The sweep over consenting customers after a new product, shared by the replicas (one row, locked per batch):
-- position is the last customer id evaluated (null: idle); a lap started before the latest request is followed by
-- another; products are the requested skus and versions a replica must hold before it sweeps; next_batch_at keeps
-- every replica together within recommendation.drift.sweep-rate.
create table routine_sweep (
    id             smallint    primary key check (id = 1),
    position       varchar(64),
    lap_started_at timestamptz,
    requested_at   timestamptz,
    next_batch_at  timestamptz,
    products       jsonb       not null default '{}'
);
insert into routine_sweep (id) values (1);

-- The sweep walks consenting customers in id order.
create index customer_profile_consenting on customer_profile (customer_id)
    where (answers ->> 'marketingConsent') = 'true';

-- Customers issued before this migration: their latest snapshot's products (prices and INCI unknown, digest
-- null), so that a change to one of their products reaches them too.
insert into issued_routine (customer_id, profile_version, revision, content_digest, evaluated_at)
select latest.customer_id, latest.profile_version, nextval('issued_revision'), null, latest.issued_at
from (select distinct on (s.customer_id) s.customer_id, s.profile_version, s.issued_at
      from recommendation_snapshot s
      join customer_profile p on p.customer_id = s.customer_id
      order by s.customer_id, s.profile_version desc, s.issued_at desc) latest;
insert into issued_product (customer_id, sku, product_version)
select latest.customer_id, versions.key, versions.value::bigint
from (select distinct on (s.customer_id) s.customer_id, s.product_versions
      from recommendation_snapshot s
      join issued_routine r on r.customer_id = s.customer_id
      order by s.customer_id, s.profile_version desc, s.issued_at desc) latest,
     jsonb_each_text(latest.product_versions) versions;
