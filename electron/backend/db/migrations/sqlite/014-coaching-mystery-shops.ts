/**
 * Mystery shops a team lead brings into a one-to-one (face to face, as the domain asks), in the coach's
 * order. A shop stays out of every QA figure: this links it to a session and nothing else.
 */
export default /* sql */ `
CREATE TABLE coaching_mystery_shops (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
  shop_row_id INTEGER NOT NULL REFERENCES mystery_shops(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (session_id, shop_row_id)
) STRICT;
CREATE INDEX coaching_mystery_shops_shop ON coaching_mystery_shops (shop_row_id);
`;
