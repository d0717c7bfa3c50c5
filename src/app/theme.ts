export const THEMES = ['auto', 'light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'fw-theme';
const moreContrast = window.matchMedia('(prefers-contrast: more)');

function isTheme(value: unknown): value is Theme {
  return (THEMES as readonly unknown[]).includes(value);
}

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

let current: Theme = 'auto';

/**
 * Applies a theme to the page as `data-theme` on <html> and remembers it. "auto" leaves light and
 * dark to the system (theme.css uses light-dark()) and switches to high contrast when the system
 * asks for more contrast.
 */
export function applyTheme(theme: Theme): void {
  current = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private browsing: the theme still applies for this visit.
  }
  const resolved = theme === 'auto' ? (moreContrast.matches ? 'contrast' : null) : theme;
  if (resolved) document.documentElement.dataset.theme = resolved;
  else delete document.documentElement.dataset.theme;
}

moreContrast.addEventListener('change', () => {
  if (current === 'auto') applyTheme('auto');
});
