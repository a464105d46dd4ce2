import { usePageTitle } from './usePageTitle';

/** The page's <h1>, which is also its document title ("<heading> – LÖGY portál"). */
export function PageHeading({ children }: { children: string }) {
  usePageTitle(children);
  return <h1>{children}</h1>;
}
