import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_PASSWORD_CHARS,
  MAX_USERNAME_CHARS,
  type SessionAccount,
} from '../../../../shared/api/methods/session';
import { api } from '../../api/client';
import { loginProblem, type LoginProblem } from './login-errors';

/** Username and password; the server's refusal said plainly (wrong, disabled, too many tries: until when). */
export function LoginForm({
  onLoggedIn,
  username: knownUsername = '',
}: {
  onLoggedIn: (account: SessionAccount) => void;
  /** Filled in when the same person logs in again. */
  username?: string;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState('');
  const login = useMutation({
    // gcTime 0: the password leaves the mutation cache as soon as the call is done.
    gcTime: 0,
    mutationFn: () => api.session.login({ username, password }),
    onSuccess: onLoggedIn,
    onError: () => setPassword(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') return;
    login.mutate();
  };
  const problem = login.error ? loginProblem(login.error) : null;
  return (
    <form onSubmit={submit} data-testid="login-form">
      <Stack>
        <TextInput
          label={t('account.login.username')}
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          maxLength={MAX_USERNAME_CHARS}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          // The login screen has no dialog to place the focus: the field takes it itself.
          autoFocus={knownUsername === ''}
          data-autofocus={knownUsername === '' || undefined}
          data-testid="login-username"
        />
        <PasswordInput
          label={t('account.login.password')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          maxLength={MAX_PASSWORD_CHARS}
          autoComplete="current-password"
          required
          data-autofocus={knownUsername !== '' || undefined}
          data-testid="login-password"
        />
        {problem && <LoginProblemAlert problem={problem} />}
        <Button type="submit" loading={login.isPending} data-testid="login-submit">
          {t('account.login.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function LoginProblemAlert({ problem }: { problem: LoginProblem }) {
  const { t, i18n } = useTranslation();
  const text = (() => {
    switch (problem.kind) {
      case 'wrong':
        return t('account.login.wrong');
      case 'disabled':
        return t('account.login.disabled');
      case 'rateLimited':
        return problem.until
          ? t('account.login.rateLimited', { time: whenWords(problem.until, i18n.language) })
          : problem.message;
      case 'other':
        return problem.message;
    }
  })();
  return (
    <Alert color="red" data-testid="login-error" data-problem={problem.kind}>
      {text}
    </Alert>
  );
}

/** "14:05:30", or with the day when it is not today (a long block). */
function whenWords(at: Date, language: string): string {
  const today = new Date().toDateString() === at.toDateString();
  return new Intl.DateTimeFormat(language, {
    ...(today ? {} : { dateStyle: 'medium' }),
    timeStyle: 'medium',
  }).format(at);
}
