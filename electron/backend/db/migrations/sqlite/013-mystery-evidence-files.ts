/**
 * A mystery shop's other evidence (screenshots, the shopper's written report): paths of files on this
 * computer, kept with the shop as a JSON array of strings, as typed. The recording stays a link to the
 * library (recording_id); these files are not imported, only named.
 */
export default /* sql */ `
ALTER TABLE mystery_shops ADD COLUMN files TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files) AND json_type(files) = 'array');
`;
