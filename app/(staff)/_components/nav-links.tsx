'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

export interface NavItem {
  href: string;
  label: string;
}
/** Sections that belong together behind one button, so the bar fits one line at 1366 px. */
export interface NavGroup {
  label: string;
  items: readonly NavItem[];
}

const isCurrent = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

/** The staff top navigation; the current section is marked for screen readers and the eye. */
export function NavLinks({ items }: { items: readonly (NavItem | NavGroup)[] }) {
  const pathname = usePathname();
  return (
    <>
      {items.map((item) =>
        'items' in item ? (
          <NavMenu key={item.label} group={item} pathname={pathname} />
        ) : (
          <NavLink key={item.href} item={item} pathname={pathname} />
        ),
      )}
    </>
  );
}

function NavLink({
  item,
  pathname,
  onClick,
}: {
  item: NavItem;
  pathname: string;
  onClick?: () => void;
}) {
  return (
    <Link
      href={item.href}
      aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}
      onClick={onClick}
    >
      {item.label}
    </Link>
  );
}

/**
 * A disclosure (button + list): it opens on click, closes on Escape (the focus back on its
 * button), on a click or focus elsewhere, and when one of its links is followed. Its button is
 * underlined while one of its sections is the current page.
 */
function NavMenu({ group, pathname }: { group: NavGroup; pathname: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const holdsCurrent = group.items.some((item) => isCurrent(pathname, item.href));

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="nav-group"
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={holdsCurrent ? 'nav-group-button is-current' : 'nav-group-button'}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
      >
        {group.label}
        <span aria-hidden="true" className="nav-group-caret">
          ▾
        </span>
      </button>
      <ul id={menuId} className="nav-group-menu" hidden={!open}>
        {group.items.map((item) => (
          <li key={item.href}>
            <NavLink item={item} pathname={pathname} onClick={() => setOpen(false)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
