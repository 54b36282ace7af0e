/**
 * Which pages a user may open. The server decides (requirement 1): `me.menus` lists the menus the
 * user's roles open, each with its route. A page of the app that no menu of the user covers is
 * not routable: the router shows the 403 view instead of rendering it.
 */
export interface MenuEntry {
  key: string;
  title: string;
  path: string;
}

/** Pages reached through a menu, by the menu key that opens them. */
export const MENU_PAGES = ['dashboard', 'models', 'targets', 'approvals', 'notices', 'users'] as const;
export type MenuPage = (typeof MENU_PAGES)[number];

/** Pages every signed-in user has, whatever their roles. */
export const OPEN_PAGES = ['/explorer'] as const;

export type RouteAccess = 'allowed' | 'forbidden' | 'unknown';

function normalise(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function within(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** The menu page a path belongs to (`/models/abc` → models), or null for any other path. */
export function menuPageOf(pathname: string): MenuPage | null {
  const path = normalise(pathname);
  return MENU_PAGES.find((page) => within(path, `/${page}`)) ?? null;
}

export function routeAccess(pathname: string, menus: readonly MenuEntry[]): RouteAccess {
  const path = normalise(pathname);
  if (OPEN_PAGES.some((open) => within(path, open))) return 'allowed';
  if (menus.some((menu) => within(path, normalise(menu.path)))) return 'allowed';
  return menuPageOf(path) ? 'forbidden' : 'unknown';
}

/** Where `/` and the login page lead: the first menu (the server orders them), else the explorer. */
export function homePath(menus: readonly MenuEntry[]): string {
  return menus[0]?.path ?? OPEN_PAGES[0];
}

export function hasMenu(menus: readonly MenuEntry[], key: MenuPage): boolean {
  return menus.some((menu) => menu.key === key);
}
