create table product (
    sku                varchar(40)   primary key,
    category           varchar(20)   not null,
    status             varchar(20)   not null,
    brand              varchar(80)   not null,
    -- localized texts: {"en": "...", "tl": "...", "lv": "..."}; en always present
    names              jsonb         not null,
    descriptions       jsonb         not null,
    -- INCI list in label order: [{"inci": "Ascorbic Acid", "percent": 15}, ...]
    ingredients        jsonb         not null,
    -- derived from ingredients by the INCI dictionary, stored so that reads and events need not derive again
    actives            jsonb         not null,
    contains_fragrance boolean       not null,
    concerns           varchar(32)[] not null,
    skin_types         varchar(32)[] not null,
    areas              varchar(32)[] not null,
    time_of_day        varchar(3)    not null,
    spf                integer       check (spf is null or spf between 2 and 100),
    format             varchar(20)   not null,
    texture            varchar(20),
    size_amount        numeric(10, 2) not null check (size_amount > 0),
    size_unit          varchar(10)   not null,
    price_amount       numeric(12, 2) not null check (price_amount > 0),
    price_currency     char(3)       not null,
    stock              integer       not null check (stock >= 0),
    version            bigint        not null check (version > 0),
    updated_at         timestamptz   not null,
    -- lower-cased names in every locale, brand, sku and INCI names: the free-text filter
    search_text        text          not null
);

create index product_category_status on product (category, status);
create index product_concerns on product using gin (concerns);
create index product_skin_types on product using gin (skin_types);
