import { Stack, Stepper, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  MysteryImportReport,
  MysteryMapping,
  MysterySheetPreview,
} from '../../../../../shared/api/methods/mystery-import';
import { ColumnsStep } from './ColumnsStep';
import { FileStep } from './FileStep';
import { PreviewStep } from './PreviewStep';
import { ResultStep } from './ResultStep';
import { emptyFileForm, sheetLabel, type FileForm } from './team-sheet';
import { useForgetSheet } from './useForgetSheet';
import { ValuesStep } from './ValuesStep';

const steps = ['file', 'columns', 'values', 'preview', 'result'] as const;
type StepName = (typeof steps)[number];

/**
 * An agency's spreadsheet, one mystery shop a row: which file, which column is what, the cell texts
 * Earmark does not know, the rows as they will import, and what was imported.
 */
export function MysteryImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<StepName>('file');
  const [form, setForm] = useState<FileForm>(emptyFileForm);
  const [sheet, setSheet] = useState<MysterySheetPreview | null>(null);
  const [mapping, setMapping] = useState<MysteryMapping | null>(null);
  const [report, setReport] = useState<MysteryImportReport | null>(null);
  // The uploaded sheet a run imported rows from (team server): it is kept.
  const [taken, setTaken] = useState<string | null>(null);
  const uploaded = form.upload?.state === 'sent' ? form.upload.path : null;
  useForgetSheet(uploaded, uploaded !== null && uploaded === taken);
  const input = sheet &&
    mapping && {
      path: sheet.path,
      mapping,
      ...(form.recordings.trim() ? { recordings: form.recordings.trim() } : {}),
    };

  return (
    <Stack maw={1200} data-testid="mystery-import-page" data-step={step}>
      <Title order={2}>{t('mysteryImport.title')}</Title>
      <Stepper active={steps.indexOf(step)} size="sm" allowNextStepsSelect={false}>
        {steps.map((name) => (
          <Stepper.Step key={name} label={t(`mysteryImport.step.${name}`)} />
        ))}
      </Stepper>
      {step === 'file' && (
        <FileStep
          form={form}
          onChange={setForm}
          onRead={(read) => {
            setSheet(read);
            setMapping(read.mapping);
            setStep('columns');
          }}
        />
      )}
      {step === 'columns' && sheet && mapping && input && (
        <ColumnsStep
          sheet={sheet}
          fileName={sheetLabel(form, sheet.path)}
          mapping={mapping}
          onChange={setMapping}
          input={input}
          onBack={() => setStep('file')}
          onNext={() => setStep('values')}
        />
      )}
      {step === 'values' && sheet && mapping && input && (
        <ValuesStep
          sheet={sheet}
          mapping={mapping}
          onChange={setMapping}
          input={input}
          onBack={() => setStep('columns')}
          onNext={() => setStep('preview')}
        />
      )}
      {step === 'preview' && input && (
        <PreviewStep
          input={input}
          onBack={() => setStep('values')}
          onImported={(done) => {
            if (done.imported.length > 0) setTaken(input.path);
            setReport(done);
            setStep('result');
          }}
        />
      )}
      {step === 'result' && report && (
        <ResultStep
          report={report}
          // The server removed an uploaded sheet no row of which it took: it must be sent again.
          sheetRemoved={form.upload !== null && report.imported.length === 0}
          onAgain={() => {
            setReport(null);
            setStep('preview');
          }}
          onAnotherSheet={() => {
            setReport(null);
            setSheet(null);
            setMapping(null);
            setForm((current) => ({ ...current, upload: null, path: '' }));
            setStep('file');
          }}
        />
      )}
    </Stack>
  );
}
