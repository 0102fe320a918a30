import { Button, Group, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MysteryMapping } from '../../../../../shared/api/methods/mystery-import';
import { api } from '../../../api/client';
import { Breakable } from '../../../app/Breakable';
import { useSessionAccount } from '../../account/account-context';
import { TeamMappingFile } from './TeamMappingFile';

const COMMAND = 'earmark mystery import FILE --mapping MAPPING.json';

/**
 * MAPPING.json: the same file `earmark mystery import FILE --mapping MAPPING.json` reads. On the
 * workstation a path on this computer; on a team server a file picked from, and saved to, the
 * person's own computer.
 */
export function MappingFile(props: { mapping: MysteryMapping; onLoaded: (mapping: MysteryMapping) => void }) {
  const onTeamServer = useSessionAccount() !== null;
  return onTeamServer ? <TeamMappingFile {...props} command={COMMAND} /> : <PathMappingFile {...props} />;
}

function PathMappingFile({
  mapping,
  onLoaded,
}: {
  mapping: MysteryMapping;
  onLoaded: (mapping: MysteryMapping) => void;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const load = useMutation({
    mutationFn: () => api.mysteryImport.loadMapping({ path }),
    onSuccess: (loaded) => {
      onLoaded(loaded);
      setDone(t('mysteryImport.mappingFile.loaded'));
    },
  });
  const save = useMutation({
    mutationFn: () => api.mysteryImport.saveMapping({ path, mapping }),
    onSuccess: (saved) => setDone(t('mysteryImport.mappingFile.saved', { path: saved.path })),
  });
  const error = load.error ?? save.error;
  return (
    <>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t('mysteryImport.mappingFile.path')}
          description={t('mysteryImport.mappingFile.hint', { command: COMMAND })}
          placeholder="/home/qa/agentur/mapping.json"
          value={path}
          onChange={(event) => {
            setPath(event.currentTarget.value);
            setDone(null);
          }}
          data-testid="mystery-import-mapping-path"
        />
        <Button
          variant="default"
          disabled={path.trim() === ''}
          loading={load.isPending}
          onClick={() => {
            save.reset();
            load.mutate();
          }}
          data-testid="mystery-import-mapping-load"
        >
          {t('mysteryImport.mappingFile.load')}
        </Button>
        <Button
          variant="default"
          disabled={path.trim() === ''}
          loading={save.isPending}
          onClick={() => {
            load.reset();
            save.mutate();
          }}
          data-testid="mystery-import-mapping-save"
        >
          {t('mysteryImport.mappingFile.save')}
        </Button>
      </Group>
      {error && (
        <Text c="red" size="sm" data-testid="mystery-import-mapping-error">
          <Breakable text={error.message} />
        </Text>
      )}
      {done && !error && (
        <Text c="green.8" size="sm" data-testid="mystery-import-mapping-done">
          <Breakable text={done} />
        </Text>
      )}
    </>
  );
}
