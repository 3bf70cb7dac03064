import { useEffect, useState } from 'react';

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Without clipboard permission (plain http), the text stays selectable beside the button.
      setCopied(false);
    }
  };

  return (
    <button type="button" className="button button-secondary button-small" onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  );
}

/** A read-only value (a link, a secret) with a copy button. */
export function CopyField({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div className="copy-field">
      <label>
        <span className="visually-hidden">{label}</span>
        <input name={name} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <CopyButton text={value} />
    </div>
  );
}
