import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryMapping } from '../../../../../shared/api/methods/mystery-import';
import { EarmarkError } from '../../../../../shared/errors';
import { mappingFileText } from '../../../../../shared/rubric/mystery-mapping';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import { downloadText } from '../../rubrics/download';
import { mappingProblem, sizeProblem } from './mapping-problem';

const FILE_NAME = 'mapping.json';

/**
 * MAPPING.json on the entry person's own computer, where a team server cannot look: the browser reads
 * the picked file and sends its text (a few kilobytes; an upload would leave a file on the server to
 * clean up), and saving hands the file over as a download. A file that is not a mapping changes nothing.
 */
export function TeamMappingFile({
  mapping,
  command,
  onLoaded,
}: {
  mapping: MysteryMapping;
  command: string;
  onLoaded: (mapping: MysteryMapping) => void;
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<string | null>(null);
  // How many picked files have been answered (taken or refused): a marker tests wait on.
  const [answered, setAnswered] = useState(0);
  const load = useMutation({
    mutationFn: async (file: File) => {
      const reason = sizeProblem(file);
      if (reason) throw new EarmarkError('invalid_params', `${file.name}: ${reason}`, { reason });
      return api.mysteryImport.loadMappingText({ fileName: file.name, text: await file.text() });
    },
    onSuccess: (loaded, file) => {
      onLoaded(loaded);
      setDone(t('mysteryImport.mappingFile.team.loaded', { name: file.name }));
    },
    onSettled: () => setAnswered((count) => count + 1),
  });
  // The file the command line reads, written here: nothing for the server to do.
  const save = () => {
    downloadText(FILE_NAME, mappingFileText(mapping), 'application/json');
    setDone(t('mysteryImport.mappingFile.team.saved', { name: FILE_NAME }));
  };
  const problem =
    load.variables && load.error !== null
      ? mappingProblem(t, i18n.language, load.variables, load.error)
      : null;
  return (
    <Stack gap={4} data-testid="mystery-import-mapping-team" data-picks={answered}>
      <Text size="sm" fw={500}>
        {t('mysteryImport.mappingFile.path')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('mysteryImport.mappingFile.team.hint', { command })}
      </Text>
      <Group>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Cleared, so picking the same file again (after fixing it) is a change too.
            event.currentTarget.value = '';
            if (!file) return;
            setDone(null);
            load.mutate(file);
          }}
          data-testid="mystery-import-mapping-file"
        />
        <Button
          variant="default"
          loading={load.isPending}
          onClick={() => input.current?.click()}
          data-testid="mystery-import-mapping-load"
        >
          {t('mysteryImport.mappingFile.team.load')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            load.reset();
            save();
          }}
          data-testid="mystery-import-mapping-save"
        >
          {t('mysteryImport.mappingFile.team.save')}
        </Button>
      </Group>
      {problem && (
        <Stack gap={2} data-testid="mystery-import-mapping-error">
          <Text c="red" size="sm" data-testid="mystery-import-mapping-problem">
            <Breakable text={problem.text} />
          </Text>
          {problem.detail && (
            <Text c="dimmed" size="xs">
              <Breakable text={problem.detail} />
            </Text>
          )}
        </Stack>
      )}
      {done && !problem && (
        <Text c="green.8" size="sm" data-testid="mystery-import-mapping-done">
          <Breakable text={done} />
        </Text>
      )}
    </Stack>
  );
}
