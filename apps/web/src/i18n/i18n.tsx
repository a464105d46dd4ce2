import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { setApiLanguage, unwrap } from '../api/client';
import { authControllerUpdateMe } from '../api/generated/sdk.gen';
import { meQuery } from '../api/queries';
import type { Lang } from './format';
import { MESSAGES, Messages } from './messages';

const STORAGE_KEY = 'logy.lang';

interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'hu';
  } catch {
    return 'hu';
  }
}

function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
}

/**
 * Hungarian by default, set on <html lang>. A signed-in user's language is the account's
 * (`me.language`): taken after sign-in and on every load, and a switch is saved on the
 * account (mails follow it). Anonymous visitors' choice is kept in localStorage, which also
 * remembers the account's language for the first paint of the next visit.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  setApiLanguage(lang);
  const queryClient = useQueryClient();
  // the same query as the layout's: no request of its own
  const me = useQuery(meQuery());
  const accountLang = me.data?.language;
  const signedIn = !!me.data;
  // a switch being saved on the account: until it is, the account's older language does not win
  const saving = useRef<Lang | undefined>(undefined);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // the account's language, whenever it becomes known or changes (sign-in, another account)
  useEffect(() => {
    if (!accountLang || saving.current) return;
    storeLang(accountLang);
    setLangState(accountLang);
  }, [accountLang]);

  const { mutate: saveOnAccount } = useMutation({
    // one at a time, in order: two quick switches leave the account with the last one
    scope: { id: 'account-language' },
    mutationFn: (language: Lang) => unwrap(authControllerUpdateMe({ body: { language } })),
    onSuccess: (account, language) => {
      if (saving.current === language) saving.current = undefined;
      queryClient.setQueryData(meQuery().queryKey, account);
    },
    onError: (_error, language) => {
      // not saved: the choice lasts for this visit
      if (saving.current === language) saving.current = undefined;
    },
  });

  const setLang = useCallback(
    (next: Lang) => {
      storeLang(next);
      setLangState(next);
      if (signedIn) {
        saving.current = next;
        saveOnAccount(next);
      }
    },
    [signedIn, saveOnAccount],
  );

  const value = useMemo(() => ({ lang, t: MESSAGES[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
