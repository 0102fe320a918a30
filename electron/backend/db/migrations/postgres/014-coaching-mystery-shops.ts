/** PostgreSQL twin of sqlite/014-coaching-mystery-shops: mystery shops brought into a coaching session. */
export default /* sql */ `
CREATE TABLE coaching_mystery_shops (
  session_id bigint NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  shop_row_id bigint NOT NULL REFERENCES mystery_shops(id) ON DELETE CASCADE,
  position bigint NOT NULL CHECK (position >= 0),
  PRIMARY KEY (session_id, shop_row_id)
);
CREATE INDEX coaching_mystery_shops_shop ON coaching_mystery_shops (shop_row_id);
`;
