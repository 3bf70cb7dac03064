import type { ReactNode } from 'react';
import { describeError, type FormFailure } from './errors';

type Tone = 'error' | 'success' | 'warning' | 'info';

export function Banner({ tone, title, children }: { tone: Tone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="banner-title">{title}</p>}
      {children && <div className="banner-body">{children}</div>}
    </div>
  );
}

/** The banner of a form that failed: the general message, or a pointer to the fields. */
export function FormFailureBanner({ failure }: { failure: FormFailure | null }) {
  if (!failure) return null;
  if (failure.message) return <Banner tone="error">{failure.message}</Banner>;
  if (Object.keys(failure.fields).length) return <Banner tone="error">Please correct the highlighted fields.</Banner>;
  return null;
}

/** What a page could not load: why, and a way to ask again. */
export function LoadFailedBanner({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Banner tone="error" title={title}>
      {describeError(error, []).message}{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        Try again
      </button>
    </Banner>
  );
}
