import { createRoot } from 'react-dom/client';
import { bootPane } from '../common/boot';
import { AdminPane } from './AdminPane';

void bootPane(createRoot(document.getElementById('root')!), ({ office, api, auth }) => (
  <AdminPane office={office} api={api} signIn={() => auth.signIn()} />
));
