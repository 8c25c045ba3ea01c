-- The article register, keyed by SKU (compared exactly).
CREATE TABLE catalog_articles (
    sku         TEXT NOT NULL PRIMARY KEY,
    name        TEXT,
    description TEXT,
    image_uri   TEXT,
    target_uri  TEXT,
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- The store register, keyed by the externalStoreId orders carry.
CREATE TABLE catalog_stores (
    external_store_id TEXT NOT NULL PRIMARY KEY,
    name              TEXT,
    country_code      TEXT,
    updated_at        TEXT NOT NULL
) WITHOUT ROWID;
