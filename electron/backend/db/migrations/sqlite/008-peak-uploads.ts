/**
 * Peaks of an AAC recording arrive from the renderer's decoder in parts (recording.savePeaks): they are
 * kept here, per channel, until the last part, then checked whole and moved into `peaks` with their
 * coarser levels in one transaction. A recording never shows half a waveform, and an upload cut short
 * (the window closed) leaves only this row, which the next upload's first part replaces.
 */
export default /* sql */ `
CREATE TABLE peak_uploads (
  recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
  channel INTEGER NOT NULL,
  samples_per_peak INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (recording_id, channel)
) STRICT, WITHOUT ROWID;
`;
