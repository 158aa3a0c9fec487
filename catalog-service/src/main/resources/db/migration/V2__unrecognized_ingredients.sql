-- The label names of ingredients that the INCI dictionary does not know, in label order: derived from ingredients
-- like actives, when a product is written. Rows written before this column report none until their next change;
-- re-importing the catalogue re-derives every product with the dictionary of the running version.
alter table product add column unrecognized_ingredients jsonb not null default '[]';
