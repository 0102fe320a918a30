import { Alert, Container, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { RequireProfile } from '../../profiles/RequireProfile';
import { ShopPage } from '../shop/ShopPage';
import { emptyShopForm, formFromShop } from './shop-form';
import { ShopCorrection } from './ShopCorrection';
import { shopKey, ShopEntry } from './ShopEntry';
import { useChecklists } from './useChecklist';

/** Set when a new shop's first save gave it an id: the same form goes on under the shop's own address. */
interface EntryState {
  entryKey?: string;
}

/**
 * `/mystery/new` and `/mystery/:id`: a draft opens in the entry form, anything else as the shop's page
 * (or, while being corrected, in the form again). A new shop's form keeps its place (focus, typing) when
 * its first save moves it to the shop's address.
 */
export function MysteryShopRoute() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const id = params.id === 'new' || params.id === undefined ? null : Number(params.id);
  const shop = useQuery({
    queryKey: shopKey(id ?? 0),
    queryFn: () => api.mystery.get({ id: id! }),
    enabled: id !== null,
  });
  const checklists = useChecklists();
  const [correcting, setCorrecting] = useState<number | null>(null);
  const entryKey =
    (location.state as EntryState | null)?.entryKey ?? (id === null ? location.key : `shop-${id}`);

  if (id !== null && !Number.isInteger(id)) {
    return <Alert color="red">{t('mysteryEntry.notFound')}</Alert>;
  }
  if (id !== null && shop.isPending) return <Loader size="sm" />;
  if (id !== null && shop.isError) {
    return <Alert color="red">{t('errors.generic', { message: shop.error.message })}</Alert>;
  }
  const detail = id === null ? null : shop.data!;
  if (detail && detail.status !== 'draft') {
    return (
      <Container size="md" py="md">
        {correcting === detail.id ? (
          <ShopCorrection
            shop={detail}
            onDone={() => setCorrecting(null)}
            onCancel={() => setCorrecting(null)}
          />
        ) : (
          <ShopPage shop={detail} onCorrect={() => setCorrecting(detail.id)} />
        )}
      </Container>
    );
  }
  if (!detail && checklists.isPending) return <Loader size="sm" />;
  // The built-in mystery-call checklist in the interface language, else the first there is.
  const builtIn =
    checklists.data?.find((r) => r.builtin === 'mystery-call' && r.language === i18n.language.slice(0, 2)) ??
    checklists.data?.find((r) => r.builtin === 'mystery-call') ??
    checklists.data?.[0];
  return (
    <Container size="md" py="md">
      <RequireProfile>
        {() => (
          <ShopEntry
            key={entryKey}
            initial={
              detail
                ? { form: formFromShop(detail), shop: detail }
                : { form: emptyShopForm(builtIn?.id ?? null), shop: null }
            }
            onCreated={(created) =>
              void navigate(`/mystery/${created.id}`, {
                replace: true,
                state: { entryKey } satisfies EntryState,
              })
            }
            onSubmitted={(submitted) => void navigate(`/mystery/${submitted.id}`, { replace: true })}
          />
        )}
      </RequireProfile>
    </Container>
  );
}
