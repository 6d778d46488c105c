import { newWebSipUser, pageWithoutQuery, sipSafe, WEB_SIP_USER } from './web-call-names';

describe('web call names', () => {
  it('SIP user names are fresh, match their pattern and fit a SIP user part', () => {
    const names = new Set(Array.from({ length: 200 }, () => newWebSipUser()));
    expect(names.size).toBe(200);
    for (const name of names) {
      expect(name).toMatch(WEB_SIP_USER);
      expect(name).toMatch(/^[A-Za-z0-9_.-]{2,32}$/);
    }
  });

  it('nothing FreeSWITCH would expand or split survives sipSafe, and decoding gives the text back', () => {
    const nasty = "Sales, EU ${system(rm -rf /)} {a=b} 'quoted' \\ (x)*! ünïcode";
    const safe = sipSafe(nasty);
    expect(safe).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(safe)).toBe(nasty);
  });

  it('the page keeps origin and path, never the query or fragment', () => {
    expect(pageWithoutQuery('https://shop.example.com:8443/help/contact?session=secret#top')).toBe(
      'https://shop.example.com:8443/help/contact',
    );
    expect(pageWithoutQuery('https://user:pw@example.com/a')).toBe('https://example.com/a');
    expect(pageWithoutQuery('javascript:alert(1)')).toBeNull();
    expect(pageWithoutQuery('not a url')).toBeNull();
  });
});
