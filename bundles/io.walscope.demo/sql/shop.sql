-- The demo schema "shop": one column of every type family Walscope maps, a table without a primary key,
-- a partitioned table, and a table with a large TOASTable text column. Idempotent.
CREATE SCHEMA IF NOT EXISTS shop;
SET search_path = shop, public;

DO $$ BEGIN
  CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE DOMAIN shop.email AS text CHECK (VALUE LIKE '%@%');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS shop.customers (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  email         shop.email,
  country       char(2),
  nickname      varchar(40),
  age           smallint,
  loyalty       integer,
  is_active     boolean NOT NULL DEFAULT true,
  signup_date   date,
  signup_at     timestamptz NOT NULL DEFAULT now(),
  preferred_time time,
  callback_at   timetz,
  last_seen     timestamp,
  uuid          uuid,
  home_ip       inet,
  network       cidr,
  mac           macaddr,
  tags          text[],
  prefs         jsonb,
  profile_xml   xml
);

CREATE TABLE IF NOT EXISTS shop.products (
  id            serial PRIMARY KEY,
  sku           varchar(32) UNIQUE NOT NULL,
  title         text NOT NULL,
  price         numeric(12,2) NOT NULL,
  exact_weight  numeric,
  rating        real,
  score         double precision,
  list_price    money,
  thumbnail     bytea,
  flags         bit(8),
  variant_bits  bit varying(16),
  dimensions    int[],
  matrix        double precision[][],
  search        tsvector,
  query         tsquery,
  attributes    json,
  shelf_life    interval,
  type_oid      oid,
  type_reg      regtype,
  "Display Name" text
);

CREATE TABLE IF NOT EXISTS shop.stores (
  id            integer PRIMARY KEY,
  name          text NOT NULL,
  location      point,
  entrance      line,
  aisle         lseg,
  footprint     box,
  route         path,
  area          polygon,
  delivery_zone circle
);

CREATE TABLE IF NOT EXISTS shop.orders (
  id            bigserial,
  customer_id   bigint NOT NULL,
  status        shop.order_status NOT NULL DEFAULT 'new',
  total         numeric(14,2) NOT NULL,
  ordered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, ordered_at)
) PARTITION BY RANGE (ordered_at);
CREATE TABLE IF NOT EXISTS shop.orders_2025 PARTITION OF shop.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE IF NOT EXISTS shop.orders_2026 PARTITION OF shop.orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE IF NOT EXISTS shop.orders_later PARTITION OF shop.orders FOR VALUES FROM ('2027-01-01') TO (MAXVALUE);
CREATE TABLE IF NOT EXISTS shop.orders_earlier PARTITION OF shop.orders FOR VALUES FROM (MINVALUE) TO ('2025-01-01');

-- no primary key: wal2json cannot key its updates and deletes
CREATE TABLE IF NOT EXISTS shop.audit_log (
  happened_at   timestamptz NOT NULL DEFAULT now(),
  actor         text,
  action        text,
  details       jsonb
);

-- a large TOASTable column: unchanged values are not sent in updates unless REPLICA IDENTITY FULL
CREATE TABLE IF NOT EXISTS shop.product_reviews (
  id            bigserial PRIMARY KEY,
  product_id    integer NOT NULL,
  stars         smallint NOT NULL,
  helpful_votes integer NOT NULL DEFAULT 0,
  body          text
);

-- seed rows, once
INSERT INTO shop.products (sku, title, price, exact_weight, rating, score, list_price, thumbnail, flags, variant_bits,
    dimensions, matrix, search, query, attributes, shelf_life, type_oid, type_reg, "Display Name")
SELECT 'SKU-' || g, 'Product ' || g, (g * 3.75)::numeric(12,2), g / 7.0, g * 0.5, g * 1.25, (g * 2)::numeric::money,
    decode(md5(g::text), 'hex'), (g % 256)::bit(8), B'1011', ARRAY[g, g + 1, g + 2], ARRAY[[g * 1.5, 2.0], [3.0, 4.5]],
    to_tsvector('english', 'product number ' || g), to_tsquery('english', 'product & number'),
    json_build_object('color', 'red', 'size', g), make_interval(days => g), 'pg_class'::regclass::oid, 'int4'::regtype,
    'Product «' || g || '»'
FROM generate_series(1, 50) g
WHERE NOT EXISTS (SELECT 1 FROM shop.products);

INSERT INTO shop.customers (name, email, country, nickname, age, loyalty, signup_date, preferred_time, callback_at,
    last_seen, uuid, home_ip, network, mac, tags, prefs, profile_xml)
SELECT 'Customer ' || g, 'c' || g || '@example.com', (ARRAY['DE','FR','US','JP'])[1 + g % 4], 'nick' || g, 18 + g % 60, g * 10,
    date '2024-01-01' + g, time '08:00' + g * interval '1 minute', timetz '12:00+02', timestamp '2025-06-01 10:00' + g * interval '1 hour',
    md5(g::text)::uuid, ('10.0.' || (g % 255) || '.1')::inet, '10.0.0.0/8', '08:00:2b:01:02:03',
    ARRAY['tag' || g, 'vip'], jsonb_build_object('newsletter', g % 2 = 0), xmlparse(content '<p>' || g || '</p>')
FROM generate_series(1, 100) g
WHERE NOT EXISTS (SELECT 1 FROM shop.customers);

INSERT INTO shop.stores (id, name, location, entrance, aisle, footprint, route, area, delivery_zone)
SELECT g, 'Store ' || g, point(g, g * 2), line '{1,-1,0}', lseg '[(0,0),(1,1)]', box '((0,0),(10,10))',
    path '[(0,0),(1,1),(2,0)]', polygon '((0,0),(4,0),(4,4),(0,4))', circle '<(0,0),5>'
FROM generate_series(1, 5) g
WHERE NOT EXISTS (SELECT 1 FROM shop.stores);

-- full before-images for two tables (the preparation assistant explains the others)
ALTER TABLE shop.products REPLICA IDENTITY FULL;
ALTER TABLE shop.customers REPLICA IDENTITY FULL;

-- the publication pgoutput reads, as Debezium names it; partitions are published under their root
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'dbz_publication') THEN
    CREATE PUBLICATION dbz_publication FOR TABLE shop.customers, shop.products, shop.stores, shop.orders,
      shop.audit_log, shop.product_reviews WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);
  END IF;
END $$;
