import { describe, expect, it } from 'vitest';
import { homePath, menuPageOf, routeAccess, type MenuEntry } from '../routes';

const menu = (key: string): MenuEntry => ({ key, title: key, path: `/${key}` });
const analyst = ['dashboard', 'models', 'targets', 'notices'].map(menu);
const approver = [...analyst.slice(0, 3), menu('approvals'), analyst[3]];

describe('routeAccess: the menu decides what is routable', () => {
  it('allows the pages of the user menus and everything under them', () => {
    expect(routeAccess('/models', analyst)).toBe('allowed');
    expect(routeAccess('/models/new', analyst)).toBe('allowed');
    expect(routeAccess('/models/0b5c2a/', analyst)).toBe('allowed');
    expect(routeAccess('/approvals', approver)).toBe('allowed');
  });

  it('forbids app pages no menu of the user opens', () => {
    expect(routeAccess('/approvals', analyst)).toBe('forbidden');
    expect(routeAccess('/users', approver)).toBe('forbidden');
    expect(routeAccess('/users/42', analyst)).toBe('forbidden');
    expect(routeAccess('/dashboard', [])).toBe('forbidden');
  });

  it('does not confuse a path that only starts like a menu path', () => {
    expect(routeAccess('/modelsx', analyst)).toBe('unknown');
    expect(menuPageOf('/usersettings')).toBeNull();
  });

  it('keeps the explorer open to every signed-in user', () => {
    expect(routeAccess('/explorer', [])).toBe('allowed');
  });

  it('follows the paths the server sends', () => {
    expect(routeAccess('/models/1', [{ key: 'models', title: 'M', path: '/models/' }])).toBe('allowed');
  });

  it('leaves unknown paths to the not-found view', () => {
    expect(routeAccess('/nowhere', analyst)).toBe('unknown');
  });
});

describe('homePath', () => {
  it('is the first menu, else the explorer', () => {
    expect(homePath(analyst)).toBe('/dashboard');
    expect(homePath([])).toBe('/explorer');
  });
});
