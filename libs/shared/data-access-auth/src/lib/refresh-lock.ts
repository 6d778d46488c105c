/** Name of the Web Lock that serialises token refreshes across the tabs of one browser. */
const REFRESH_LOCK = 'switchboard-auth-refresh';

/**
 * Runs a refresh while holding a browser-wide lock. The refresh cookie rotates on every use, so two tabs refreshing
 * at the same instant would both send the same cookie and the slower one would be refused; in turn, each tab sends
 * the cookie the previous one received. Browsers without the Web Locks API (or insecure origins) run it directly.
 */
export async function withRefreshLock<T>(refresh: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).locks;
  if (!locks) return refresh();
  return locks.request(REFRESH_LOCK, refresh);
}
