import { Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, SegmentSpeaker } from '../../../../shared/api';

export type RoleAnswers = Record<string, Record<string, SegmentSpeaker>>;

/** For transcripts whose speaker labels do not say who is who (speaker90, Guest-1, a first name): ask. */
export function SpeakerRoles({
  questions,
  answers,
  onChange,
}: {
  questions: ImportPlan['roleQuestions'];
  answers: RoleAnswers;
  onChange: (answers: RoleAnswers) => void;
}) {
  const { t } = useTranslation();
  const roles: SegmentSpeaker[] = ['agent', 'customer', 'system'];
  return (
    <Card withBorder data-testid="speaker-roles">
      <Stack>
        <Title order={4}>{t('import.roles.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('import.roles.intro')}
        </Text>
        {questions.map((question) => (
          <Stack key={question.transcript} gap={6}>
            <Text size="sm" fw={600} ff="monospace">
              {question.transcript}
            </Text>
            {question.speakers.map((speaker) => (
              <Group key={speaker.label} wrap="nowrap" align="center">
                <Select
                  w={160}
                  aria-label={speaker.label}
                  label={speaker.label}
                  data={roles.map((role) => ({ value: role, label: t(`review.${role}`) }))}
                  value={answers[question.transcript]?.[speaker.label] ?? speaker.suggested ?? null}
                  onChange={(role) =>
                    role &&
                    onChange({
                      ...answers,
                      [question.transcript]: {
                        ...answers[question.transcript],
                        [speaker.label]: role as SegmentSpeaker,
                      },
                    })
                  }
                  data-testid="speaker-role"
                />
                <Text size="sm" c="dimmed" fs="italic" lineClamp={2}>
                  “{speaker.sample}”
                </Text>
              </Group>
            ))}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
