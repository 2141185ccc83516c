import type { ReactNode } from 'react';

/** A page's heading with its actions beside it (wrapping under it on phones). */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="jz-page-title">
      <h2>{children}</h2>
      {extra}
    </div>
  );
}
