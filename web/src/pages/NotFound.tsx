import { Link } from 'react-router';
import { PageHeader } from '../ui/PageHeader';

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeader title="Page not found" description="This page does not exist, or not yet." />
      <Link to="/sites" className="button">
        Go to your sites
      </Link>
    </div>
  );
}
