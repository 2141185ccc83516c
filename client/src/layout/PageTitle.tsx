import type { ReactNode } from 'react';

/** A page's one h1 (it names the page: see useRouteFocus) with its actions beside it (wrapping under it on phones). */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="jz-page-title">
      <h1>{children}</h1>
      {extra}
    </div>
  );
}
