export function Logo() {
  return (
    <span className="logo">
      <span className="logo-mark" aria-hidden="true">
        i8
      </span>
      <span className="logo-text">IGNY8</span>
    </span>
  );
}
