/** Teams, people or rubrics as a picker's choices: Mantine's selects hold ids as strings. */
export function namedOptions(records: readonly { id: number; name: string }[]) {
  return records.map((record) => ({ value: String(record.id), label: record.name }));
}
