import { WEB_PATHS, webUrl } from './web-paths';

describe('the portal paths mails link to', () => {
  it('puts a path under the public URL, with or without its trailing slash', () => {
    expect(webUrl('https://logy.toosz.hu', '/belepes')).toBe('https://logy.toosz.hu/belepes');
    expect(webUrl('https://logy.toosz.hu/', '/belepes')).toBe('https://logy.toosz.hu/belepes');
    expect(webUrl('https://example.hu/portal//', '/eredmenyek/2021')).toBe('https://example.hu/portal/eredmenyek/2021');
  });

  it('encodes the values it carries', () => {
    expect(WEB_PATHS.acceptInvitation('a+b/c=')).toBe('/meghivo?token=a%2Bb%2Fc%3D');
    expect(WEB_PATHS.resetPassword('x y')).toBe('/uj-jelszo?token=x%20y');
    expect(WEB_PATHS.signIn()).toBe('/belepes');
    expect(WEB_PATHS.signIn(WEB_PATHS.myApplications())).toBe('/belepes?next=%2Fpalyazataim');
    expect(WEB_PATHS.roundProgress('c1')).toBe('/koordinator/felhivasok/c1/fordulok');
    expect(WEB_PATHS.receipt('a1', 2)).toBe('/api/applications/a1/submissions/2/receipt');
  });
});
